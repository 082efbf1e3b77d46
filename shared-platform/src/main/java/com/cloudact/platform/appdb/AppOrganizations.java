package com.cloudact.platform.appdb;

import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.QuotaLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** The {@code organizations} rows of the app database and the frontend's encrypted org API key. */
public class AppOrganizations {

    private final JdbcClient jdbc;

    public AppOrganizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AppOrganization> find(OrgSlug slug) {
        return jdbc.sql("SELECT * FROM organizations WHERE org_slug = :slug AND NOT is_deleted")
                .param("slug", slug.value()).query(AppOrganizations::map).optional();
    }

    /** A new organization, as the checkout webhook or success page creates it. */
    public AppOrganization create(OrgSlug slug, String name, Plan plan, String billingStatus, UUID createdBy) {
        UUID id = UUID.randomUUID();
        QuotaLimits limits = plan.limits();
        jdbc.sql("""
                INSERT INTO organizations (id, org_slug, org_name, plan, billing_status, created_by,
                    pipelines_per_day_limit, pipelines_per_month_limit, concurrent_pipelines_limit, seat_limit,
                    providers_limit)
                VALUES (:id, :slug, :name, :plan, :status, :createdBy, :daily, :monthly, :concurrent, :seats, :providers)""")
                .param("id", id).param("slug", slug.value()).param("name", name).param("plan", plan.name())
                .param("status", billingStatus).param("createdBy", createdBy)
                .param("daily", limits.dailyPipelines()).param("monthly", limits.monthlyPipelines())
                .param("concurrent", limits.concurrentPipelines()).param("seats", limits.seats())
                .param("providers", limits.providers())
                .update();
        return find(slug).orElseThrow();
    }

    /**
     * Records a completed backend onboarding: plan and limits, locale, and the frontend's encrypted copy of the
     * org API key, in one transaction.
     */
    @Transactional
    public void markOnboarded(OrgSlug slug, Plan plan, QuotaLimits limits, String currency, String timezone,
                              byte[] encryptedApiKey, String keyFingerprint) {
        jdbc.sql("""
                UPDATE organizations SET plan = :plan, pipelines_per_day_limit = :daily,
                    pipelines_per_month_limit = :monthly, concurrent_pipelines_limit = :concurrent,
                    seat_limit = :seats, providers_limit = :providers, default_currency = :currency,
                    default_timezone = :timezone, backend_onboarded = true, backend_onboarded_at = now(),
                    backend_api_key_fingerprint = :fingerprint, updated_at = now()
                WHERE org_slug = :slug""")
                .param("plan", plan.name()).param("daily", limits.dailyPipelines())
                .param("monthly", limits.monthlyPipelines()).param("concurrent", limits.concurrentPipelines())
                .param("seats", limits.seats()).param("providers", limits.providers())
                .param("currency", currency).param("timezone", timezone).param("fingerprint", keyFingerprint)
                .param("slug", slug.value())
                .update();
        storeApiKey(slug, encryptedApiKey, keyFingerprint);
    }

    /** A plan or limit change (Stripe webhook, admin): limits not given keep the plan's defaults. */
    public void updateSubscription(OrgSlug slug, Plan plan, QuotaLimits limits, String billingStatus,
                                   java.time.Instant trialEndsAt) {
        jdbc.sql("""
                UPDATE organizations SET plan = :plan, billing_status = :status, trial_ends_at = :trial,
                    pipelines_per_day_limit = :daily, pipelines_per_month_limit = :monthly,
                    concurrent_pipelines_limit = :concurrent, seat_limit = :seats, providers_limit = :providers,
                    updated_at = now()
                WHERE org_slug = :slug AND NOT is_deleted""")
                .param("plan", plan.name()).param("status", billingStatus)
                .param("trial", trialEndsAt == null ? null : java.sql.Timestamp.from(trialEndsAt))
                .param("daily", limits.dailyPipelines()).param("monthly", limits.monthlyPipelines())
                .param("concurrent", limits.concurrentPipelines()).param("seats", limits.seats())
                .param("providers", limits.providers()).param("slug", slug.value())
                .update();
    }

