package com.cloudact.api.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Usage and cost reads of the unified GenAI tables, with rows written straight into them. */
class GenAiCostReadsIntegrationTests extends GenAiRequests {

    private static final String MARCH = "start_date=2026-03-01&end_date=2026-03-31";

    @Test
    void theSummaryAddsExactDecimalsByFlowProviderAndModel() {
        OrgSlug org = newSlug("genai_sum");
        String key = onboarded(org, Plan.STARTER);
        seedCosts(org);

        Response summary = get(costs(org) + "/summary?" + MARCH + "&include_models=true", orgKey(key));

        assertThat(summary.status()).as(summary.body().toString()).isEqualTo(200);
        String body = summary.raw().body();
        // 1.2345678901 + 0.0000000181 + 10.5 + 730 + 3.67, by hand
        assertThat(body).contains("\"total_cost_usd\":745.4045679082");
        assertThat(body).contains("\"by_flow\":{\"commitment\":730,\"infrastructure\":3.67,\"payg\":11.7345679082}");
        assertThat(body).contains("\"by_provider\":{\"anthropic\":10.5,\"azure_openai\":730,\"gcp_gpu\":3.67,"
                + "\"openai\":1.2345679082}");
        assertThat(body).contains("\"a2-highgpu-1g\":3.67", "\"gpt-4o\":731.2345678901", "\"gpt-4o-mini\":1.81E-8",
                "\"claude-sonnet-4-5\":10.5");
        assertThat(summary.body().path("record_count").asLong()).isEqualTo(5);
        assertThat(summary.body().path("period_start").asString()).isEqualTo("2026-03-01");
        assertThat(summary.body().path("period_end").asString()).isEqualTo("2026-03-31");
        Response withoutModels = get(costs(org) + "/summary?" + MARCH, orgKey(key));
        assertThat(withoutModels.body().path("by_model").isNull() || withoutModels.body().path("by_model").isMissingNode())
                .isTrue();
        Response payg = get(costs(org) + "/summary?" + MARCH + "&flow=payg", orgKey(key));
        assertThat(payg.raw().body()).contains("\"total_cost_usd\":11.7345679082");
    }

