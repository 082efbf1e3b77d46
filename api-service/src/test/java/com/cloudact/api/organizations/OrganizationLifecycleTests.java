package com.cloudact.api.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.TableRef;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The organizations router after onboarding (api.md §1.2): dataset status, sync and repair, key rotation and
 * metadata, subscription, locale, listing, member e-mails, dry-run, offboarding, and onboarding's
 * Idempotency-Key replay and compensation.
 */
class OrganizationLifecycleTests extends ApiIntegrationTest {

    /** Every org dataset holds the catalog's org tables. */
    private static final int ORG_TABLES = TableCatalog.load().tables(DatasetKind.ORG).size();

    private static final List<String> VIEWS = List.of("x_all_notifications", "x_notification_stats",
            "x_org_hierarchy", "x_pipeline_exec_logs");

    @Autowired
    private JdbcClient appDb;

    @Autowired
    private CredentialCipher cipher;

    // ---------------------------------------------------------------- status, sync, repair

    @Test
    void statusComparesTheOrgDatasetWithTheCatalog() {
        OrgSlug org = newSlug("status");
        String key = onboarded(org, Plan.STARTER);

        Response synced = get("/api/v1/organizations/" + org + "/status", root());

        assertThat(synced.status()).isEqualTo(200);
        assertThat(synced.body().path("status").asString()).isEqualTo("SYNCED");
        assertThat(synced.body().path("dataset_exists").asBoolean()).isTrue();
        assertThat(synced.body().path("profile_exists").asBoolean()).isTrue();
        assertThat(synced.body().path("tables_expected").asInt()).isEqualTo(ORG_TABLES);
        assertThat(strings(synced.body().path("tables_existing"))).hasSize(ORG_TABLES).contains("cost_data_standard_1_3");
        assertThat(synced.body().path("tables_missing").size()).isZero();

        warehouse.dropTable(TableRef.of(dataset(org), "genai_payg_pricing"));
        ddl(org, "ALTER TABLE ${ds}.subscription_plans DROP COLUMN notes");
        Response drifted = get("/api/v1/organizations/" + org + "/status", root());

        assertThat(drifted.body().path("status").asString()).isEqualTo("OUT_OF_SYNC");
        assertThat(strings(drifted.body().path("tables_missing"))).containsExactly("genai_payg_pricing");
        assertThat(strings(drifted.body().path("schema_diffs").path("subscription_plans").path("missing_columns")))
                .containsExactly("notes");

        warehouse.dropDataset(dataset(org));
        Response profileOnly = get("/api/v1/organizations/" + org + "/status", root());
        assertThat(profileOnly.body().path("status").asString()).isEqualTo("PROFILE_ONLY");
        assertThat(strings(profileOnly.body().path("tables_missing"))).containsExactly("(entire dataset)");

        Response unknown = get("/api/v1/organizations/" + newSlug("nobody") + "/status", root());
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().path("status").asString()).isEqualTo("NOT_FOUND");
        assertThat(unknown.body().path("profile_exists").asBoolean()).isFalse();
        assertThat(unknown.body().path("tables_missing").size()).isEqualTo(ORG_TABLES);

        assertThat(get("/api/v1/organizations/" + org + "/status", orgKey(key)).status()).isEqualTo(403);
        assertThat(get("/api/v1/organizations/" + org + "/status", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void syncCreatesMissingTablesAddsColumnsOnlyWhenAskedAndRecreatesViews() {
        OrgSlug org = newSlug("sync");
        onboarded(org, Plan.STARTER);
        warehouse.dropTable(TableRef.of(dataset(org), "genai_payg_pricing"));
        ddl(org, "ALTER TABLE ${ds}.subscription_plans DROP COLUMN notes");
        ddl(org, "DROP VIEW ${ds}.x_org_hierarchy");

        Response defaults = post("/api/v1/organizations/" + org + "/sync", root(), Map.of());

        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(defaults.body().path("status").asString()).isEqualTo("SUCCESS");
        assertThat(defaults.body().path("dataset_created").asBoolean()).isFalse();
        assertThat(strings(defaults.body().path("tables_created"))).containsExactly("genai_payg_pricing");
        assertThat(defaults.body().path("columns_added").size()).as("columns are added only when asked").isZero();
        assertThat(strings(defaults.body().path("views_created"))).containsExactly("x_org_hierarchy");
        assertThat(defaults.body().path("errors").size()).isZero();
        assertThat(warehouse.describe(dataset(org))).containsKey("genai_payg_pricing");
        assertThat(warehouse.describe(dataset(org)).get("subscription_plans")).doesNotContain("notes");
        assertThat(count(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}.x_org_hierarchy").with("ds", dataset(org)),
                Map.of())).as("the recreated view reads the org's seeded hierarchy").isEqualTo(20);

        Response columns = post("/api/v1/organizations/" + org + "/sync", root(),
                Map.of("sync_missing_tables", false, "sync_missing_columns", true));

        assertThat(strings(columns.body().path("columns_added").path("subscription_plans"))).containsExactly("notes");
        assertThat(columns.body().path("tables_created").size()).isZero();
        assertThat(columns.body().path("views_created").size()).as("existing views are left alone").isZero();
        assertThat(get("/api/v1/organizations/" + org + "/status", root()).body().path("status").asString())
                .isEqualTo("SYNCED");

        Response views = post("/api/v1/organizations/" + org + "/sync", root(), Map.of("recreate_views", true));
        assertThat(strings(views.body().path("views_created"))).containsExactlyInAnyOrderElementsOf(VIEWS);

        warehouse.dropDataset(dataset(org));
        Response fresh = post("/api/v1/organizations/" + org + "/sync", root(), "");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().path("dataset_created").asBoolean()).isTrue();
        assertThat(fresh.body().path("tables_created").size()).isEqualTo(ORG_TABLES);
        assertThat(strings(fresh.body().path("views_created"))).containsExactlyInAnyOrderElementsOf(VIEWS);
    }

