package com.cloudact.pipeline.genai;

import static com.cloudact.pipeline.genai.GenAiPaygCostTests.d;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.focus.FocusSpec;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.procedures.ProcedureLibrary;
import com.cloudact.platform.warehouse.Row;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The commitment and infrastructure cost procedures, consolidation and the FOCUS conversion on DuckDB, against
 * hand-computed figures; every procedure re-run replaces its rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenAiFlowsTests extends PipelineIntegrationTest {

    private static final LocalDate MAR_10 = LocalDate.of(2026, 3, 10);
    private static final LocalDate MAR_11 = LocalDate.of(2026, 3, 11);
    private static final LocalDate APR_02 = LocalDate.of(2026, 4, 2);
    private final OrgSlug org = OrgSlug.of("genai_flows_formula");
    private DatasetName dataset;
    private GenAiRows rows;

    @Autowired
    private ProcedureLibrary procedures;

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
    void commitmentIsBilledForAtLeastTheMinimumUnitsWithTermDiscount() {
        commitments();

        call("sp_genai_commitment_cost", null, MAR_10, MAR_11);
        call("sp_genai_commitment_cost", null, MAR_10, MAR_11);

        List<Row> costs = rows.query("SELECT * FROM ${ds}.genai_commitment_costs_daily WHERE x_org_slug = @org"
                + " ORDER BY cost_date", Map.of());
        assertThat(costs).hasSize(2);
        // Azure PTU: 10 provisioned < 15 minimum -> 15 units x 1.00 x 24 h = 360.00; 6 used of 15 = 40 %;
        // 360 / (6 used x 24 h) = 2.50 per used unit-hour
        Row ptu = costs.get(0);
        assertThat(ptu.longValue("provisioned_units")).isEqualTo(15L);
        assertThat(ptu.decimal("commitment_cost_usd")).isEqualByComparingTo("360.00");
        assertThat(ptu.decimal("total_cost_usd")).isEqualByComparingTo("360.00");
        assertThat((Double) ptu.get("utilization_pct")).isEqualTo(40.0);
        assertThat(ptu.decimal("effective_rate_per_unit")).isEqualByComparingTo("2.50");
        // Bedrock: 14,600 / month / 730 h = 20.00 per unit-hour; 2 units x 20 x 12 h = 480 list, 20 % term -> 384
        Row bedrock = costs.get(1);
        assertThat(bedrock.decimal("total_cost_usd")).isEqualByComparingTo("384.00");
        assertThat(bedrock.decimal("list_cost_usd")).isEqualByComparingTo("480.00");
    }

    @Test
    void infrastructureAppliesTheSpotDiscountAndCountsGpusPerInstance() {
        infrastructure();

        call("sp_genai_infrastructure_cost", null, MAR_10, MAR_10);
        call("sp_genai_infrastructure_cost", null, MAR_10, MAR_10);

        Map<String, Row> byType = new HashMap<>();
        rows.query("SELECT * FROM ${ds}.genai_infrastructure_costs_daily WHERE x_org_slug = @org", Map.of())
                .forEach(r -> byType.put(r.string("instance_type"), r));
        assertThat(byType).hasSize(2);
        // spot: 10 h x 2 instances x 3.67 = 73.40; 70 % off = 51.38; total 22.02; 20 GPU-hours -> 1.101
        Row spot = byType.get("a2-highgpu-1g");
        assertThat(spot.decimal("base_cost_usd")).isEqualByComparingTo("73.40");
        assertThat(spot.decimal("discount_applied_usd")).isEqualByComparingTo("51.38");
        assertThat(spot.decimal("total_cost_usd")).isEqualByComparingTo("22.02");
        assertThat((Double) spot.get("gpu_hours")).isEqualTo(20.0);
        assertThat(spot.decimal("effective_hourly_rate")).isEqualByComparingTo("1.101");
        // on demand, global rate: 5 h x 88.00 = 440.00; 8 GPUs -> 40 GPU-hours -> 11.00
        Row onDemand = byType.get("a3-highgpu-8g");
        assertThat(onDemand.decimal("total_cost_usd")).isEqualByComparingTo("440.00");
        assertThat((Double) onDemand.get("gpu_hours")).isEqualTo(40.0);
        assertThat(onDemand.decimal("effective_hourly_rate")).isEqualByComparingTo("11.00");
    }

    @Test
    void consolidationAndFocusCoverAllThreeFlowsOnceAndLeaveCloudBilledMonthsToTheCloudBill() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("2.50"), "output_per_1m", d("10.00")));
        rows.price(Map.of("provider", "azure_openai", "model", "gpt-4o", "region", "eastus", "input_per_1m", d("2.50"),
                "output_per_1m", d("10.00")));
        rows.usage(Map.of("usage_date", MAR_10, "provider", "openai", "model", "gpt-4o", "input_tokens", 1_000_000L,
                "output_tokens", 100_000L));
        rows.usage(Map.of("usage_date", MAR_10, "provider", "azure_openai", "model", "gpt-4o", "region", "eastus",
                "input_tokens", 2_000_000L));
        rows.usage(Map.of("usage_date", APR_02, "provider", "azure_openai", "model", "gpt-4o", "region", "eastus",
                "input_tokens", 4_000_000L));
        commitments();
        infrastructure();
        rows.cloudFocusRow("azure", LocalDate.of(2026, 3, 1), "1000.00");

        for (int run = 0; run < 2; run++) {
            call("sp_genai_payg_cost", null, MAR_10, APR_02);
            call("sp_genai_commitment_cost", null, MAR_10, APR_02);
            call("sp_genai_infrastructure_cost", null, MAR_10, APR_02);
            call("sp_genai_consolidate", null, MAR_10, APR_02);
            call("sp_genai_convert_to_focus", null, MAR_10, APR_02);
        }

        // unified: openai 3.50; azure 5.00 + 10.00; PTU 360.00; Bedrock 384.00; GPUs 22.02 + 440.00 = 1,224.52
        Row unified = rows.query("SELECT COUNT(*) AS n, SUM(total_cost_usd) AS total FROM ${ds}.genai_costs_daily_unified"
                + " WHERE x_org_slug = @org", Map.of()).getFirst();
        assertThat(unified.longValue("n")).isEqualTo(7L);
        assertThat(unified.decimal("total")).isEqualByComparingTo("1224.52");
        Row usage = rows.query("SELECT COUNT(*) AS n, SUM(input_tokens) AS input FROM ${ds}.genai_usage_daily_unified"
                + " WHERE x_org_slug = @org", Map.of()).getFirst();
        assertThat(usage.longValue("n")).isEqualTo(7L);
        assertThat(usage.decimal("input")).isEqualByComparingTo("7000000");

        // FOCUS: Azure OpenAI in March (tokens 5.00, PTU 360.00) is on the Azure bill already -> left out
        List<Row> focus = rows.query("SELECT * FROM ${ds}.cost_data_standard_1_3 WHERE x_org_slug = @org"
                + " AND x_genai_cost_type IS NOT NULL ORDER BY ChargePeriodStart, x_genai_provider", Map.of());
        assertThat(focus).extracting(r -> r.string("x_genai_provider") + "/" + r.string("x_genai_cost_type"))
                .containsExactlyInAnyOrder("openai/payg", "gcp_gpu/infrastructure", "gcp_gpu/infrastructure",
                        "aws_bedrock/commitment", "azure_openai/payg");
        BigDecimal billed = focus.stream().map(r -> r.decimal("BilledCost")).reduce(BigDecimal.ZERO, BigDecimal::add);
        // 3.50 + 22.02 + 440.00 + 384.00 + 10.00 (April)
        assertThat(billed).isEqualByComparingTo("859.52");
        FocusSpec spec = FocusSpec.get();
        for (Row row : focus) {
            for (FocusSpec.FocusColumn column : spec.enumeratedColumns()) {
                Object value = row.get(column.name());
                if (value != null) {
                    assertThat(column.allowedValues()).as(column.name()).contains(String.valueOf(value));
                }
            }
            for (FocusSpec.FocusColumn column : spec.columns()) {
                if (column.required()) {
                    assertThat(row.get(column.name())).as(column.name()).isNotNull();
                }
            }
            assertThat(spec.isAllowedSubcategory(row.string("ServiceCategory"), row.string("ServiceSubcategory"))).isTrue();
            assertThat(Duration.between(row.instant("ChargePeriodStart"), row.instant("ChargePeriodEnd")))
                    .isEqualTo(Duration.ofDays(1));
            assertThat(row.string("x_source_system")).isEqualTo("genai_costs_daily_unified");
            assertThat(row.string("x_cost_type")).isEqualTo("genai");
            assertThat(row.string("BillingCurrency")).isEqualTo("USD");
        }
        Map<String, Row> byProvider = new HashMap<>();
        focus.forEach(r -> byProvider.put(r.string("x_genai_provider") + "/" + r.string("PricingCategory"), r));
        assertThat(byProvider).containsKeys("openai/Standard", "aws_bedrock/Committed", "gcp_gpu/Dynamic",
                "gcp_gpu/Standard", "azure_openai/Standard");
        assertThat(byProvider.get("aws_bedrock/Committed").decimal("ListCost")).isEqualByComparingTo("480.00");
        assertThat(byProvider.get("gcp_gpu/Dynamic").string("ServiceCategory")).isEqualTo("Compute");
        assertThat(byProvider.get("openai/Standard").string("ServiceCategory")).isEqualTo("AI and Machine Learning");
        assertThat(byProvider.get("openai/Standard").decimal("ConsumedQuantity")).isEqualByComparingTo("1100000");
        assertThat(byProvider.get("openai/Standard").string("ConsumedUnit")).isEqualTo("Tokens");
        assertThat(rows.query("SELECT COUNT(*) AS n FROM ${ds}.cost_data_standard_1_3 WHERE x_org_slug = @org"
                + " AND x_cloud_provider = 'azure'", Map.of()).getFirst().longValue("n"))
                .as("the cloud bill's own row is untouched").isEqualTo(1L);
    }

    @Test
    void aSingleProvidersRunReplacesOnlyThatProvider() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("2.50"), "output_per_1m", d("10.00")));
        rows.price(Map.of("provider", "anthropic", "model", "claude-opus-4-1", "input_per_1m", d("15.00"),
                "output_per_1m", d("75.00")));
        rows.usage(Map.of("usage_date", MAR_10, "provider", "openai", "model", "gpt-4o", "input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", MAR_10, "provider", "anthropic", "model", "claude-opus-4-1",
                "input_tokens", 1_000_000L));
        for (String procedure : List.of("sp_genai_payg_cost", "sp_genai_consolidate", "sp_genai_convert_to_focus")) {
            call(procedure, null, MAR_10, MAR_10);
        }

        for (String procedure : List.of("sp_genai_payg_cost", "sp_genai_consolidate", "sp_genai_convert_to_focus")) {
            call(procedure, "anthropic", MAR_10, MAR_10);
        }

        Row focus = rows.query("SELECT COUNT(*) AS n, SUM(BilledCost) AS billed FROM ${ds}.cost_data_standard_1_3"
                + " WHERE x_org_slug = @org", Map.of()).getFirst();
        assertThat(focus.longValue("n")).isEqualTo(2L);
        assertThat(focus.decimal("billed")).isEqualByComparingTo("17.50");
    }

    private void commitments() {
        rows.commitmentPrice(Map.of("provider", "azure_openai", "commitment_type", "ptu", "model", "gpt-4o",
                "region", "eastus", "ptu_hourly_rate", d("1.00"), "min_units", 15L));
        rows.commitmentPrice(Map.of("provider", "aws_bedrock", "commitment_type", "provisioned_throughput",
                "model", "all", "region", "us-east-1", "ptu_monthly_rate", d("14600"), "term_discount_pct", 20.0));
        rows.commitmentUsage(Map.of("usage_date", MAR_10, "provider", "azure_openai", "commitment_type", "ptu",
                "commitment_id", "ptu-1", "model", "gpt-4o", "region", "eastus", "provisioned_units", 10L,
                "used_units", 6L, "hours_active", 24.0));
        rows.commitmentUsage(Map.of("usage_date", MAR_11, "provider", "aws_bedrock", "commitment_type",
                "provisioned_throughput", "commitment_id", "pt-1", "model", "anthropic.claude-3-haiku",
                "region", "us-east-1", "provisioned_units", 2L, "used_units", 2L, "hours_active", 12.0));
    }

    private void infrastructure() {
        rows.infrastructurePrice(Map.of("provider", "gcp_gpu", "resource_type", "gpu", "instance_type", "a2-highgpu-1g",
                "gpu_type", "A100", "gpu_count", 1L, "region", "us-central1", "hourly_rate", d("3.67"),
                "spot_discount_pct", 70.0));
        rows.infrastructurePrice(Map.of("provider", "gcp_gpu", "resource_type", "gpu", "instance_type", "a3-highgpu-8g",
                "gpu_type", "H100", "gpu_count", 8L, "region", "global", "hourly_rate", d("88.00")));
        rows.infrastructureUsage(Map.of("usage_date", MAR_10, "provider", "gcp_gpu", "resource_type", "gpu",
                "instance_type", "a2-highgpu-1g", "region", "us-central1", "instance_count", 2L, "hours_used", 10.0,
                "pricing_type", "spot"));
        rows.infrastructureUsage(Map.of("usage_date", MAR_10, "provider", "gcp_gpu", "resource_type", "gpu",
                "instance_type", "a3-highgpu-8g", "region", "us-east4", "instance_count", 1L, "hours_used", 5.0,
                "pricing_type", "on_demand"));
    }

    private void call(String procedure, String provider, LocalDate start, LocalDate end) {
        procedures.call(procedure, dataset, GenAiCalls.parameters(org, "genai/unified/consolidate", provider, start, end));
    }
}
