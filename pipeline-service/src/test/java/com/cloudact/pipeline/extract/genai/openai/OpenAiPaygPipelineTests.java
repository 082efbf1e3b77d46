package com.cloudact.pipeline.extract.genai.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.StepOutcome;
import com.cloudact.pipeline.engine.StepStatus;
import com.cloudact.pipeline.standins.GenAiStandIns;
import com.cloudact.pipeline.standins.OpenAiStandIn;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code genai/payg/openai} end to end through the engine against the OpenAI stand-in, with the credential stored as
 * the integrations router stores it. Until the GenAI cost procedures are merged, the later steps of the pipeline
 * fail for want of them; these tests assert what the extract step wrote to the raw tables.
 */
class OpenAiPaygPipelineTests extends PipelineIntegrationTest {

    static final PipelinePath OPENAI = PipelinePath.of("genai", "payg", "openai");
    private static final OpenAiStandIn STAND_IN = GenAiStandIns.OPENAI;

    @TempDir
    Path scratch;

    private OrgSlug org;
    private DatasetName dataset;

    @BeforeEach
    void freshOrgAndProvider() {
        STAND_IN.reset();
        org = OrgSlug.of("openai_e2e_" + UUID.randomUUID().toString().substring(0, 8));
        dataset = onboard(org);
    }

    @Test
    void readsTheUsageAndCostsApisIntoTheRawTablesAndARerunReplacesTheDays() {
        String credential = storeCredential(org, Provider.OPENAI, "API_KEY", GenAiStandIns.OPENAI_ADMIN_KEY,
                "{\"organization_id\": \"org-E2e\"}");
        OpenAiUsageSourceTests.twoDays(STAND_IN);
        STAND_IN.usage("completions", OpenAiUsageSourceTests.DAY2, """
                "input_tokens": 77, "input_cached_tokens": 0, "output_tokens": 7, "num_model_requests": 1,
                "project_id": "proj_a", "model": "gpt-nobody-prices-yet", "batch": false, "service_tier": "default\"""");
        STAND_IN.pageSize(1);

        extracted(run(Map.of("start_date", "2026-03-01", "end_date", "2026-03-02")));
        RunOutcome again = run(Map.of("start_date", "2026-03-01", "end_date", "2026-03-02"));
        extracted(again);

        assertThat(count("genai_payg_usage_raw", "TRUE")).isEqualTo(7);
        // The unknown model is kept in raw, gets no cost, and the quality check names it; the stand-in's reported
        // spend is not what the usage costs at list prices, which the reconciliation reports.
        assertThat(count("genai_payg_costs_daily", "model = 'gpt-nobody-prices-yet'")).isZero();
        assertThat(count("cost_data_standard_1_3", "x_genai_provider = 'openai'")).isPositive();
        String checks = String.valueOf(warehouse.query(SqlText.of("""
                SELECT CAST(failed_expectations AS VARCHAR) AS failed FROM ${c}.org_meta_dq_results
                WHERE org_slug = @org AND dq_config_id = 'genai_openai_quality'
                ORDER BY executed_at DESC LIMIT 1""").with("c", DatasetName.CENTRAL),
                Map.of("org", org.value())).getFirst().string("failed"));
        assertThat(checks).contains("genai_usage_priced", "gpt-nobody-prices-yet", "genai_cost_reconciles");
        assertThat(again.steps().getLast().status()).isEqualTo(StepStatus.FAILED);
        assertThat(count("genai_provider_costs_raw", "TRUE")).isEqualTo(2);
        Row completions = single("""
                SELECT SUM(input_tokens) AS input, SUM(cached_input_tokens) AS cached, SUM(cache_write_5m_tokens) AS writes,
                       SUM(output_tokens) AS output, SUM(request_count) AS requests, SUM(total_tokens) AS total
                FROM ${ds}.genai_payg_usage_raw WHERE usage_source = 'openai.usage.completions'""");
        // 500 + 2000 + 750 + 77 uncached; 400 + 200 cached; 100 + 50 written; 500 + 300 + 700 + 7 output.
        assertThat(completions.longValue("input")).isEqualTo(3327);
        assertThat(completions.longValue("cached")).isEqualTo(600);
        assertThat(completions.longValue("writes")).isEqualTo(150);
        assertThat(completions.longValue("output")).isEqualTo(1507);
        assertThat(completions.longValue("requests")).isEqualTo(9);
        assertThat(completions.longValue("total")).isEqualTo(3327 + 600 + 150 + 1507);
        Row unknown = single("SELECT * FROM ${ds}.genai_payg_usage_raw WHERE model = 'gpt-nobody-prices-yet'");
        assertThat(unknown.longValue("input_tokens")).isEqualTo(77);
        assertThat(unknown.string("x_credential_id")).isEqualTo(credential);
        assertThat(unknown.string("x_pipeline_id")).isEqualTo(OPENAI.fileIdentifier());
        assertThat(unknown.date("x_pipeline_run_date")).isEqualTo(OpenAiUsageSourceTests.DAY2);
        assertThat(single("SELECT is_batch, service_tier FROM ${ds}.genai_payg_usage_raw WHERE model = 'gpt-4o-mini'")
                .bool("is_batch")).isTrue();
        assertThat(single("SELECT usage_quantity FROM ${ds}.genai_payg_usage_raw WHERE usage_unit = 'image'")
                .decimal("usage_quantity")).isEqualByComparingTo("3");
        // NUMERIC is DECIMAL(38,18) on DuckDB: 0.01250000000000000001 is stored as 0.0125 (BigQuery BIGNUMERIC keeps it).
        assertThat(single("SELECT SUM(amount) AS total FROM ${ds}.genai_provider_costs_raw").decimal("total"))
                .isEqualByComparingTo("1.5125");
        assertThat(STAND_IN.requests()).allSatisfy(r -> assertThat(r.header("OpenAI-Organization")).isEqualTo("org-E2e"));
    }

