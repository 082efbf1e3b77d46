package com.cloudact.api.organizations;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** The central {@code org_profiles} table. */
@Repository
public class OrgProfiles {

    private static final SqlText FIND = SqlText.of("SELECT * FROM ${central}.org_profiles WHERE org_slug = @org")
            .with("central", DatasetName.CENTRAL);
    private static final SqlText INSERT = SqlText.of("""
            INSERT INTO ${central}.org_profiles (org_slug, company_name, admin_email, org_dataset_id, status,
                subscription_plan, default_currency, default_country, default_language, default_timezone,
                fiscal_year_start_month, dataset_location, created_at, updated_at)
            VALUES (@org, @company, @email, @dataset, @status, @plan, @currency, @country, @language, @timezone,
                @fiscal, @location, @created, @created)""").with("central", DatasetName.CENTRAL);
    private static final SqlText DELETE = SqlText.of("DELETE FROM ${central}.org_profiles WHERE org_slug = @org")
            .with("central", DatasetName.CENTRAL);
    private static final SqlText PAGE = SqlText.of("""
            SELECT * FROM ${central}.org_profiles WHERE (CAST(@status AS STRING) IS NULL OR status = @status)
            ORDER BY created_at, org_slug LIMIT @limit OFFSET @offset""").with("central", DatasetName.CENTRAL);
    private static final SqlText COUNT = SqlText.of("""
            SELECT COUNT(*) AS n FROM ${central}.org_profiles
            WHERE (CAST(@status AS STRING) IS NULL OR status = @status)""").with("central", DatasetName.CENTRAL);
    private static final SqlText LOCALE = SqlText.of("""
            UPDATE ${central}.org_profiles SET default_currency = @currency, default_country = @country,
                default_timezone = @timezone, updated_at = @now
            WHERE org_slug = @org""").with("central", DatasetName.CENTRAL);
    private static final SqlText PLAN = SqlText.of("""
            UPDATE ${central}.org_profiles SET subscription_plan = @plan, updated_at = @now WHERE org_slug = @org""")
            .with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;

    OrgProfiles(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public Optional<OrgProfile> find(OrgSlug org) {
        return warehouse.query(FIND, Map.of("org", org.value())).stream().findFirst().map(OrgProfiles::map);
    }

    void insert(OrgProfile profile) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", profile.slug().value());
        params.put("company", profile.companyName());
        params.put("email", profile.adminEmail());
        params.put("dataset", profile.dataset().value());
        params.put("status", profile.status());
        params.put("plan", profile.subscriptionPlan());
        params.put("currency", profile.defaultCurrency());
        params.put("country", profile.defaultCountry());
        params.put("language", profile.defaultLanguage());
        params.put("timezone", profile.defaultTimezone());
        params.put("fiscal", (long) profile.fiscalYearStartMonth());
        params.put("location", profile.datasetLocation());
        params.put("created", profile.createdAt());
        warehouse.execute(INSERT, params);
    }

    void delete(OrgSlug org) {
        warehouse.execute(DELETE, Map.of("org", org.value()));
    }

    /** A page of profiles (oldest first), optionally of one status, and how many there are in all. */
    record Page(java.util.List<OrgProfile> profiles, long total) {
    }

    Page page(String status, int limit, int offset) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("limit", (long) limit);
        params.put("offset", (long) offset);
        return new Page(warehouse.query(PAGE, params).stream().map(OrgProfiles::map).toList(),
                warehouse.query(COUNT, params).getFirst().longValue("n"));
    }

    void updateLocale(OrgSlug org, String currency, String country, String timezone, java.time.Instant now) {
        warehouse.execute(LOCALE, Map.of("org", org.value(), "currency", currency, "country", country,
                "timezone", timezone, "now", now));
    }

    void updatePlan(OrgSlug org, String plan, java.time.Instant now) {
        warehouse.execute(PLAN, Map.of("org", org.value(), "plan", plan, "now", now));
    }

    private static OrgProfile map(Row row) {
        Long fiscal = row.longValue("fiscal_year_start_month");
        return new OrgProfile(OrgSlug.of(row.string("org_slug")), row.string("company_name"),
                row.string("admin_email"), new DatasetName(row.string("org_dataset_id")), row.string("status"),
                row.string("subscription_plan"), row.string("default_currency"), row.string("default_country"),
                row.string("default_language"), row.string("default_timezone"), fiscal == null ? 1 : fiscal.intValue(),
                row.string("dataset_location"), row.instant("created_at"));
    }
}
