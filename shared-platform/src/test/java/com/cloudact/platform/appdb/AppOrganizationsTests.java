package com.cloudact.platform.appdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.QuotaLimits;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The app database's organizations on a real embedded PostgreSQL migrated by Flyway. */
class AppOrganizationsTests {

    @TempDir
    static Path dataDirectory;

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static AppOrganizations organizations;
    private static UUID owner;

    @BeforeAll
    static void startDatabase() {
        String url = EmbeddedAppDb.acquire(dataDirectory);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(2);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/appdb").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        organizations = new AppOrganizations(jdbc);
        owner = UUID.randomUUID();
        jdbc.sql("INSERT INTO profiles (id, email) VALUES (:id, 'owner@example.com')").param("id", owner).update();
    }

    @AfterAll
    static void stopDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
        EmbeddedAppDb.release(dataDirectory);
    }

    @Test
    void aCreatedOrganizationIsFoundWithItsPlanLimitsAndDefaults() {
        AppOrganization created = organizations.create(OrgSlug.of("created_org"), "Created Org", Plan.PROFESSIONAL,
                "trialing", owner);

        assertThat(created.slug()).isEqualTo(OrgSlug.of("created_org"));
        assertThat(created.name()).isEqualTo("Created Org");
        assertThat(created.plan()).isEqualTo(Plan.PROFESSIONAL);
        assertThat(created.limits()).isEqualTo(Plan.PROFESSIONAL.limits());
        assertThat(created.dailyLimit()).isEqualTo(25);
        assertThat(created.billingStatus()).isEqualTo("trialing");
        assertThat(created.subscriptionActive()).isTrue();
        assertThat(created.subscriptionStatus()).isEqualTo("TRIAL");
        assertThat(created.defaultCurrency()).isEqualTo("USD");
        assertThat(created.defaultTimezone()).isEqualTo("UTC");
        assertThat(created.fiscalYearStartMonth()).isEqualTo(1);
        assertThat(created.backendOnboarded()).isFalse();
        assertThat(created.trialEndsAt()).isEmpty();
        assertThat(organizations.find(OrgSlug.of("created_org"))).hasValueSatisfying(found ->
                assertThat(found.id()).isEqualTo(created.id()));
    }

    @Test
    void findIgnoresTheCaseOfTheSlug() {
        AppOrganization created = organizations.create(OrgSlug.of("Mixed_Case_Org"), "Mixed", Plan.STARTER, "active",
                null);

        assertThat(jdbc.sql("SELECT org_slug FROM organizations WHERE id = :id").param("id", created.id())
                .query(String.class).single()).isEqualTo("mixed_case_org");
        assertThat(organizations.find(OrgSlug.of("MIXED_CASE_ORG"))).map(AppOrganization::id).contains(created.id());
        assertThat(organizations.find(OrgSlug.of("mixed_case_org"))).map(AppOrganization::id).contains(created.id());
    }

    @Test
    void unknownAndDeletedOrganizationsAreNotFound() {
        organizations.create(OrgSlug.of("deleted_org"), "Deleted", Plan.STARTER, "canceled", owner);
        jdbc.sql("UPDATE organizations SET is_deleted = true, deleted_at = now() WHERE org_slug = 'deleted_org'").update();

        assertThat(organizations.find(OrgSlug.of("deleted_org"))).isEmpty();
        assertThat(organizations.find(OrgSlug.of("never_created"))).isEmpty();
    }

    @Test
    void limitsFallBackToThePlanWhereTheOrganizationHasNone() {
        organizations.create(OrgSlug.of("fallback_org"), "Fallback", Plan.SCALE, "active", owner);
        jdbc.sql("""
                UPDATE organizations SET pipelines_per_day_limit = NULL, pipelines_per_month_limit = NULL,
                    concurrent_pipelines_limit = NULL, seat_limit = 40, providers_limit = NULL
                WHERE org_slug = 'fallback_org'""").update();

        AppOrganization found = organizations.find(OrgSlug.of("fallback_org")).orElseThrow();

        assertThat(found.dailyLimit()).isNull();
        assertThat(found.limits()).isEqualTo(new QuotaLimits(100, 3000, 20, 40, 10));
    }

    @Test
    void markOnboardedStoresPlanLimitsLocaleAndTheEncryptedKey() {
        OrgSlug slug = OrgSlug.of("onboarded_org");
        organizations.create(slug, "Onboarded", Plan.STARTER, "active", owner);
        byte[] encrypted = "encrypted-key-bytes".getBytes(StandardCharsets.UTF_8);
        QuotaLimits custom = new QuotaLimits(30, 900, 5, 8, 7);

        organizations.markOnboarded(slug, Plan.PROFESSIONAL, custom, "EUR", "Europe/Berlin", encrypted, "wxyz");

        AppOrganization found = organizations.find(slug).orElseThrow();
        assertThat(found.backendOnboarded()).isTrue();
        assertThat(found.plan()).isEqualTo(Plan.PROFESSIONAL);
        assertThat(found.limits()).isEqualTo(custom);
        assertThat(found.defaultCurrency()).isEqualTo("EUR");
        assertThat(found.defaultTimezone()).isEqualTo("Europe/Berlin");
        assertThat(organizations.encryptedApiKey(slug)).hasValue(encrypted);
        assertThat(jdbc.sql("""
                SELECT backend_api_key_fingerprint FROM organizations
                WHERE org_slug = 'onboarded_org' AND backend_onboarded_at IS NOT NULL""")
                .query(String.class).single()).isEqualTo("wxyz");
    }

    @Test
    void storingAnotherKeyReplacesTheFirst() {
        OrgSlug slug = OrgSlug.of("rotated_org");
        organizations.create(slug, "Rotated", Plan.STARTER, "active", owner);
        organizations.storeApiKey(slug, new byte[] {1, 2, 3}, "aaaa");

        organizations.storeApiKey(slug, new byte[] {4, 5, 6}, "bbbb");

        assertThat(organizations.encryptedApiKey(slug)).hasValue(new byte[] {4, 5, 6});
        assertThat(jdbc.sql("SELECT count(*) FROM org_api_keys_secure WHERE org_slug = 'rotated_org'")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(organizations.encryptedApiKey(OrgSlug.of("no_key_org"))).isEmpty();
    }

    @Test
    void aSlugIsUnique() {
        organizations.create(OrgSlug.of("unique_org"), "Unique", Plan.STARTER, "active", owner);

        assertThatThrownBy(() -> organizations.create(OrgSlug.of("UNIQUE_ORG"), "Again", Plan.STARTER, "active", owner))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theDatabaseRejectsAnInvalidSlugInsertedDirectly() {
        for (String slug : new String[] {"bad-slug", "Upper_Case", "ab", "../etc", "x".repeat(51)}) {
            assertThatThrownBy(() -> jdbc.sql("""
                    INSERT INTO organizations (id, org_slug, org_name) VALUES (:id, :slug, 'Bad')""")
                    .param("id", UUID.randomUUID()).param("slug", slug).update())
                    .as(slug)
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("organizations_org_slug_check");
        }
    }

    @Test
    void theApiKeyContextNamesTheOrganization() {
        assertThat(AppOrganizations.apiKeyContext(OrgSlug.of("Acme"))).isEqualTo("org_api_key:acme");
    }
}