    @Test
    void aSavedPagesUploadLoadsTheSameRowsUnderTheUploadCredential() throws Exception {
        OpenAiUsageSourceTests.twoDays(STAND_IN);
        List<String> lines = new ArrayList<>();
        for (String endpoint : List.of("usage/completions", "usage/embeddings", "usage/images",
                "usage/audio_transcriptions", "costs")) {
            lines.add(savedPage("/v1/organization/" + endpoint));
        }
        Path file = scratch.resolve("openai-pages.jsonl");
        Files.write(file, lines);

        RunOutcome outcome = runPipeline(OPENAI, org, dataset, upload(file));

        extracted(outcome);
        assertThat(count("genai_payg_usage_raw", "x_credential_id = 'upload_openai'")).isEqualTo(6);
        assertThat(count("genai_provider_costs_raw", "x_credential_id = 'upload_openai'")).isEqualTo(2);
        assertThat(single("SELECT SUM(input_tokens) AS input FROM ${ds}.genai_payg_usage_raw").longValue("input"))
                .isEqualTo(500 + 2000 + 750 + 8000);
    }

    @Test
    void anErrorPageEndsTheRunWithOpenAisMessageAndWritesNothing() {
        storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-" + "NotTheKeyTheStandInKnows", null);
        OpenAiUsageSourceTests.twoDays(STAND_IN);

        RunOutcome outcome = run(Map.of("start_date", "2026-03-01", "end_date", "2026-03-02"));

        StepOutcome extract = outcome.steps().getFirst();
        assertThat(extract.status()).isEqualTo(StepStatus.FAILED);
        assertThat(extract.error()).contains("HTTP 401").contains("Incorrect API key provided");
        assertThat(count("genai_payg_usage_raw", "TRUE")).isZero();
        assertThat(count("genai_provider_costs_raw", "TRUE")).isZero();
    }

    private RunOutcome run(Map<String, Object> variables) {
        return runPipeline(OPENAI, org, dataset, new HashMap<>(variables));
    }

    /**
     * Usage was extracted, priced, consolidated and converted to FOCUS. The quality step's verdict is each test's
     * own business: the stand-ins' reported costs are not always what the usage costs at list prices.
     */
    static void extracted(RunOutcome outcome) {
        assertThat(outcome.steps()).extracting(StepOutcome::stepId).containsExactly("extract_usage",
                "calculate_costs", "consolidate", "convert_to_focus", "quality");
        outcome.steps().subList(0, 4).forEach(step -> assertThat(step.status())
                .as(step.stepId() + ": " + step.error()).isEqualTo(StepStatus.COMPLETED));
    }

    private String savedPage(String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(STAND_IN.baseUrl() + path + "?start_time="
                                    + OpenAiStandIn.midnight(OpenAiUsageSourceTests.DAY1) + "&end_time="
                                    + OpenAiStandIn.midnight(OpenAiUsageSourceTests.DAY2.plusDays(1)) + "&limit=31"))
                            .header("Authorization", "Bearer " + GenAiStandIns.OPENAI_ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replace("\n", " ");
        }
    }

    private Row single(String sql) {
        List<Row> rows = warehouse.query(SqlText.of(sql).with("ds", dataset), Map.of());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private long count(String table, String where) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table + " WHERE " + where)
                .with("ds", dataset), Map.of()).getFirst().longValue("n");
    }
}
