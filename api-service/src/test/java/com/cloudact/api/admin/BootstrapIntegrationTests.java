package com.cloudact.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.platform.warehouse.SqlText;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapIntegrationTests extends ApiIntegrationTest {

    @Test
    void theCentralDatasetMatchesTheCatalogAfterBootstrap() {
        Response status = get("/api/v1/admin/bootstrap/status", root());

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("status").asString()).isEqualTo("SYNCED");
        assertThat(status.body().path("tables_missing").size()).isZero();
        assertThat(status.body().path("tables_existing").toString()).contains("org_profiles", "org_api_keys",
                "org_usage_quotas", "org_meta_pipeline_runs", "org_meta_step_logs", "ref_service_categories");
    }

    @Test
    void bootstrappingAgainWithoutForceIsAConflict() {
        Response again = post("/api/v1/admin/bootstrap", root(), Map.of());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asString()).isEqualTo("BOOTSTRAP_ALREADY_DONE");
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void syncIsIdempotentAndKeepsReferenceDataExact() {
        Response sync = post("/api/v1/admin/bootstrap/sync", root(), Map.of("sync_missing_columns", true));

        assertThat(sync.status()).isEqualTo(200);
        assertThat(sync.body().path("status").asString()).isEqualTo("SUCCESS");
        assertThat(sync.body().path("tables_created").size()).isZero();
        long rows = warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${c}.ref_service_categories")
                .with("c", DatasetName.CENTRAL), Map.of()).getFirst().longValue("n");
        long seedLines = new java.io.BufferedReader(new java.io.InputStreamReader(getClass().getClassLoader()
                .getResourceAsStream("catalog/seeds/ref_service_categories.csv"))).lines()
                .filter(l -> !l.isBlank()).count() - 1;
        assertThat(rows).isEqualTo(seedLines);
    }

    @Test
    void adminRoutesNeedTheRootKey() {
        Response missing = get("/api/v1/admin/bootstrap/status", Map.of());
        Response wrong = get("/api/v1/admin/bootstrap/status", Map.of("X-CA-Root-Key", "not-the-key"));
        Response orgKeyInstead = get("/api/v1/admin/bootstrap/status", Map.of("X-API-Key", "acme_api_whatever"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().path("error").asString()).isEqualTo("ROOT_KEY_REQUIRED");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body().path("error").asString()).isEqualTo("INVALID_ROOT_KEY");
        assertThat(orgKeyInstead.status()).isEqualTo(403);
        assertThat(orgKeyInstead.body().path("error").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void healthProbesArePublic() {
        assertThat(get("/health", Map.of()).body().path("status").asString()).isEqualTo("healthy");
        assertThat(get("/health/live", Map.of()).status()).isEqualTo(200);
        Response ready = get("/health/ready", Map.of());
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("checks").path("setup").asBoolean()).isTrue();
    }
}
