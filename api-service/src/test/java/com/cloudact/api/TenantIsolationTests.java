package com.cloudact.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.SqlText;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the OpenAPI document that is not public, called with a second org's valid key against the first
 * org's data: routes of the first org and root routes must refuse, and no answer may hold the first org's data. The routes come from the document, so a new route is swept too.
 */
class TenantIsolationTests extends ApiIntegrationTest {

    private static final SqlText RUN = SqlText.of("""
            INSERT INTO ${central}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status,
                trigger_type, start_time, end_time, created_at)
            VALUES (@id, @org, 'cloud_aws_cost_billing', 'COMPLETED', 'api', @now, @now, @now)""")
            .with("central", DatasetName.CENTRAL);

    @Test
    void anotherOrgsKeyReachesNoneOfAnOrgsRoutesOrData() {
        OrgSlug victim = newSlug("victim");
        String victimKey = onboarded(victim, Plan.ENTERPRISE);
        String credentialId = post("/api/v1/integrations/" + victim + "/openai/setup", orgKey(victimKey),
                Map.of("credential", ProviderStandIns.OPENAI_KEY)).body().path("credential_id").asString();
        String runId = UUID.randomUUID().toString();
        warehouse.execute(RUN, Map.of("id", runId, "org", victim.value(), "now", Instant.now()));
        OrgSlug intruder = newSlug("intruder");
        String intruderKey = onboarded(intruder, Plan.ENTERPRISE);
        List<String> victimData = List.of(credentialId, runId, "sk-proj-standin", victimKey);

        JsonNode document = get("/openapi.json", Map.of()).body();
        List<String> swept = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (method.getValue().path("security").isEmpty()) {
                return;
            }
            String url = path.getKey().replace("{org_slug}", victim.value())
                    .replace("{pipeline_logging_id}", runId).replace("{org_api_key_hash}", "0".repeat(64))
                    .replace("{provider}", "openai").replace("{category}", "cloud").replace("{domain}", "cost")
                    .replace("{pipeline}", "billing")
                    .replace("{flow}", "payg").replace("{identifier}", "gpt-4o").replace("{model_id}", "gpt-4o")
                    .replace("{subscription_id}", "sub_slack_pro_000000000000").replace("{plan_name}", "PRO");
            assertThat(url).as("every path variable is filled").doesNotContain("{");
            Response answer = call(method.getKey(), url, intruderKey);
            swept.add(method.getKey().toUpperCase() + " " + path.getKey() + " -> " + answer.status());
            boolean rootOnly = !method.getValue().path("security").toString().contains("orgKey");
            if (path.getKey().contains("{org_slug}") || rootOnly) {
                assertThat(answer.status()).as(method.getKey() + " " + url + ": " + answer.raw().body())
                        .isIn(401, 403, 404);
                assertThat(answer.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            }
            // The problem's instance echoes the URL the intruder sent; everything else must be free of victim data.
            String answered = answer.raw().body().replace("\"instance\":\"" + url + "\"", "");
            for (String secret : victimData) {
                assertThat(answered).as(method.getKey() + " " + url).doesNotContain(secret);
            }
        }));

        assertThat(swept).as("org routes swept").filteredOn(s -> s.contains("{org_slug}")).hasSizeGreaterThan(45);
        assertThat(get("/api/v1/integrations/" + victim + "/openai", orgKey(victimKey)).body()
                .path("credential_id").asString()).as("the victim's own key still works").isEqualTo(credentialId);
    }

    private Response call(String method, String url, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).header("Content-Type", "application/json");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        switch (method) {
            case "get" -> request.GET();
            case "delete" -> request.DELETE();
            default -> request.method(method.toUpperCase(), body);
        }
        return send(request, orgKey(key));
    }
}