    @Test
    void costReadsFilterByFlowProviderHierarchyAndLimit() {
        OrgSlug org = newSlug("genai_costs");
        String key = onboarded(org, Plan.STARTER);
        seedCosts(org);

        JsonNode all = get(costs(org) + "?" + MARCH, orgKey(key)).body();
        JsonNode payg = get(costs(org) + "?" + MARCH + "&flow=payg", orgKey(key)).body();
        JsonNode anthropic = get(costs(org) + "?" + MARCH + "&provider=anthropic", orgKey(key)).body();
        JsonNode engineering = get(costs(org) + "?" + MARCH + "&hierarchy_path=/ENG", orgKey(key)).body();
        JsonNode prefixOnly = get(costs(org) + "?" + MARCH + "&hierarchy_path=/EN", orgKey(key)).body();
        JsonNode team = get(costs(org) + "?" + MARCH + "&hierarchy_entity_id=PLATFORM", orgKey(key)).body();
        JsonNode two = get(costs(org) + "?" + MARCH + "&limit=2", orgKey(key)).body();

        assertThat(all).hasSize(5);
        assertThat(all.get(0).path("cost_date").asString()).isEqualTo("2026-03-01");
        assertThat(all.get(0).path("total_cost_usd").decimalValue()).isEqualByComparingTo("1.2345678901");
        assertThat(payg).hasSize(3);
        assertThat(anthropic).hasSize(1);
        assertThat(anthropic.get(0).path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(engineering).hasSize(1);
        assertThat(prefixOnly).isEmpty();
        assertThat(team).hasSize(1);
        assertThat(two).hasSize(2);
    }

    @Test
    void usageReadsTheUnifiedUsageTable() {
        OrgSlug org = newSlug("genai_usage");
        String key = onboarded(org, Plan.STARTER);
        usage(org, "2026-03-01", "payg", "openai", "gpt-4o", 1_200_000L, 300_000L);
        usage(org, "2026-03-02", "payg", "anthropic", "claude-sonnet-4-5", 50_000L, 9_000L);
        usage(org, "2026-02-28", "payg", "openai", "gpt-4o", 1L, 1L);

        Response march = get(usage(org) + "?" + MARCH, orgKey(key));
        Response openai = get(usage(org) + "?" + MARCH + "&provider=openai", orgKey(key));

        assertThat(march.status()).isEqualTo(200);
        assertThat(march.body()).hasSize(2);
        assertThat(march.body().get(0).path("input_tokens").asLong()).isEqualTo(1_200_000L);
        assertThat(march.body().get(0).path("total_tokens").asLong()).isEqualTo(1_500_000L);
        assertThat(openai.body()).hasSize(1);
    }

    @Test
    void dateRangesAreRequiredBoundedAndNotInTheFuture() {
        OrgSlug org = newSlug("genai_dates");
        String key = onboarded(org, Plan.STARTER);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        for (String base : new String[] {usage(org), costs(org), costs(org) + "/summary"}) {
            assertThat(get(base, orgKey(key)).status()).as(base + " without dates").isEqualTo(400);
            assertThat(get(base + "?start_date=2026-03-01", orgKey(key)).status()).isEqualTo(400);
            assertThat(get(base + "?start_date=2026-03-02&end_date=2026-03-01", orgKey(key)).status()).isEqualTo(400);
            assertThat(get(base + "?start_date=2025-01-01&end_date=2026-01-01", orgKey(key)).status())
                    .as("366 days").isEqualTo(400);
            assertThat(get(base + "?start_date=2025-01-01&end_date=2025-12-31", orgKey(key)).status())
                    .as("365 days").isEqualTo(200);
            assertThat(get(base + "?start_date=" + today + "&end_date=" + today.plusDays(1), orgKey(key)).status())
                    .as("future").isEqualTo(400);
            assertThat(get(base + "?start_date=" + today + "&end_date=" + today, orgKey(key)).status()).isEqualTo(200);
            assertThat(get(base + "?" + MARCH + "&flow=tokens", orgKey(key)).status()).isEqualTo(400);
            assertThat(get(base + "?" + MARCH + "&hierarchy_path=ENG", orgKey(key)).status()).isEqualTo(400);
            assertThat(get(base + "?start_date=2026-02-30&end_date=2026-03-01", orgKey(key)).status()).isEqualTo(400);
        }
        assertThat(get(costs(org) + "?" + MARCH + "&limit=0", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(costs(org) + "?" + MARCH + "&limit=10001", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(costs(org) + "?" + MARCH + "&limit=10000", orgKey(key)).status()).isEqualTo(200);
    }

    private void seedCosts(OrgSlug org) {
        cost(org, "2026-03-01", "payg", "openai", "gpt-4o", null, "1.2345678901", null);
        cost(org, "2026-03-02", "payg", "openai", "gpt-4o-mini", null, "0.0000000181", null);
        cost(org, "2026-03-02", "payg", "anthropic", "claude-sonnet-4-5", null, "10.5", "/ENG/PLATFORM");
        cost(org, "2026-03-03", "commitment", "azure_openai", "gpt-4o", null, "730.00", null);
        cost(org, "2026-03-04", "infrastructure", "gcp_gpu", null, "a2-highgpu-1g", "3.67", null);
        cost(org, "2026-04-15", "payg", "openai", "gpt-4o", null, "100", null);
        cost(org, "2026-02-28", "payg", "openai", "gpt-4o", null, "7", null);
    }

    private void cost(OrgSlug org, String date, String flow, String provider, String model, String instance,
                      String total, String path) {
        Map<String, Object> params = lineage(org, date);
        params.put("flow", flow);
        params.put("provider", provider);
        params.put("model", model);
        params.put("instance", instance);
        params.put("total", new BigDecimal(total));
        params.put("path", path);
        params.put("entity", path == null ? null : path.substring(path.lastIndexOf('/') + 1));
        warehouse.execute(SqlText.of("""
                INSERT INTO ${ds}.genai_costs_daily_unified (cost_date, cost_type, provider, model, instance_type,
                    total_cost_usd, x_genai_provider, x_hierarchy_entity_id, x_hierarchy_path, x_org_slug, x_pipeline_id,
                    x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
                VALUES (@date, @flow, @provider, @model, @instance, @total, @provider, @entity, @path, @org,
                    'genai_unified_consolidate', 'cred', @date, 'run', @now, @date)""")
                .with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), params);
    }

    private void usage(OrgSlug org, String date, String flow, String provider, String model, long input, long output) {
        Map<String, Object> params = lineage(org, date);
        params.put("flow", flow);
        params.put("provider", provider);
        params.put("model", model);
        params.put("input", input);
        params.put("output", output);
        params.put("total", input + output);
        warehouse.execute(SqlText.of("""
                INSERT INTO ${ds}.genai_usage_daily_unified (usage_date, cost_type, provider, model, input_tokens,
                    output_tokens, total_tokens, x_genai_provider, x_org_slug, x_pipeline_id, x_credential_id,
                    x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
                VALUES (@date, @flow, @provider, @model, @input, @output, @total, @provider, @org,
                    'genai_unified_consolidate', 'cred', @date, 'run', @now, @date)""")
                .with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), params);
    }

    private static Map<String, Object> lineage(OrgSlug org, String date) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("date", LocalDate.parse(date));
        params.put("now", Instant.now());
        return params;
    }

    private static String costs(OrgSlug org) {
        return "/api/v1/genai/" + org + "/costs";
    }

    private static String usage(OrgSlug org) {
        return "/api/v1/genai/" + org + "/usage";
    }
}
