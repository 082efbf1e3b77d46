package com.cloudact.pipeline.extract.genai.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.StepOutcome;
import com.cloudact.pipeline.engine.StepStatus;
import com.cloudact.pipeline.standins.AnthropicStandIn;
import com.cloudact.pipeline.standins.GenAiStandIns;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code genai/payg/anthropic} end to end through the engine against the Anthropic stand-in. Until the GenAI cost
 * procedures are merged, the steps after the extract fail for want of them; these tests assert the raw tables.
 */
class AnthropicPaygPipelineTests extends PipelineIntegrationTest {

    static final PipelinePath ANTHROPIC = PipelinePath.of("genai", "payg", "anthropic");
    private static final AnthropicStandIn STAND_IN = GenAiStandIns.ANTHROPIC;

    private OrgSlug org;
    private DatasetName dataset;

    @BeforeEach
    void freshOrgAndProvider() {
        STAND_IN.reset();
        org = OrgSlug.of("anthropic_e2e_" + UUID.randomUUID().toString().substring(0, 8));
        dataset = onboard(org);
    }

    @Test
    void readsTheUsageAndCostReportsIntoTheRawTablesAndARerunReplacesTheDays() {
        String credential = storeCredential(org, Provider.ANTHROPIC, "API_KEY", GenAiStandIns.ANTHROPIC_ADMIN_KEY, null);
        AnthropicUsageSourceTests.threeDays(STAND_IN);
        STAND_IN.pageSize(1);
        Map<String, Object> days = Map.of("start_date", "2026-03-01", "end_date", "2026-03-03");

        extracted(runPipeline(ANTHROPIC, org, dataset, new HashMap<>(days)));
        extracted(runPipeline(ANTHROPIC, org, dataset, new HashMap<>(days)));

        assertThat(count("genai_payg_usage_raw", "TRUE")).isEqualTo(4);
        Row sonnet = single("""
                SELECT * FROM ${ds}.genai_payg_usage_raw
                WHERE model = 'claude-sonnet-4-20250514' AND usage_date = DATE '2026-03-01' AND service_tier IS NULL
                  AND usage_unit IS NULL""");
        assertThat(sonnet.longValue("input_tokens")).isEqualTo(1200);
        assertThat(sonnet.longValue("cached_input_tokens")).isEqualTo(5000);
        assertThat(sonnet.longValue("cache_write_5m_tokens")).isEqualTo(300);
        assertThat(sonnet.longValue("cache_write_1h_tokens")).isEqualTo(50);
        assertThat(sonnet.longValue("output_tokens")).isEqualTo(800);
        assertThat(sonnet.longValue("total_tokens")).isEqualTo(1200 + 5000 + 300 + 50 + 800);
        assertThat(sonnet.string("context_tier")).isEqualTo("0-200k");
        assertThat(sonnet.string("x_credential_id")).isEqualTo(credential);
        Row batch = single("SELECT * FROM ${ds}.genai_payg_usage_raw WHERE service_tier = 'batch'");
        assertThat(batch.string("context_tier")).isEqualTo("200k-1M");
        assertThat(batch.bool("is_batch")).isTrue();
        assertThat(batch.string("project_id")).isEqualTo("wrkspc_01Fixture");
        assertThat(count("genai_payg_usage_raw", "model = 'claude-model-nobody-prices' AND usage_date = DATE '2026-03-03'"))
                .isEqualTo(1);
        assertThat(count("genai_provider_costs_raw", "TRUE")).isEqualTo(3);
        // 123.45 + 0.375 + 2 cents.
        assertThat(single("SELECT SUM(amount) AS total FROM ${ds}.genai_provider_costs_raw").decimal("total"))
                .isEqualByComparingTo("1.25825");

        STAND_IN.reset();
        extracted(runPipeline(ANTHROPIC, org, dataset, new HashMap<>(days)));
        assertThat(count("genai_payg_usage_raw", "TRUE")).isZero();
        assertThat(count("genai_provider_costs_raw", "TRUE")).isZero();
    }

    @Test
    void anErrorPageEndsTheRunWithAnthropicsMessageAndWritesNothing() {
        storeCredential(org, Provider.ANTHROPIC, "API_KEY", GenAiStandIns.ANTHROPIC_ADMIN_KEY, null);
        AnthropicUsageSourceTests.threeDays(STAND_IN);
        String invalid = """
                {"type": "error", "error": {"type": "invalid_request_error", "message": "ending_at must be after starting_at"}}""";
        // Both attempts of the step: the cost report's first page fails after the usage report was read.
        STAND_IN.failNext(StandIn.Reply.json(200, "{\"data\": [], \"has_more\": false, \"next_page\": null}"));
        STAND_IN.failNext(StandIn.Reply.json(400, invalid));
        STAND_IN.failNext(StandIn.Reply.json(200, "{\"data\": [], \"has_more\": false, \"next_page\": null}"));
        STAND_IN.failNext(StandIn.Reply.json(400, invalid));

        RunOutcome outcome = runPipeline(ANTHROPIC, org, dataset,
                new HashMap<>(Map.of("start_date", "2026-03-01", "end_date", "2026-03-03")));

        StepOutcome extract = outcome.steps().getFirst();
        assertThat(extract.status()).isEqualTo(StepStatus.FAILED);
        assertThat(extract.error()).contains("HTTP 400: ending_at must be after starting_at");
        assertThat(count("genai_payg_usage_raw", "TRUE")).isZero();
        assertThat(count("genai_provider_costs_raw", "TRUE")).isZero();
    }

    static void extracted(RunOutcome outcome) {
        StepOutcome extract = outcome.steps().getFirst();
        assertThat(extract.stepId()).isEqualTo("extract_usage");
        assertThat(extract.status()).as(String.valueOf(extract.error())).isEqualTo(StepStatus.COMPLETED);
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
