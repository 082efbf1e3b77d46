package com.cloudact.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.warehouse.SqlText;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator's routes under {@code /admin} (api.md §1.1): legacy org creation and stats, key issue, revoke and
 * regenerate, the development key read-back, the audit trail and the bootstrap status. All need the root key.
 */
class AdminRoutesTests extends ApiIntegrationTest {

    @Test
    void everyAdminRouteNeedsTheRootKey() {
        OrgSlug org = newSlug("adminauth");
        String key = onboarded(org, Plan.STARTER);
        String hash = ApiKeys.hash(key);
        List<HttpRequest.Builder> routes = List.of(
                postJson("/api/v1/admin/organizations", Map.of("org_slug", newSlug("legacyauth").value())),
                HttpRequest.newBuilder(uri("/api/v1/admin/organizations/" + org)).GET(),
                postJson("/api/v1/admin/api-keys", Map.of("org_slug", org.value())),
                HttpRequest.newBuilder(uri("/api/v1/admin/api-keys/" + hash)).DELETE(),
                postJson("/api/v1/admin/organizations/" + org + "/regenerate-api-key", Map.of()),
                HttpRequest.newBuilder(uri("/api/v1/admin/dev/api-key/" + org)).GET(),
                HttpRequest.newBuilder(uri("/api/v1/admin/audit-logs/" + org)).GET(),
                HttpRequest.newBuilder(uri("/api/v1/admin/bootstrap/status")).GET(),
                postJson("/api/v1/admin/alerts/process-all", Map.of("org_slug", org.value(), "dry_run", true)));

        for (HttpRequest.Builder route : routes) {
            HttpRequest request = route.build();
            String name = request.method() + " " + request.uri().getPath();
            Response withOrgKey = sendPatiently(route, orgKey(key));
            Response withoutKey = sendPatiently(route, Map.of());
            Response wrongRoot = sendPatiently(route, Map.of("X-CA-Root-Key", "not-the-root-key"));

            assertThat(withOrgKey.status()).as(name + " with the org's own key").isEqualTo(403);
            assertThat(withOrgKey.body().path("error").asString()).as(name).isEqualTo("FORBIDDEN");
            assertThat(withOrgKey.header("Content-Type")).as(name).startsWith("application/problem+json");
            assertThat(withoutKey.status()).as(name + " without a key").isEqualTo(401);
            assertThat(withoutKey.body().path("error").asString()).as(name).isEqualTo("ROOT_KEY_REQUIRED");
            assertThat(wrongRoot.status()).as(name + " with a wrong root key").isEqualTo(403);
            assertThat(wrongRoot.body().path("error").asString()).as(name).isEqualTo("INVALID_ROOT_KEY");
        }
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(key)).status())
                .as("refused revoke and regenerate calls changed nothing").isEqualTo(200);
        assertThat(countRows("org_api_keys", org)).isEqualTo(1);

        Response status = get("/api/v1/admin/bootstrap/status", root());
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("status").asString()).isEqualTo("SYNCED");
        assertThat(status.body().path("dataset_exists").asBoolean()).isTrue();
        assertThat(status.body().path("tables_expected").asInt()).isEqualTo(status.body().path("tables_existing").size());
    }

    @Test
    void legacyCreationOnboardsAStarterTrialAndReportsStats() {
        OrgSlug org = newSlug("legacy");

        Response created = createLegacy(Map.of("org_slug", org.value(), "description", "Legacy Co"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(created.body().path("datasets_created").asBoolean()).isTrue();
        assertThat(created.body().path("api_keys_count").asLong()).isEqualTo(1);
        assertThat(created.body().path("total_pipeline_runs").asLong()).isZero();
        assertThat(created.body().has("api_key")).as("the legacy route never returns the key").isFalse();
        var account = appOrganizations.find(org).orElseThrow();
        assertThat(account.name()).isEqualTo("Legacy Co");
        assertThat(account.plan()).isEqualTo(Plan.STARTER);
        assertThat(account.billingStatus()).isEqualTo("trialing");
        assertThat(account.backendOnboarded()).isTrue();
        assertThat(warehouse.datasetExists(DatasetName.forOrg(org, DeploymentEnv.LOCAL))).isTrue();
        assertThat(countRows("org_usage_quotas", org)).isEqualTo(1);

        Response again = createLegacy(Map.of("org_slug", org.value()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asString()).isEqualTo("ORG_ALREADY_EXISTS");
        Response invalid = createLegacy(Map.of("org_slug", "Upper_Case_Slug", "plan", "SCALE"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("error").asString()).isEqualTo("VALIDATION_FAILED");

        for (int i = 0; i < 2; i++) {
            warehouse.execute(SqlText.of("""
                    INSERT INTO ${c}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status,
                        start_time, created_at)
                    VALUES (@id, @org, 'x', 'COMPLETED', @now, @now)""").with("c", DatasetName.CENTRAL),
                    Map.of("id", UUID.randomUUID().toString(), "org", org.value(), "now", Instant.now()));
        }
        Response stats = get("/api/v1/admin/organizations/" + org, root());
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.body().path("total_pipeline_runs").asLong()).isEqualTo(2);
        assertThat(stats.body().path("api_keys_count").asLong()).isEqualTo(1);
        assertThat(stats.body().path("datasets_created").asBoolean()).isTrue();
        Response unknown = get("/api/v1/admin/organizations/" + newSlug("nobody"), root());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asString()).isEqualTo("ORG_NOT_FOUND");
    }

    @Test
    void keysAreIssuedOnlyWhenNoneIsActiveAndRevokedByHash() {
        OrgSlug org = newSlug("adminkeys");
        String first = onboarded(org, Plan.STARTER);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(first)).status()).isEqualTo(200);

        Response conflict = post("/api/v1/admin/api-keys", root(), Map.of("org_slug", org.value()));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().path("error").asString()).isEqualTo("ALREADY_EXISTS");

        Response revoked = delete("/api/v1/admin/api-keys/" + ApiKeys.hash(first));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("org_api_key_hash").asString()).isEqualTo(ApiKeys.hash(first));
        assertThat(revoked.body().path("org_slug").asString()).isEqualTo(org.value());
        Response revokedKey = get("/api/v1/organizations/" + org + "/api-key", orgKey(first));
        assertThat(revokedKey.status()).as("a revoked key fails at once").isEqualTo(401);
        assertThat(revokedKey.header("WWW-Authenticate")).isEqualTo("ApiKey");

        Response issued = post("/api/v1/admin/api-keys", root(), Map.of("org_slug", org.value().toUpperCase(),
                "description", "ops key"));
        assertThat(issued.status()).isEqualTo(200);
        String second = issued.body().path("api_key").asString();
        assertThat(second).matches(org.value() + "_api_[A-Za-z0-9_-]{43}");
        assertThat(issued.body().path("org_api_key_hash").asString()).isEqualTo(ApiKeys.hash(second));
        assertThat(issued.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(issued.body().path("description").asString()).isEqualTo("ops key");
        assertThat(issued.body().path("created_at").asString()).isNotBlank();
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(second)).status()).isEqualTo(200);
        assertThat(countRows("org_api_keys", org)).isEqualTo(2);

        assertThat(delete("/api/v1/admin/api-keys/not-a-hash").status()).isEqualTo(400);
        Response unknownHash = delete("/api/v1/admin/api-keys/" + "0".repeat(64));
        assertThat(unknownHash.status()).isEqualTo(404);
        assertThat(post("/api/v1/admin/api-keys", root(), Map.of("org_slug", newSlug("nobody").value())).status())
                .isEqualTo(404);
        assertThat(post("/api/v1/admin/api-keys", root(), Map.of("org_slug", "bad-slug!")).status()).isEqualTo(422);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(second)).status())
                .as("refused calls left the new key alone").isEqualTo(200);
    }

    @Test
    void regenerateRevokesEveryActiveKeyAndIssuesOne() {
        OrgSlug org = newSlug("regen");
        String old = onboarded(org, Plan.STARTER);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(old)).status()).isEqualTo(200);

        Response regenerated = post("/api/v1/admin/organizations/" + org + "/regenerate-api-key", root(), Map.of());

        assertThat(regenerated.status()).isEqualTo(200);
        String fresh = regenerated.body().path("api_key").asString();
        assertThat(fresh).startsWith(org.value() + "_api_").isNotEqualTo(old);
        assertThat(regenerated.body().path("org_api_key_hash").asString()).isEqualTo(ApiKeys.hash(fresh));
        assertThat(regenerated.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(old)).status()).isEqualTo(401);
        assertThat(get("/api/v1/organizations/" + org + "/api-key", orgKey(fresh)).status()).isEqualTo(200);
        assertThat(countActiveKeys(org)).isEqualTo(1);

        Response unknown = post("/api/v1/admin/organizations/" + newSlug("nobody") + "/regenerate-api-key", root(),
                Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        warehouse.execute(SqlText.of("UPDATE ${c}.org_profiles SET status = 'SUSPENDED' WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value()));
        Response inactive = post("/api/v1/admin/organizations/" + org + "/regenerate-api-key", root(), Map.of());
        assertThat(inactive.status()).isEqualTo(400);
        assertThat(inactive.body().path("detail").asString()).contains("SUSPENDED");
        assertThat(countActiveKeys(org)).as("an inactive org's key is not regenerated").isEqualTo(1);
    }

    @Test
    void theDevelopmentRouteReturnsTheActiveKeyOutsideProduction() {
        OrgSlug org = newSlug("devkey");
        String key = onboarded(org, Plan.STARTER);

        Response current = get("/api/v1/admin/dev/api-key/" + org, root());

        assertThat(current.status()).isEqualTo(200);
        assertThat(current.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(current.body().path("api_key").asString()).isEqualTo(key);
        assertThat(current.body().path("message").asString()).containsIgnoringCase("development");

        String regenerated = post("/api/v1/admin/organizations/" + org + "/regenerate-api-key", root(), Map.of())
                .body().path("api_key").asString();
        assertThat(get("/api/v1/admin/dev/api-key/" + org, root()).body().path("api_key").asString())
                .isEqualTo(regenerated);

        delete("/api/v1/admin/api-keys/" + ApiKeys.hash(regenerated));
        Response none = get("/api/v1/admin/dev/api-key/" + org, root());
        assertThat(none.status()).isEqualTo(404);
        assertThat(get("/api/v1/admin/dev/api-key/" + newSlug("nobody"), root()).status()).isEqualTo(404);
    }

    @Test
    void theAuditTrailHoldsEveryWriteAndIsFilteredAndPaged() {
        OrgSlug org = newSlug("audit");
        OrgSlug other = newSlug("auditother");
        String key = onboarded(org, Plan.STARTER);
        onboarded(other, Plan.STARTER);
        String user = UUID.randomUUID().toString();
        Map<String, String> asUser = new HashMap<>(orgKey(key));
        asUser.put("X-User-ID", user);
        asUser.put("User-Agent", "audit-test/1.0");
        assertThat(put("/api/v1/organizations/" + org + "/locale", asUser, Map.of("default_currency", "EUR")).status())
                .isEqualTo(200);
        assertThat(put("/api/v1/organizations/" + org + "/subscription", root(), Map.of("plan_name", "PROFESSIONAL"))
                .status()).isEqualTo(200);
        Response rotated = post("/api/v1/organizations/" + org + "/api-key/rotate", orgKey(key), Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        String keyId = warehouse.query(SqlText.of("SELECT org_api_key_id FROM ${c}.org_api_keys WHERE org_api_key_hash = @h")
                .with("c", DatasetName.CENTRAL), Map.of("h", ApiKeys.hash(key))).getFirst().string("org_api_key_id");
        String path = "/api/v1/admin/audit-logs/" + org;

        Response all = get(path, root());

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(all.body().path("total_count").asInt()).isEqualTo(4);
        assertThat(all.body().path("has_more").asBoolean()).isFalse();
        List<JsonNode> logs = list(all.body().path("logs"));
        assertThat(logs.stream().map(l -> l.path("action").asString() + " " + l.path("resource_type").asString()))
                .as("newest first").containsExactly("ROTATE API_KEY", "UPDATE SUBSCRIPTION", "UPDATE ORGANIZATION",
                        "CREATE ORGANIZATION");
        assertThat(logs).allSatisfy(l -> {
            assertThat(l.path("status").asString()).isEqualTo("SUCCESS");
            assertThat(l.path("audit_id").asString()).isNotBlank();
            assertThat(l.path("request_id").asString()).isNotBlank();
            assertThat(l.path("created_at").asString()).isNotBlank();
        });
        JsonNode rotation = logs.get(0);
        assertThat(rotation.path("api_key_id").asString()).as("the key that rotated").isEqualTo(keyId);
        assertThat(rotation.path("details").path("revoked_keys").asInt()).isEqualTo(1);
        assertThat(rotation.toString()).doesNotContain(rotated.body().path("api_key").asString());
        JsonNode subscription = logs.get(1);
        assertThat(subscription.path("api_key_id").asString()).isEqualTo("root");
        assertThat(subscription.path("details").path("plan").asString()).isEqualTo("PROFESSIONAL");
        JsonNode locale = logs.get(2);
        assertThat(locale.path("user_id").asString()).isEqualTo(user);
        assertThat(locale.path("user_agent").asString()).isEqualTo("audit-test/1.0");
        assertThat(locale.path("ip_address").asString()).isNotBlank();
        assertThat(locale.path("resource_id").asString()).isEqualTo(org.value());
        assertThat(locale.path("details").path("default_currency").asString()).isEqualTo("EUR");

        assertThat(actions(get(path + "?action=rotate", root()))).containsExactly("ROTATE");
        assertThat(actions(get(path + "?resource_type=ORGANIZATION", root()))).containsExactly("UPDATE", "CREATE");
        assertThat(actions(get(path + "?action=UPDATE&resource_type=SUBSCRIPTION", root()))).containsExactly("UPDATE");
        assertThat(actions(get(path + "?status=FAILURE", root()))).isEmpty();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(actions(get(path + "?start_date=" + today + "&end_date=" + today, root()))).hasSize(4);
        assertThat(actions(get(path + "?start_date=" + today.plusDays(1), root()))).isEmpty();
        assertThat(actions(get(path + "?end_date=" + today.minusDays(1), root()))).isEmpty();

        Response firstPage = get(path + "?limit=3", root());
        assertThat(firstPage.body().path("total_count").asInt()).isEqualTo(3);
        assertThat(firstPage.body().path("has_more").asBoolean()).isTrue();
        Response secondPage = get(path + "?limit=3&offset=3", root());
        assertThat(actions(secondPage)).containsExactly("CREATE");
        assertThat(secondPage.body().path("has_more").asBoolean()).isFalse();

        for (String bad : List.of("action=DESTROY", "resource_type=PLANET", "status=MAYBE", "limit=0", "limit=1001",
                "offset=-1", "start_date=yesterday", "end_date=2024-13-01")) {
            Response refused = get(path + "?" + bad, root());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().path("error").asString()).as(bad).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(list(get("/api/v1/admin/audit-logs/" + other, root()).body().path("logs")))
                .extracting(l -> l.path("action").asString()).containsExactly("CREATE");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The legacy creation route has one per-minute budget for all callers (global = true), which the generated
     * sweeps of other test classes spend too: a 429 is waited out as its Retry-After says, as a real client would.
     */
    private Response createLegacy(Map<String, Object> body) {
        return sendPatiently(postJson("/api/v1/admin/organizations", body), root());
    }

    private Response sendPatiently(HttpRequest.Builder request, Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            Response response = send(request.copy(), headers);
            if (response.status() != 429 || attempt == 3) {
                return response;
            }
            try {
                Thread.sleep(Long.parseLong(response.header("Retry-After")) * 1000 + 250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    private HttpRequest.Builder postJson(String path, Object body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    private Response put(String path, Map<String, String> headers, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), headers);
    }

    private Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), root());
    }

    private long countRows(String table, OrgSlug org) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${c}." + table + " WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst().longValue("n");
    }

    private long countActiveKeys(OrgSlug org) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${c}.org_api_keys WHERE org_slug = @org AND is_active")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst().longValue("n");
    }

    private static List<String> actions(Response page) {
        assertThat(page.status()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        page.body().path("logs").forEach(l -> actions.add(l.path("action").asString()));
        return actions;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