    public void updateLocale(OrgSlug slug, String currency, String timezone) {
        jdbc.sql("""
                UPDATE organizations SET default_currency = :currency, default_timezone = :timezone, updated_at = now()
                WHERE org_slug = :slug AND NOT is_deleted""")
                .param("currency", currency).param("timezone", timezone).param("slug", slug.value()).update();
    }

    /** Offboarding: the row stays for billing history, marked deleted, and its key copy is removed. */
    public void markDeleted(OrgSlug slug) {
        jdbc.sql("DELETE FROM org_api_keys_secure WHERE org_slug = :slug").param("slug", slug.value()).update();
        jdbc.sql("""
                UPDATE organizations SET is_deleted = true, deleted_at = now(), backend_onboarded = false,
                    updated_at = now()
                WHERE org_slug = :slug""").param("slug", slug.value()).update();
    }

    /** Active members with their e-mail, name and role, optionally of one role. */
    public java.util.List<Member> members(OrgSlug slug, String role) {
        return jdbc.sql("""
                SELECT p.email, p.full_name, m.role FROM organization_members m
                JOIN organizations o ON o.id = m.org_id
                JOIN profiles p ON p.id = m.user_id
                WHERE o.org_slug = :slug AND m.status = 'active' AND (CAST(:role AS text) IS NULL OR m.role = :role)
                ORDER BY m.joined_at""")
                .param("slug", slug.value()).param("role", role)
                .query((rs, row) -> new Member(rs.getString("email"), rs.getString("full_name"), rs.getString("role")))
                .list();
    }

    /** An organization member as the org's admins see it. */
    public record Member(String email, String name, String role) {
    }

    public void storeApiKey(OrgSlug slug, byte[] encryptedApiKey, String keyFingerprint) {
        jdbc.sql("""
                INSERT INTO org_api_keys_secure (org_slug, encrypted_api_key, key_fingerprint)
                VALUES (:slug, :key, :fingerprint)
                ON CONFLICT (org_slug) DO UPDATE SET encrypted_api_key = EXCLUDED.encrypted_api_key,
                    key_fingerprint = EXCLUDED.key_fingerprint, updated_at = now()""")
                .param("slug", slug.value()).param("key", encryptedApiKey).param("fingerprint", keyFingerprint)
                .update();
    }

    public Optional<byte[]> encryptedApiKey(OrgSlug slug) {
        return jdbc.sql("SELECT encrypted_api_key FROM org_api_keys_secure WHERE org_slug = :slug")
                .param("slug", slug.value()).query(byte[].class).optional();
    }

    /** The context under which an org's API key is encrypted for the frontend. */
    public static String apiKeyContext(OrgSlug slug) {
        return "org_api_key:" + slug.value();
    }

    private static AppOrganization map(ResultSet rs, int row) throws SQLException {
        Timestamp trialEnds = rs.getTimestamp("trial_ends_at");
        return new AppOrganization(rs.getObject("id", UUID.class), OrgSlug.of(rs.getString("org_slug")),
                rs.getString("org_name"), Plan.parse(rs.getString("plan")), rs.getString("billing_status"),
                (Integer) rs.getObject("pipelines_per_day_limit"), (Integer) rs.getObject("pipelines_per_month_limit"),
                (Integer) rs.getObject("concurrent_pipelines_limit"), (Integer) rs.getObject("seat_limit"),
                (Integer) rs.getObject("providers_limit"), rs.getString("default_currency"),
                rs.getString("default_timezone"), rs.getInt("fiscal_year_start_month"),
                rs.getBoolean("backend_onboarded"),
                Optional.ofNullable(trialEnds).map(Timestamp::toInstant), rs.getString("stripe_subscription_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
