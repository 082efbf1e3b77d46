package com.cloudact.pipeline.genai;

import static com.cloudact.pipeline.genai.GenAiPaygCostTests.d;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GenAI pipelines end to end on the engine: the cost recompute with its data-quality step (unpriced usage is a
 * warning, a provider bill beyond the tolerance a failure) and the GPU/TPU hours upload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenAiPipelineTests extends PipelineIntegrationTest {

    private static final PipelinePath COST_ONLY = PipelinePath.of("genai", "payg", "cost_only");
    private static final PipelinePath GPU = PipelinePath.of("genai", "infrastructure", "gpu");
    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);
    private final OrgSlug org = OrgSlug.of("genai_pipeline_org");
    private DatasetName dataset;
    private GenAiRows rows;

    @TempDir
    Path scratch;

    @BeforeAll
    void createOrg() {
        dataset = onboard(org);
        rows = new GenAiRows(warehouse, dataset, org.value());
    }

    @BeforeEach
    void empty() {
        rows.clear();
    }

    @Test
    void unknownModelIsKeptAndReportedAsAWarningAndACloseProviderBillPasses() {
        pricedUsage();
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-unreleased-9", "input_tokens", 1234L,
                "output_tokens", 66L));
        // computed 3.50; the provider billed 3.45 (1.45 % less): within the 2 % tolerance
        rows.providerCost("openai", DAY, "3.45");

        RunOutcome outcome = runPipeline(COST_ONLY, org, dataset, dates());

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row dq = lastDqResult("genai_cost_only_quality");
        assertThat(dq.string("overall_status")).isEqualTo("WARNING");
        assertThat(dq.longValue("expectations_failed")).isZero();
        String details = String.valueOf(dq.get("failed_expectations"));
        assertThat(details).contains("gpt-unreleased-9").contains("\"tokens\":\"1300\"").contains("no price in force")
                .contains("\"difference\":\"0.05").contains("\"severity\":\"INFO\"");
        assertThat(count("genai_payg_usage_raw", "model = 'gpt-unreleased-9'")).isEqualTo(1L);
        assertThat(count("genai_payg_costs_daily", "model = 'gpt-unreleased-9'")).isZero();
        assertThat(count("cost_data_standard_1_3", "x_genai_model = 'gpt-4o'")).isEqualTo(1L);
    }

    @Test
    void aProviderBillBeyondTheToleranceFailsTheQualityStepAndRecordsTheDifference() {
        pricedUsage();
        rows.providerCost("openai", DAY, "3.00");

        RunOutcome outcome = runPipeline(COST_ONLY, org, dataset, dates());

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.alertStepId()).isEqualTo("quality");
        Row dq = lastDqResult("genai_cost_only_quality");
        assertThat(dq.string("overall_status")).isEqualTo("FAIL");
        // 3.50 computed against 3.00 reported: 0.50, 16.67 %
        assertThat(String.valueOf(dq.get("failed_expectations"))).contains("\"difference\":\"0.5")
                .contains("\"difference_pct\":\"16.66");
        assertThat(count("cost_data_standard_1_3", "x_genai_model = 'gpt-4o'")).as("costs are written before the check")
                .isEqualTo(1L);
    }

    @Test
    void gpuHoursFromAnUploadedFileArePricedAndConvertedAndAReloadReplacesThem() throws IOException {
        rows.infrastructurePrice(Map.of("provider", "aws_gpu", "resource_type", "gpu", "instance_type", "p5.48xlarge",
                "gpu_type", "H100", "gpu_count", 8L, "region", "us-east-1", "hourly_rate", d("55.04"),
                "spot_discount_pct", 60.0, "reserved_1yr_discount_pct", 30.0));
        Path file = scratch.resolve("gpu-hours.csv");
        Files.writeString(file, """
                usage_date,provider,resource_type,instance_type,region,instance_id,instance_count,hours_used,pricing_type
                2026-05-04,aws_gpu,gpu,p5.48xlarge,us-east-1,i-train-1,1,10,on_demand
                2026-05-04,aws_gpu,gpu,p5.48xlarge,us-east-1,i-batch-2,2,5,spot
                2026-05-05,aws_gpu,gpu,p5.48xlarge,us-east-1,i-train-1,1,24,reserved_1yr
                """);

        for (int run = 0; run < 2; run++) {
            RunOutcome outcome = runPipeline(GPU, org, dataset, upload(file));
            assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        }

        assertThat(count("genai_infrastructure_usage_raw", "TRUE")).isEqualTo(3L);
        // 10 h x 55.04 = 550.40; spot 2 x 5 h x 55.04 = 550.40 - 60 % = 220.16; reserved 24 x 55.04 = 1,320.96 - 30 % = 924.672
        List<Row> focus = rows.query("SELECT ChargePeriodStart, PricingCategory, BilledCost, ListCost, ServiceCategory,"
                + " ConsumedQuantity FROM ${ds}.cost_data_standard_1_3 WHERE x_org_slug = @org ORDER BY ChargePeriodStart,"
                + " PricingCategory", Map.of());
        assertThat(focus).extracting(r -> r.string("PricingCategory") + " " + r.decimal("BilledCost").stripTrailingZeros()
                .toPlainString() + " " + r.decimal("ConsumedQuantity").stripTrailingZeros().toPlainString())
                .containsExactly("Dynamic 220.16 80", "Standard 550.4 80", "Committed 924.672 192");
        assertThat(focus).allMatch(r -> "Compute".equals(r.string("ServiceCategory")));
        assertThat(focus.getFirst().decimal("ListCost")).isEqualByComparingTo("550.40");
    }

    @Test
    void aGpuHoursFileWithoutItsRequiredColumnsFailsAndWritesNothing() throws IOException {
        Path file = scratch.resolve("not-gpu-hours.csv");
        Files.writeString(file, """
                date,provider,instance_type,hours
                2026-05-04,aws_gpu,p5.48xlarge,10
                """);

        RunOutcome outcome = runPipeline(GPU, org, dataset, upload(file));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("lacks the required column");
        assertThat(count("genai_infrastructure_usage_raw", "TRUE")).isZero();
        assertThat(count("genai_infrastructure_costs_daily", "TRUE")).isZero();
    }

    private void pricedUsage() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("2.50"), "output_per_1m", d("10.00")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o", "input_tokens", 1_000_000L,
                "output_tokens", 100_000L));
    }

    private static Map<String, Object> dates() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("start_date", DAY);
        variables.put("end_date", DAY);
        return variables;
    }

    private long count(String table, String condition) {
        return rows.query("SELECT COUNT(*) AS n FROM ${ds}." + table + " WHERE x_org_slug = @org AND " + condition,
                Map.of()).getFirst().longValue("n");
    }

    private Row lastDqResult(String configId) {
        return warehouse.query(SqlText.of("SELECT * FROM ${c}.org_meta_dq_results WHERE org_slug = @org"
                        + " AND dq_config_id = @config ORDER BY executed_at DESC LIMIT 1").with("c", DatasetName.CENTRAL),
                Map.of("org", org.value(), "config", configId)).getFirst();
    }
}