    @Test
    void syncRefusesUnknownAndInactiveOrgsAndUnknownFields() {
        OrgSlug org = newSlug("syncbad");
        String key = onboarded(org, Plan.STARTER);

        Response unknownField = post("/api/v1/organizations/" + org + "/sync", root(), Map.of("drop_everything", true));
        Response withOrgKey = post("/api/v1/organizations/" + org + "/sync", orgKey(key), Map.of());
        Response unknown = post("/api/v1/organizations/" + newSlug("nobody") + "/sync", root(), Map.of());
        setProfileStatus(org, "SUSPENDED");
        Response suspended = post("/api/v1/organizations/" + org + "/sync", root(), Map.of());

        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(withOrgKey.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asString()).isEqualTo("ORG_NOT_FOUND");
        assertThat(suspended.status()).isEqualTo(400);
        assertThat(suspended.body().path("detail").asString()).contains("SUSPENDED");
    }

    @Test
    void repairTablesCreatesOnlyTheMissingTables() {
        OrgSlug org = newSlug("repair");
        String key = onboarded(org, Plan.STARTER);
        warehouse.dropTable(TableRef.of(dataset(org), "genai_payg_pricing"));
        warehouse.dropTable(TableRef.of(dataset(org), "cloud_oci_billing_raw_daily"));

        Response repair = post("/api/v1/" + org + "/repair-tables", root(), Map.of());

        assertThat(repair.status()).isEqualTo(200);
        assertThat(repair.body().path("dataset_id").asString()).isEqualTo(org + "_local");
        assertThat(strings(repair.body().path("tables_created")))
                .containsExactlyInAnyOrder("genai_payg_pricing", "cloud_oci_billing_raw_daily");
        assertThat(repair.body().path("tables_existing").size()).isEqualTo(ORG_TABLES - 2);
        assertThat(repair.body().path("tables_failed").size()).isZero();
        assertThat(warehouse.describe(dataset(org))).containsKeys("genai_payg_pricing", "cloud_oci_billing_raw_daily");
        assertThat(post("/api/v1/" + org + "/repair-tables", root(), Map.of()).body().path("tables_created").size())
                .isZero();
        assertThat(post("/api/v1/" + org + "/repair-tables", orgKey(key), Map.of()).status()).isEqualTo(403);
    }

    @Test
    void repairTablesDoesNotCreateADatasetForAnOrgThatDoesNotExist() {
        OrgSlug ghost = newSlug("ghost");

        Response repair = post("/api/v1/" + ghost + "/repair-tables", root(), Map.of());

        assertThat(repair.status()).isEqualTo(404);
        assertThat(repair.body().path("error").asString()).isEqualTo("ORG_NOT_FOUND");
        assertThat(warehouse.datasetExists(dataset(ghost))).isFalse();
    }

    // ---------------------------------------------------------------- API keys

