package com.cloudact.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document the service serves: complete against the spec's tables, with auth and errors described. */
class OpenApiDocumentTests extends ApiIntegrationTest {

    /** Every row of spec §1.0–1.3 and §1.6–1.9, with the reference's placeholders renamed to ours. */
    static final List<String> SPEC_ROWS = List.of(
            // Health
            "GET /", "GET /health", "GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi.json",
            // Admin (15)
            "POST /api/v1/admin/bootstrap", "GET /api/v1/admin/bootstrap/status", "POST /api/v1/admin/bootstrap/sync",
            "POST /api/v1/admin/organizations", "GET /api/v1/admin/organizations/{org_slug}",
            "POST /api/v1/admin/api-keys", "DELETE /api/v1/admin/api-keys/{org_api_key_hash}",
            "POST /api/v1/admin/organizations/{org_slug}/regenerate-api-key",
            "GET /api/v1/admin/audit-logs/{org_slug}", "GET /api/v1/admin/dev/api-key/{org_slug}",
            "POST /api/v1/quota/reset-daily", "POST /api/v1/quota/reset-monthly", "POST /api/v1/quota/cleanup-stale",
            "POST /api/v1/admin/alerts/process-all", "POST /api/v1/admin/pipelines/run-all",
            // Organizations (14)
            "POST /api/v1/organizations/dryrun", "GET /api/v1/organizations/{org_slug}/status",
            "POST /api/v1/organizations/{org_slug}/sync", "POST /api/v1/organizations/onboard",
            "POST /api/v1/organizations/{org_slug}/api-key/rotate", "GET /api/v1/organizations/{org_slug}/api-key",
            "PUT /api/v1/organizations/{org_slug}/subscription", "DELETE /api/v1/organizations/{org_slug}",
            "GET /api/v1/organizations/{org_slug}/subscription", "GET /api/v1/organizations/{org_slug}/locale",
            "PUT /api/v1/organizations/{org_slug}/locale", "GET /api/v1/organizations",
            "POST /api/v1/{org_slug}/repair-tables", "GET /api/v1/organizations/{org_slug}/members/emails",
            // Integrations (14)
            "POST /api/v1/integrations/{org_slug}/gcp/setup", "POST /api/v1/integrations/{org_slug}/openai/setup",
            "POST /api/v1/integrations/{org_slug}/anthropic/setup", "POST /api/v1/integrations/{org_slug}/gemini/setup",
            "POST /api/v1/integrations/{org_slug}/deepseek/setup", "POST /api/v1/integrations/{org_slug}/gcp/validate",
            "POST /api/v1/integrations/{org_slug}/openai/validate",
            "POST /api/v1/integrations/{org_slug}/anthropic/validate",
            "POST /api/v1/integrations/{org_slug}/gemini/validate",
            "POST /api/v1/integrations/{org_slug}/deepseek/validate", "GET /api/v1/integrations/{org_slug}",
            "GET /api/v1/integrations/{org_slug}/{provider}", "PUT /api/v1/integrations/{org_slug}/{provider}",
            "DELETE /api/v1/integrations/{org_slug}/{provider}",
            // Pipeline validator (4)
            "GET /api/v1/validator/pipelines", "GET /api/v1/validator/pipelines/{pipeline_id}",
            "POST /api/v1/validator/validate/{org_slug}", "POST /api/v1/validator/complete/{org_slug}",
            // Pipeline logs (8)
            "GET /api/v1/pipelines/status/{org_slug}", "GET /api/v1/pipelines/{org_slug}/runs",
            "GET /api/v1/pipelines/{org_slug}/runs/{pipeline_logging_id}",
            "GET /api/v1/pipelines/{org_slug}/runs/{pipeline_logging_id}/steps",
            "POST /api/v1/pipelines/{org_slug}/runs/{pipeline_logging_id}/retry",
            "GET /api/v1/pipelines/{org_slug}/runs/{pipeline_logging_id}/download",
            "GET /api/v1/pipelines/{org_slug}/runs/{pipeline_logging_id}/transitions",
            "GET /api/v1/pipelines/{org_slug}/batch-runs",
            // Pipelines proxy (5; its status route is the logs router's, as the spec's shadowing notes)
            "GET /api/v1/pipelines/metrics/cache",
            "POST /api/v1/pipelines/trigger/{org_slug}/{provider}/{domain}/{pipeline}",
            "POST /api/v1/pipelines/run/{org_slug}/{provider}/{domain}/{pipeline}",
            "POST /api/v1/pipelines/run/{org_slug}/{category}/{provider}/{domain}/{pipeline}",
            // Quota (1)
            "GET /api/v1/organizations/{org_slug}/quota");

    @Test
    void everyRowOfTheSpecsTablesIsServed() {
        Set<String> served = operations(document()).stream().map(Op::key).collect(TreeSet::new, Set::add, Set::addAll);

        assertThat(served).containsAll(SPEC_ROWS);
        assertThat(served).contains("POST /api/v1/integrations/{org_slug}/aws/setup",
                "POST /api/v1/integrations/{org_slug}/azure/setup", "POST /api/v1/integrations/{org_slug}/oci/setup");
    }

    @Test
    void everyApiOperationDescribesItsAuthenticationAndErrors() {
        JsonNode document = document();
        assertThat(document.path("components").path("securitySchemes").path("orgKey").path("name").asString())
                .isEqualTo("X-API-Key");
        assertThat(document.path("components").path("securitySchemes").path("rootKey").path("name").asString())
                .isEqualTo("X-CA-Root-Key");
        List<Op> api = operations(document).stream().filter(op -> op.path().startsWith("/api/v1/")).toList();
        assertThat(api).hasSizeGreaterThan(60);
        for (Op op : api) {
            JsonNode responses = op.node().path("responses");
            assertThat(responses.has("400") && responses.has("500")).as(op.key()).isTrue();
            assertThat(responses.path("400").path("content").has("application/problem+json")).as(op.key()).isTrue();
            boolean isPublic = op.path().startsWith("/api/v1/validator/pipelines");
            assertThat(op.node().path("security").isEmpty()).as(op.key() + " security").isEqualTo(isPublic);
            if (!isPublic) {
                assertThat(responses.has("401") && responses.has("403")).as(op.key()).isTrue();
            }
            if (op.path().contains("{org_slug}")) {
                assertThat(responses.has("404")).as(op.key()).isTrue();
            }
        }
    }

    @Test
    void swaggerUiIsServed() {
        Response docs = get("/docs", Map.of());
        assertThat(docs.status()).isEqualTo(302);
        Response ui = get(URI.create(docs.header("Location")).getPath(), Map.of());

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("swagger");
    }

    /** One operation of the document. */
    record Op(String method, String path, JsonNode node) {

        String key() {
            return method + " " + path;
        }
    }

    JsonNode document() {
        Response doc = get("/openapi.json", Map.of());
        assertThat(doc.status()).isEqualTo(200);
        return doc.body();
    }

    static List<Op> operations(JsonNode document) {
        List<Op> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method ->
                operations.add(new Op(method.getKey().toUpperCase(), path.getKey(), method.getValue()))));
        if (document.path("paths").has("/openapi.json")) {
            return operations;
        }
        operations.add(new Op("GET", "/openapi.json", document));
        return operations;
    }
}