    @Test
    void rotationRevokesTheOldKeyAndIssuesANewScopedOne() {
        OrgSlug org = newSlug("rotate");
        String oldKey = onboarded(org, Plan.STARTER);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(oldKey)).status()).isEqualTo(200);

        Response rotated = post("/api/v1/organizations/" + org + "/api-key/rotate", orgKey(oldKey),
                Map.of("description", "ci key", "scopes", List.of("costs:read", "pipelines:read"),
                        "expires_in_days", 30));

        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.body().path("api_key").asString();
        assertThat(newKey).matches(org.value() + "_api_[A-Za-z0-9_-]{43}").isNotEqualTo(oldKey);
        assertThat(rotated.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(rotated.body().path("api_key_fingerprint").asString()).isEqualTo(newKey.substring(newKey.length() - 4));
        assertThat(rotated.body().path("previous_key_revoked").asBoolean()).isTrue();

        Response oldKeyNow = get("/api/v1/organizations/" + org + "/api-key", orgKey(oldKey));
        assertThat(oldKeyNow.status()).as("the old key stops working at once").isEqualTo(401);
        assertThat(oldKeyNow.body().path("error").asString()).isEqualTo("INVALID_API_KEY");
        Response metadata = get("/api/v1/organizations/" + org + "/api-key", orgKey(newKey));
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().path("api_key_fingerprint").asString())
                .as("GET api-key shows the last 4 characters of the key's hash")
                .isEqualTo(ApiKeys.hash(newKey).substring(60));
        assertThat(metadata.body().path("is_active").asBoolean()).isTrue();
        assertThat(strings(metadata.body().path("scopes"))).containsExactly("costs:read", "pipelines:read");
        assertThat(Instant.parse(metadata.body().path("expires_at").asString()))
                .isCloseTo(Instant.now().plus(30, ChronoUnit.DAYS), within(5, ChronoUnit.MINUTES));
        assertThat(metadata.body().has("api_key")).as("the secret is never shown again").isFalse();

        List<Row> keys = warehouse.query(SqlText.of("SELECT * FROM ${c}.org_api_keys WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value()));
        assertThat(keys).hasSize(2);
        assertThat(keys.stream().filter(k -> Boolean.TRUE.equals(k.bool("is_active")))
                .map(k -> k.string("org_api_key_hash"))).containsExactly(ApiKeys.hash(newKey));
        byte[] frontendCopy = appOrganizations.encryptedApiKey(org).orElseThrow();
        assertThat(cipher.decryptString(frontendCopy, AppOrganizations.apiKeyContext(org))).isEqualTo(newKey);

        Response withoutAdminScope = post("/api/v1/organizations/" + org + "/api-key/rotate", orgKey(newKey), Map.of());
        assertThat(withoutAdminScope.status()).as("a key without org:admin cannot rotate").isEqualTo(403);
        assertThat(withoutAdminScope.body().path("detail").asString()).contains("org:admin");
        assertThat(put("/api/v1/organizations/" + org + "/locale", orgKey(newKey), Map.of("default_currency", "EUR"))
                .status()).as("nor change the locale").isEqualTo(403);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(newKey)).status()).isEqualTo(200);
    }

    @Test
    void rotationValidatesScopesAndRefusesOtherUnknownAndInactiveOrgs() {
        OrgSlug org = newSlug("rotbad");
        OrgSlug other = newSlug("rotother");
        String key = onboarded(org, Plan.STARTER);
        String otherKey = onboarded(other, Plan.STARTER);

        Response badPattern = post("/api/v1/organizations/" + org + "/api-key/rotate", root(),
                Map.of("scopes", List.of("EVERYTHING")));
        Response unknownScope = post("/api/v1/organizations/" + org + "/api-key/rotate", root(),
                Map.of("scopes", List.of("costs:read", "root:all")));
        Response tooLong = post("/api/v1/organizations/" + org + "/api-key/rotate", root(),
                Map.of("expires_in_days", 5000));
        Response otherOrg = post("/api/v1/organizations/" + org + "/api-key/rotate", orgKey(otherKey), Map.of());

        assertThat(badPattern.status()).isEqualTo(422);
        assertThat(unknownScope.status()).isEqualTo(422);
        assertThat(unknownScope.body().path("detail").asString()).contains("root:all");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(otherOrg.status()).isEqualTo(403);
        assertThat(otherOrg.body().path("error").asString()).isEqualTo("ORG_MISMATCH");
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(key)).status())
                .as("refused rotations revoke nothing").isEqualTo(200);

        assertThat(post("/api/v1/organizations/" + newSlug("nobody") + "/api-key/rotate", root(), Map.of()).status())
                .isEqualTo(404);
        setProfileStatus(other, "SUSPENDED");
        Response inactive = post("/api/v1/organizations/" + other + "/api-key/rotate", root(), Map.of());
        assertThat(inactive.status()).isEqualTo(400);
        assertThat(post("/api/v1/organizations/" + org + "/api-key/rotate", Map.of(), Map.of()).status()).isEqualTo(401);
    }

    @Test
    void rotationIsRateLimitedPerOrgWithRetryAfter() {
        OrgSlug org = newSlug("rotlimit");
        onboarded(org, Plan.STARTER);
        String last = null;
        for (int i = 0; i < 5; i++) {
            Response rotated = post("/api/v1/organizations/" + org + "/api-key/rotate", root(), Map.of());
            assertThat(rotated.status()).isEqualTo(200);
            last = rotated.body().path("api_key").asString();
        }

        Response refused = post("/api/v1/organizations/" + org + "/api-key/rotate", root(), Map.of());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.body().path("detail").asString()).contains("5 requests per minute");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(last)).status())
                .as("the refused rotation did not revoke the last key").isEqualTo(200);
    }

    @Test
    void apiKeyMetadataIsForTheOrgOrRootAndNeedsAnActiveKey() {
        OrgSlug org = newSlug("keymeta");
        OrgSlug other = newSlug("keyother");
        String key = onboarded(org, Plan.STARTER);
        String otherKey = onboarded(other, Plan.STARTER);

        Response asRoot = get("/api/v1/organizations/" + org + "/api-key", root());
        assertThat(asRoot.status()).isEqualTo(200);
        assertThat(asRoot.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(asRoot.body().path("scopes").size()).as("onboarding issues an unscoped key").isZero();
        assertThat(asRoot.body().path("created_at").asString()).isNotBlank();
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(otherKey)).status()).isEqualTo(403);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", Map.of()).status()).isEqualTo(401);

        Response revoked = send(HttpRequest.newBuilder(uri("/api/v1/admin/api-keys/" + ApiKeys.hash(key))).DELETE(),
                root());
        assertThat(revoked.status()).isEqualTo(200);
        Response none = get("/api/v1/organizations/" + org + "/api-key", root());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().path("error").asString()).isEqualTo("NOT_FOUND");
    }

    // ---------------------------------------------------------------- subscription

    @Test
    void subscriptionIsReadByTheOrgAndChangedByRootIncludingTodaysQuotaRow() {
        OrgSlug org = newSlug("plan");
        String key = onboarded(org, Plan.STARTER);
        warehouse.execute(SqlText.of("UPDATE ${c}.org_usage_quotas SET pipelines_run_today = 2 WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value()));

        Response before = get("/api/v1/organizations/" + org + "/subscription", orgKey(key));
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().path("plan_name").asString()).isEqualTo("STARTER");
        assertThat(before.body().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(before.body().path("daily_limit").asInt()).isEqualTo(6);
        assertThat(before.body().path("monthly_limit").asInt()).isEqualTo(180);
        assertThat(before.body().path("concurrent_limit").asInt()).isEqualTo(20);
        assertThat(before.body().path("seat_limit").asInt()).isEqualTo(2);
        assertThat(before.body().path("providers_limit").asInt()).isEqualTo(3);
        assertThat(before.body().path("subscription_id").asString()).isEmpty();

        Map<String, Object> change = Map.of("plan_name", "scale", "daily_limit", 150, "status", "trial",
                "trial_end_date", "2030-01-15");
        Response orgKeyChange = put("/api/v1/organizations/" + org + "/subscription", orgKey(key), change);
        assertThat(orgKeyChange.status()).as("only the operator changes plans").isEqualTo(403);

        Response changed = put("/api/v1/organizations/" + org + "/subscription", root(), change);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("plan_name").asString()).isEqualTo("SCALE");
        assertThat(changed.body().path("status").asString()).isEqualTo("TRIAL");
        assertThat(changed.body().path("daily_limit").asInt()).isEqualTo(150);
        assertThat(changed.body().path("monthly_limit").asInt()).as("missing limits come from the plan").isEqualTo(3000);
        assertThat(changed.body().path("seat_limit").asInt()).isEqualTo(11);
        assertThat(changed.body().path("providers_limit").asInt()).isEqualTo(10);
        assertThat(changed.body().path("updated").asBoolean()).isTrue();

        var account = appOrganizations.find(org).orElseThrow();
        assertThat(account.plan()).isEqualTo(Plan.SCALE);
        assertThat(account.billingStatus()).isEqualTo("trialing");
        assertThat(account.limits().dailyPipelines()).isEqualTo(150);
        assertThat(account.trialEndsAt()).contains(LocalDate.of(2030, 1, 15).atStartOfDay().toInstant(ZoneOffset.UTC));
        Row quota = todaysQuota(org);
        assertThat(quota.longValue("daily_limit")).isEqualTo(150);
        assertThat(quota.longValue("monthly_limit")).isEqualTo(3000);
        assertThat(quota.longValue("concurrent_limit")).isEqualTo(20);
        assertThat(quota.longValue("seat_limit")).isEqualTo(11);
        assertThat(quota.longValue("providers_limit")).isEqualTo(10);
        assertThat(quota.longValue("pipelines_run_today")).as("usage is kept").isEqualTo(2);
        assertThat(profile(org).string("subscription_plan")).isEqualTo("SCALE");

        Response after = get("/api/v1/organizations/" + org + "/subscription", orgKey(key));
        assertThat(after.body().path("status").asString()).isEqualTo("TRIAL");
        assertThat(after.body().path("trial_end_date").asString()).isEqualTo("2030-01-15");
        assertThat(after.body().path("daily_limit").asInt()).isEqualTo(150);

        Response epochMillis = put("/api/v1/organizations/" + org + "/subscription", root(),
                Map.of("trial_end_date", "1900000000000"));
        assertThat(epochMillis.status()).isEqualTo(200);
        assertThat(appOrganizations.find(org).orElseThrow().trialEndsAt())
                .contains(Instant.ofEpochMilli(1_900_000_000_000L));
    }

    @Test
    void subscriptionChangesAreValidated() {
        OrgSlug org = newSlug("planbad");
        String key = onboarded(org, Plan.STARTER);
        OrgSlug other = newSlug("planother");
        String otherKey = onboarded(other, Plan.STARTER);
        String path = "/api/v1/organizations/" + org + "/subscription";

        Response zero = put(path, root(), Map.of("daily_limit", 0));
        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.body().path("errors").toString()).contains("daily_limit");
        assertThat(put(path, root(), Map.of("concurrent_limit", 101)).status()).isEqualTo(422);
        assertThat(put(path, root(), Map.of("plan_name", "GOLD")).status()).isEqualTo(422);
        assertThat(put(path, root(), Map.of("status", "PAUSED")).status()).isEqualTo(422);
        assertThat(put(path, root(), Map.of("trial_end_date", "next week")).status()).isEqualTo(422);
        assertThat(put(path, root(), Map.of("stripe_price", "x")).status()).isEqualTo(422);
        assertThat(put("/api/v1/organizations/" + newSlug("nobody") + "/subscription", root(),
                Map.of("plan_name", "SCALE")).status()).isEqualTo(404);
        assertThat(get(path, orgKey(otherKey)).status()).isEqualTo(403);
        assertThat(get(path, Map.of()).status()).isEqualTo(401);

        var account = appOrganizations.find(org).orElseThrow();
        assertThat(account.plan()).as("refused changes write nothing").isEqualTo(Plan.STARTER);
        assertThat(account.limits().dailyPipelines()).isEqualTo(6);
        assertThat(get(path, orgKey(key)).body().path("plan_name").asString()).isEqualTo("STARTER");
    }

    // ---------------------------------------------------------------- locale

    @Test
    void localeIsReadAndChangedByTheOrgWithSupportedValuesOnly() {
        OrgSlug org = newSlug("locale");
        OrgSlug other = newSlug("localeother");
        String key = onboarded(org, Plan.STARTER);
        String otherKey = onboarded(other, Plan.STARTER);
        String path = "/api/v1/organizations/" + org + "/locale";

        Response initial = get(path, orgKey(key));
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.body().path("default_currency").asString()).isEqualTo("USD");
        assertThat(initial.body().path("default_country").asString()).isEqualTo("US");
        assertThat(initial.body().path("default_language").asString()).isEqualTo("en");
        assertThat(initial.body().path("default_timezone").asString()).isEqualTo("UTC");
        assertThat(initial.body().path("currency_symbol").asString()).isEqualTo("$");
        assertThat(initial.body().path("currency_name").asString()).isEqualTo("US Dollar");
        assertThat(initial.body().path("currency_decimals").asInt()).isEqualTo(2);

        Response currency = put(path, orgKey(key), Map.of("default_currency", "aed"));
        assertThat(currency.status()).isEqualTo(200);
        assertThat(currency.body().path("default_currency").asString()).isEqualTo("AED");
        assertThat(currency.body().path("default_country").asString()).as("country follows currency").isEqualTo("AE");
        assertThat(currency.body().path("currency_name").asString()).isEqualTo("UAE Dirham");
        assertThat(currency.body().path("default_timezone").asString()).as("timezone kept").isEqualTo("UTC");

        Response timezone = put(path, root(), Map.of("default_timezone", "Asia/Dubai"));
        assertThat(timezone.status()).isEqualTo(200);
        assertThat(timezone.body().path("default_timezone").asString()).isEqualTo("Asia/Dubai");
        assertThat(timezone.body().path("default_currency").asString()).as("currency kept").isEqualTo("AED");

        Row profile = profile(org);
        assertThat(profile.string("default_currency")).isEqualTo("AED");
        assertThat(profile.string("default_country")).isEqualTo("AE");
        assertThat(profile.string("default_timezone")).isEqualTo("Asia/Dubai");
        var account = appOrganizations.find(org).orElseThrow();
        assertThat(account.defaultCurrency()).isEqualTo("AED");
        assertThat(account.defaultTimezone()).isEqualTo("Asia/Dubai");

        assertThat(put(path, orgKey(key), Map.of()).status()).as("one of the two is required").isEqualTo(422);
        Response unknownCurrency = put(path, orgKey(key), Map.of("default_currency", "XYZ"));
        assertThat(unknownCurrency.status()).isEqualTo(422);
        assertThat(unknownCurrency.body().path("detail").asString()).contains("default_currency");
        assertThat(put(path, orgKey(key), Map.of("default_currency", "EURO")).status()).isEqualTo(422);
        Response unknownZone = put(path, orgKey(key), Map.of("default_timezone", "Mars/Olympus_Mons"));
        assertThat(unknownZone.status()).isEqualTo(422);
        assertThat(unknownZone.body().path("detail").asString()).contains("default_timezone");
        assertThat(put(path, orgKey(key), Map.of("default_language", "fr")).status()).isEqualTo(422);
        assertThat(put(path, orgKey(otherKey), Map.of("default_currency", "EUR")).status()).isEqualTo(403);
        assertThat(get(path, orgKey(otherKey)).status()).isEqualTo(403);
        assertThat(get(path, orgKey(key)).body().path("default_currency").asString())
                .as("refused changes write nothing").isEqualTo("AED");
    }

    // ---------------------------------------------------------------- listing, members, dry-run

    @Test
    void organizationListPagesAndFiltersByStatus() {
        OrgSlug first = newSlug("listone");
        OrgSlug second = newSlug("listtwo");
        String key = onboarded(first, Plan.PROFESSIONAL);
        onboarded(second, Plan.STARTER);
        onboarded(newSlug("listactive"), Plan.STARTER);
        setProfileStatus(first, "SUSPENDED");
        setProfileStatus(second, "SUSPENDED");

        Response suspended = get("/api/v1/organizations?status=suspended&page_size=100", root());

        assertThat(suspended.status()).isEqualTo(200);
        List<JsonNode> orgs = list(suspended.body().path("organizations"));
        assertThat(orgs).allSatisfy(o -> assertThat(o.path("status").asString()).isEqualTo("SUSPENDED"));
        assertThat(orgs.stream().map(o -> o.path("org_slug").asString())).contains(first.value(), second.value());
        JsonNode mine = orgs.stream().filter(o -> o.path("org_slug").asString().equals(first.value())).findFirst()
                .orElseThrow();
        assertThat(mine.path("company_name").asString()).isEqualTo("Acme & Sons (Test)");
        assertThat(mine.path("admin_email").asString()).isEqualTo("admin@example.com");
        assertThat(mine.path("subscription_plan").asString()).isEqualTo("PROFESSIONAL");
        assertThat(mine.path("default_currency").asString()).isEqualTo("USD");
        assertThat(mine.path("default_timezone").asString()).isEqualTo("UTC");
        assertThat(mine.path("created_at").asString()).isNotBlank();
        assertThat(suspended.body().path("total").asLong()).isEqualTo(orgs.size());
        assertThat(suspended.body().path("has_next").asBoolean()).isFalse();

        Response all = get("/api/v1/organizations", root());
        assertThat(all.body().path("page").asInt()).isEqualTo(1);
        assertThat(all.body().path("page_size").asInt()).isEqualTo(50);
        long total = all.body().path("total").asLong();
        assertThat(total).isGreaterThan(orgs.size());
        assertThat(list(all.body().path("organizations"))).hasSize((int) Math.min(50, total));

        Response page1 = get("/api/v1/organizations?status=SUSPENDED&page=1&page_size=1", root());
        Response page2 = get("/api/v1/organizations?status=SUSPENDED&page=2&page_size=1", root());
        Response last = get("/api/v1/organizations?status=SUSPENDED&page=" + orgs.size() + "&page_size=1", root());
        Response beyond = get("/api/v1/organizations?status=SUSPENDED&page=" + (orgs.size() + 1) + "&page_size=1", root());
        assertThat(page1.body().path("organizations").size()).isEqualTo(1);
        assertThat(page1.body().path("has_next").asBoolean()).isTrue();
        assertThat(page2.body().path("organizations").path(0).path("org_slug").asString())
                .isNotEqualTo(page1.body().path("organizations").path(0).path("org_slug").asString());
        assertThat(last.body().path("has_next").asBoolean()).isFalse();
        assertThat(beyond.body().path("organizations").size()).isZero();

        assertThat(get("/api/v1/organizations?page=0", root()).status()).isEqualTo(400);
        assertThat(get("/api/v1/organizations?page_size=101", root()).status()).isEqualTo(400);
        assertThat(get("/api/v1/organizations?page_size=many", root()).status()).isEqualTo(400);
        assertThat(get("/api/v1/organizations", orgKey(key)).status()).isEqualTo(403);
        assertThat(get("/api/v1/organizations", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void memberEmailsComeFromTheAppDatabaseFilteredByRole() {
        OrgSlug org = newSlug("members");
        String key = onboarded(org, Plan.STARTER);
        String owner = member(org, "owner", "active", "Olivia Owner");
        String collaborator = member(org, "collaborator", "active", "Carl Collab");
        member(org, "read_only", "inactive", "Rita Former");
        String path = "/api/v1/organizations/" + org + "/members/emails";

        Response everyone = get(path, root());

        assertThat(everyone.status()).isEqualTo(200);
        assertThat(everyone.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(everyone.body().path("count").asInt()).as("inactive members are left out").isEqualTo(2);
        assertThat(list(everyone.body().path("members")).stream().map(m -> m.path("email").asString()))
                .containsExactly(owner, collaborator);
        assertThat(everyone.body().path("members").path(0).path("name").asString()).isEqualTo("Olivia Owner");
        assertThat(everyone.body().path("members").path(0).path("role").asString()).isEqualTo("owner");

        Response owners = get(path + "?role=owner", root());
        assertThat(owners.body().path("count").asInt()).isEqualTo(1);
        assertThat(owners.body().path("members").path(0).path("email").asString()).isEqualTo(owner);
        assertThat(get(path + "?role=read_only", root()).body().path("count").asInt()).isZero();
        assertThat(get(path + "?role=admin", root()).status()).isEqualTo(400);
        assertThat(get("/api/v1/organizations/" + newSlug("nobody") + "/members/emails", root()).status())
                .isEqualTo(404);
        assertThat(get(path, orgKey(key)).status()).isEqualTo(403);
    }

    @Test
    void dryrunChecksTheOnboardingInputsWithoutWriting() {
        OrgSlug fresh = newSlug("dryfresh");
        register(fresh, Plan.STARTER, "trialing");
        OrgSlug existing = newSlug("dryexist");
        String key = onboarded(existing, Plan.STARTER);

        Response ready = post("/api/v1/organizations/dryrun", root(), dryrunBody(fresh.value(), "a@b.co", "scale"));

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("status").asString()).isEqualTo("SUCCESS");
        assertThat(ready.body().path("ready_for_onboarding").asBoolean()).isTrue();
        assertThat(ready.body().path("subscription_plan").asString()).isEqualTo("SCALE");
        assertThat(ready.body().path("validation_summary").path("total_checks").asInt()).isEqualTo(7);
        assertThat(ready.body().path("validation_summary").path("all_passed").asBoolean()).isTrue();
        assertThat(list(ready.body().path("validation_results")).stream().map(c -> c.path("check_name").asString()))
                .contains("org_slug_format", "org_existence", "subscription_plan", "central_tables", "email_format");
        assertThat(profileExists(fresh)).as("a dry-run writes nothing").isFalse();
        assertThat(warehouse.datasetExists(dataset(fresh))).isFalse();

        Response taken = post("/api/v1/organizations/dryrun", root(), dryrunBody(existing.value(), "a@b.co", "STARTER"));
        assertThat(taken.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(taken.body().path("ready_for_onboarding").asBoolean()).isFalse();
        assertThat(failedChecks(taken)).containsExactly("org_existence");

        Response bad = post("/api/v1/organizations/dryrun", root(), dryrunBody("bad-slug", "not-an-email", "GOLD"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(failedChecks(bad)).contains("org_slug_format", "org_existence", "subscription_plan", "email_format");
        assertThat(bad.body().path("validation_summary").path("failed").asInt()).isEqualTo(failedChecks(bad).size());

        Response unregistered = post("/api/v1/organizations/dryrun", root(),
                dryrunBody(newSlug("dryghost").value(), "a@b.co", "STARTER"));
        assertThat(failedChecks(unregistered)).containsExactly("account_registered");

        assertThat(post("/api/v1/organizations/dryrun", root(), Map.of("org_slug", "abc")).status()).isEqualTo(422);
        assertThat(post("/api/v1/organizations/dryrun", orgKey(key), dryrunBody(fresh.value(), "a@b.co", "STARTER"))
                .status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- offboarding

    @Test
    void offboardingNeedsTheSlugConfirmedThenRemovesTheOrgAndItsKey() {
        OrgSlug org = newSlug("offboard");
        String key = onboarded(org, Plan.STARTER);
        assertThat(get("/api/v1/organizations/" + org + "/locale", orgKey(key)).status()).isEqualTo(200);
        String path = "/api/v1/organizations/" + org;

        assertThat(delete(path, root(), null).status()).isEqualTo(400);
        Response mismatch = delete(path, root(), Map.of("confirm_org_slug", "someone_else"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body().path("detail").asString()).contains("confirm_org_slug");
        assertThat(delete(path, orgKey(key), Map.of("confirm_org_slug", org.value())).status()).isEqualTo(403);
        assertThat(profileExists(org)).as("refused offboardings delete nothing").isTrue();

        Response offboarded = delete(path, root(), Map.of("confirm_org_slug", org.value().toUpperCase(),
                "delete_dataset", true));

        assertThat(offboarded.status()).isEqualTo(200);
        assertThat(offboarded.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(offboarded.body().path("dataset_deleted").asBoolean()).isTrue();
        assertThat(strings(offboarded.body().path("deleted_from_tables")))
                .contains("org_profiles", "org_api_keys", "org_usage_quotas", "org_hierarchy", "org_hierarchy_levels")
                .doesNotContain("org_audit_logs");

        Response oldKey = get("/api/v1/organizations/" + org + "/locale", orgKey(key));
        assertThat(oldKey.status()).as("the org's key fails at once").isEqualTo(401);
        assertThat(profileExists(org)).isFalse();
        for (String table : List.of("org_api_keys", "org_usage_quotas", "org_hierarchy", "org_hierarchy_levels")) {
            assertThat(rows(table, org)).as(table).isZero();
        }
        assertThat(warehouse.datasetExists(dataset(org))).isFalse();
        assertThat(appOrganizations.find(org)).as("the app row is flagged deleted").isEmpty();
        assertThat(appDb.sql("SELECT is_deleted FROM organizations WHERE org_slug = :org").param("org", org.value())
                .query(Boolean.class).single()).isTrue();
        assertThat(appOrganizations.encryptedApiKey(org)).isEmpty();
        assertThat(count(SqlText.of("""
                SELECT COUNT(*) AS n FROM ${c}.org_audit_logs
                WHERE org_slug = @org AND action = 'DELETE' AND resource_type = 'ORGANIZATION'""")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value()))).as("the audit trail is kept").isEqualTo(1);

        assertThat(delete(path, root(), Map.of("confirm_org_slug", org.value())).status()).isEqualTo(404);
        assertThat(get("/api/v1/organizations/" + org + "/status", root()).body().path("status").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void offboardingKeepsTheDatasetUnlessAsked() {
        OrgSlug org = newSlug("offkeep");
        onboarded(org, Plan.STARTER);

        Response offboarded = delete("/api/v1/organizations/" + org, root(), Map.of("confirm_org_slug", org.value()));

        assertThat(offboarded.status()).isEqualTo(200);
        assertThat(offboarded.body().path("dataset_deleted").asBoolean()).isFalse();
        assertThat(warehouse.datasetExists(dataset(org))).isTrue();
        assertThat(profileExists(org)).isFalse();
    }

    // ---------------------------------------------------------------- onboarding replay and compensation

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerWithoutASecondKey() {
        OrgSlug org = newSlug("idem");
        OrgSlug other = newSlug("idemother");
        register(org, Plan.STARTER, "active");
        register(other, Plan.STARTER, "active");
        String idempotencyKey = "onboard-" + UUID.randomUUID();
        Map<String, String> headers = Map.of("X-CA-Root-Key", ROOT_KEY, "Idempotency-Key", idempotencyKey);

        Response first = post("/api/v1/organizations/onboard", headers, onboardBody(org.value(), "STARTER"));
        Response replay = post("/api/v1/organizations/onboard", headers, onboardBody(org.value(), "STARTER"));

        assertThat(first.status()).isEqualTo(200);
        String key = first.body().path("api_key").asString();
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(replay.body().path("org_dataset_id").asString()).isEqualTo(first.body().path("org_dataset_id").asString());
        assertThat(replay.body().path("subscription_plan").asString()).isEqualTo("STARTER");
        assertThat(replay.body().path("tables_created")).isEqualTo(first.body().path("tables_created"));
        assertThat(replay.body().path("api_key").asString()).as("the key is never stored in clear").isEqualTo("[redacted]");
        assertThat(replay.body().path("dryrun_status").asString()).isEqualTo("CACHED");
        assertThat(rows("org_api_keys", org)).as("no second key").isEqualTo(1);
        assertThat(rows("org_profiles", org)).isEqualTo(1);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(key)).status()).isEqualTo(200);

        Response planChanged = post("/api/v1/organizations/onboard", headers, onboardBody(org.value(), "SCALE"));
        assertThat(planChanged.status()).as("the key is bound to its first request").isEqualTo(422);
        assertThat(planChanged.body().path("detail").asString()).contains("different request");
        assertThat(appOrganizations.find(org).orElseThrow().plan()).isEqualTo(Plan.STARTER);

        Response otherOrg = post("/api/v1/organizations/onboard", headers, onboardBody(other.value(), "STARTER"));
        assertThat(otherOrg.status()).isEqualTo(409);
        assertThat(otherOrg.body().path("error").asString()).isEqualTo("ALREADY_EXISTS");
        assertThat(profileExists(other)).isFalse();

        Response badKey = post("/api/v1/organizations/onboard",
                Map.of("X-CA-Root-Key", ROOT_KEY, "Idempotency-Key", "short"), onboardBody(other.value(), "STARTER"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body().path("error").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(profileExists(other)).isFalse();
    }

    @Test
    void reOnboardingWithRegenerateAppliesThePlanAndLocaleEverywhereAndKeepsTheKey() {
        OrgSlug org = newSlug("reonboard");
        String key = onboarded(org, Plan.STARTER);
        Map<String, Object> body = new HashMap<>(onboardBody(org.value(), "PROFESSIONAL"));
        body.put("regenerate_api_key_if_exists", true);
        body.put("default_currency", "EUR");
        body.put("default_timezone", "Europe/Berlin");

        Response again = post("/api/v1/organizations/onboard", root(), body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("api_key").asString()).as("the active key is returned").isEqualTo(key);
        assertThat(again.body().path("subscription_plan").asString()).isEqualTo("PROFESSIONAL");
        assertThat(again.body().path("default_currency").asString()).isEqualTo("EUR");
        assertThat(again.body().path("dataset_created").asBoolean()).isFalse();
        assertThat(again.body().path("dryrun_status").asString()).isEqualTo("SKIPPED");
        assertThat(rows("org_api_keys", org)).isEqualTo(1);
        var account = appOrganizations.find(org).orElseThrow();
        assertThat(account.plan()).isEqualTo(Plan.PROFESSIONAL);
        assertThat(account.limits().dailyPipelines()).isEqualTo(25);
        assertThat(account.defaultCurrency()).isEqualTo("EUR");
        Row profile = profile(org);
        assertThat(profile.string("subscription_plan")).as("the profile follows the account").isEqualTo("PROFESSIONAL");
        assertThat(profile.string("default_currency")).isEqualTo("EUR");
        assertThat(profile.string("default_country")).isEqualTo("DE");
        assertThat(profile.string("default_timezone")).isEqualTo("Europe/Berlin");
        assertThat(get("/api/v1/organizations/" + org + "/locale", orgKey(key)).body().path("default_timezone")
                .asString()).isEqualTo("Europe/Berlin");
        Row quota = todaysQuota(org);
        assertThat(quota.longValue("daily_limit")).as("today's row takes the new limits at once").isEqualTo(25);
        assertThat(quota.longValue("monthly_limit")).isEqualTo(750);

        send(HttpRequest.newBuilder(uri("/api/v1/admin/api-keys/" + ApiKeys.hash(key))).DELETE(), root());
        Response withoutActiveKey = post("/api/v1/organizations/onboard", root(), body);
        String fresh = withoutActiveKey.body().path("api_key").asString();
        assertThat(fresh).as("a new key when none is active").isNotEqualTo(key).startsWith(org.value() + "_api_");
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(fresh)).status()).isEqualTo(200);
    }

    @Test
    void onboardingRefusesUnsupportedCurrencyAndTimezone() {
        OrgSlug org = newSlug("onbloc");
        register(org, Plan.STARTER, "active");
        Map<String, Object> currency = new HashMap<>(onboardBody(org.value(), "STARTER"));
        currency.put("default_currency", "BTC");
        Map<String, Object> timezone = new HashMap<>(onboardBody(org.value(), "STARTER"));
        timezone.put("default_timezone", "Europe/Atlantis");

        Response badCurrency = post("/api/v1/organizations/onboard", root(), currency);
        Response badTimezone = post("/api/v1/organizations/onboard", root(), timezone);

        assertThat(badCurrency.status()).isEqualTo(422);
        assertThat(badCurrency.body().path("detail").asString()).contains("default_currency");
        assertThat(badTimezone.status()).isEqualTo(422);
        assertThat(badTimezone.body().path("detail").asString()).contains("default_timezone");
        assertThat(profileExists(org)).isFalse();
        assertThat(warehouse.datasetExists(dataset(org))).isFalse();
    }

    @Test
    void aFailedOnboardingRemovesWhatItCreatedButKeepsTheAccount() {
        OrgSlug org = newSlug("undo");
        register(org, Plan.STARTER, "active");
        // The app database refuses the last step (marking the org onboarded) for this org only.
        String function = "fail_onboarding_" + org.value();
        appDb.sql("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN RAISE EXCEPTION 'app database unavailable'; END $f$""".formatted(function)).update();
        appDb.sql("""
                CREATE TRIGGER %1$s BEFORE UPDATE ON organizations FOR EACH ROW
                WHEN (NEW.org_slug = '%2$s' AND NEW.backend_onboarded) EXECUTE FUNCTION %1$s()"""
                .formatted(function, org.value())).update();
        Response failed;
        try {
            failed = post("/api/v1/organizations/onboard", root(), onboardBody(org.value(), "STARTER"));
        } finally {
            appDb.sql("DROP TRIGGER %1$s ON organizations".formatted(function)).update();
            appDb.sql("DROP FUNCTION %1$s()".formatted(function)).update();
        }

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body().path("detail").asString()).isEqualTo("Internal server error");
        assertThat(failed.raw().body()).doesNotContain("app database unavailable");
        assertThat(profileExists(org)).isFalse();
        for (String table : List.of("org_api_keys", "org_usage_quotas", "org_hierarchy", "org_hierarchy_levels")) {
            assertThat(rows(table, org)).as(table).isZero();
        }
        assertThat(warehouse.datasetExists(dataset(org))).isFalse();
        var account = appOrganizations.find(org);
        assertThat(account).as("the account row is never deleted").isPresent();
        assertThat(account.orElseThrow().backendOnboarded()).isFalse();

        Response retried = post("/api/v1/organizations/onboard", root(), onboardBody(org.value(), "STARTER"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(rows("org_api_keys", org)).isEqualTo(1);
        assertThat(rows("org_hierarchy", org)).isEqualTo(20);
    }

    // ---------------------------------------------------------------- helpers

    private Response put(String path, Map<String, String> headers, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), headers);
    }

    private Response delete(String path, Map<String, String> headers, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (body == null) {
            request.DELETE();
        } else {
            request.header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return send(request, headers);
    }

    private static DatasetName dataset(OrgSlug org) {
        return DatasetName.forOrg(org, DeploymentEnv.LOCAL);
    }

    private void ddl(OrgSlug org, String statement) {
        warehouse.execute(SqlText.of(statement).with("ds", dataset(org)), Map.of());
    }

    private void setProfileStatus(OrgSlug org, String status) {
        warehouse.execute(SqlText.of("UPDATE ${c}.org_profiles SET status = @status WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("status", status, "org", org.value()));
    }

    private Row profile(OrgSlug org) {
        return warehouse.query(SqlText.of("SELECT * FROM ${c}.org_profiles WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst();
    }

    private boolean profileExists(OrgSlug org) {
        return rows("org_profiles", org) > 0;
    }

    private Row todaysQuota(OrgSlug org) {
        return warehouse.query(SqlText.of("SELECT * FROM ${c}.org_usage_quotas WHERE org_slug = @org AND usage_date = @d")
                        .with("c", DatasetName.CENTRAL),
                Map.of("org", org.value(), "d", LocalDate.now(ZoneOffset.UTC))).getFirst();
    }

    private long rows(String centralTable, OrgSlug org) {
        return count(SqlText.of("SELECT COUNT(*) AS n FROM ${c}." + centralTable + " WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value()));
    }

    private long count(SqlText sql, Map<String, ?> params) {
        return warehouse.query(sql, params).getFirst().longValue("n");
    }

    /** An app-database user who is a member of the org; returns the e-mail. */
    private String member(OrgSlug org, String role, String status, String name) {
        UUID user = UUID.randomUUID();
        String email = role + "." + user.toString().substring(0, 8) + "@" + org.value().replace('_', '-') + ".test";
        appDb.sql("INSERT INTO profiles (id, email, full_name) VALUES (:id, :email, :name)")
                .param("id", user).param("email", email).param("name", name).update();
        appDb.sql("""
                INSERT INTO organization_members (id, org_id, user_id, role, status, joined_at)
                SELECT :id, o.id, :user, :role, :status, now() FROM organizations o WHERE o.org_slug = :org""")
                .param("id", UUID.randomUUID()).param("user", user).param("role", role).param("status", status)
                .param("org", org.value()).update();
        return email;
    }

    private static Map<String, Object> dryrunBody(String slug, String email, String plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("org_slug", slug);
        body.put("company_name", "Dry Run Inc");
        body.put("admin_email", email);
        body.put("subscription_plan", plan);
        return body;
    }

    private static List<String> failedChecks(Response dryrun) {
        return list(dryrun.body().path("validation_results")).stream().filter(c -> !c.path("passed").asBoolean())
                .map(c -> c.path("check_name").asString()).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
