package com.cloudact.pipeline.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.procedures.ProcedureLibrary;
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.time.Instant;
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
 * sp_genai_payg_cost on DuckDB against hand-computed figures: every token bucket at its own rate (no cached token
 * priced twice), batch and priority tiers, context tiers, regional prices, a dated price change, an org override
 * from its effective date, volume discount, non-token units, unpriced usage, and idempotent re-runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenAiPaygCostTests extends PipelineIntegrationTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private final OrgSlug org = OrgSlug.of("genai_payg_formula");
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
    void anthropicStyleBucketsEachHaveTheirOwnRate() {
        rows.price(Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "context_tier", "0-200k",
                "input_per_1m", d("3.00"), "output_per_1m", d("15.00"), "cached_input_per_1m", d("0.30"),
                "cache_write_5m_per_1m", d("3.75"), "cache_write_1h_per_1m", d("6.00")));
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-sonnet-4-5",
                "input_tokens", 1_000_000L, "cached_input_tokens", 2_000_000L, "cache_write_5m_tokens", 400_000L,
                "cache_write_1h_tokens", 100_000L, "output_tokens", 250_000L));

        cost("anthropic", DAY, DAY);

        Row row = single("anthropic");
        // 1M x 3.00 = 3.00; 2M x 0.30 = 0.60; 0.4M x 3.75 = 1.50 + 0.1M x 6.00 = 0.60; 0.25M x 15.00 = 3.75
        assertThat(row.decimal("input_cost_usd")).isEqualByComparingTo("3.00");
        assertThat(row.decimal("cached_cost_usd")).isEqualByComparingTo("0.60");
        assertThat(row.decimal("cache_write_cost_usd")).isEqualByComparingTo("2.10");
        assertThat(row.decimal("output_cost_usd")).isEqualByComparingTo("3.75");
        assertThat(row.decimal("total_cost_usd")).isEqualByComparingTo("9.45");
        assertThat(row.decimal("list_cost_usd")).isEqualByComparingTo("9.45");
        assertThat(row.longValue("total_tokens")).isEqualTo(3_750_000L);
        assertThat(row.string("pricing_origin")).isEqualTo("default");
        assertThat(row.string("context_tier")).as("a NULL usage tier takes the base tier row").isNull();
    }

    @Test
    void cacheWritesWithoutAPriceCostTheProvidersMultipleOfInput() {
        rows.price(Map.of("provider", "anthropic", "model", "claude-3-haiku-20240307", "input_per_1m", d("0.25"),
                "output_per_1m", d("1.25")));
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-3-haiku-20240307",
                "input_tokens", 1_000_000L, "cached_input_tokens", 1_000_000L, "cache_write_5m_tokens", 1_000_000L,
                "cache_write_1h_tokens", 1_000_000L));
        rows.price(Map.of("provider", "openai", "model", "gpt-4.1", "input_per_1m", d("2.00"), "output_per_1m", d("8.00")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4.1", "cached_input_tokens", 1_000_000L,
                "cache_write_5m_tokens", 1_000_000L));

        cost(null, DAY, DAY);

        // anthropic: input 0.25; cache read 90 % off = 0.025; write 5m 1.25 x 0.25 = 0.3125; 1h 2 x 0.25 = 0.50
        Row claude = single("anthropic");
        assertThat(claude.decimal("cached_cost_usd")).isEqualByComparingTo("0.025");
        assertThat(claude.decimal("cache_write_cost_usd")).isEqualByComparingTo("0.8125");
        assertThat(claude.decimal("total_cost_usd")).isEqualByComparingTo("1.0875");
        // openai: cache read 50 % off = 1.00; writes cost the input price = 2.00
        Row gpt = single("openai");
        assertThat(gpt.decimal("cached_cost_usd")).isEqualByComparingTo("1.00");
        assertThat(gpt.decimal("cache_write_cost_usd")).isEqualByComparingTo("2.00");
        assertThat(gpt.decimal("total_cost_usd")).isEqualByComparingTo("3.00");
    }

    @Test
    void reasoningTokensUseTheReasoningPriceElseTheOutputPrice() {
        rows.price(Map.of("provider", "openai", "model", "o3", "input_per_1m", d("2.00"), "output_per_1m", d("8.00")));
        rows.price(Map.of("provider", "gemini", "model", "thinker", "input_per_1m", d("1.00"), "output_per_1m",
                d("4.00"), "reasoning_per_1m", d("3.50")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "o3", "input_tokens", 500_000L,
                "output_tokens", 100_000L, "reasoning_tokens", 300_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "gemini", "model", "thinker", "reasoning_tokens", 2_000_000L));

        cost(null, DAY, DAY);

        // 0.5M x 2 = 1.00; 0.1M x 8 = 0.80; 0.3M x 8 = 2.40
        assertThat(single("openai").decimal("reasoning_cost_usd")).isEqualByComparingTo("2.40");
        assertThat(single("openai").decimal("total_cost_usd")).isEqualByComparingTo("4.20");
        // 2M x 3.50 = 7.00
        assertThat(single("gemini").decimal("total_cost_usd")).isEqualByComparingTo("7.00");
    }

    @Test
    void batchUsesBatchPricesElseHalfAndPriorityFlagsAMissingPrice() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("2.50"), "output_per_1m",
                d("10.00"), "cached_input_per_1m", d("1.25"), "batch_input_per_1m", d("1.25"), "batch_output_per_1m",
                d("5.00"), "priority_input_per_1m", d("4.25"), "priority_output_per_1m", d("17.00")));
        rows.price(Map.of("provider", "openai", "model", "gpt-4o-mini", "input_per_1m", d("0.15"), "output_per_1m",
                d("0.60")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o", "service_tier", "batch",
                "input_tokens", 2_000_000L, "output_tokens", 1_000_000L, "cached_input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o", "service_tier", "priority",
                "input_tokens", 1_000_000L, "output_tokens", 100_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o-mini", "is_batch", true,
                "input_tokens", 10_000_000L, "output_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o-mini", "service_tier", "priority",
                "input_tokens", 10_000_000L));

        cost("openai", DAY, DAY);

        Map<String, Row> byTier = byModelAndTier();
        // batch: 2M x 1.25 = 2.50; 1M x 5.00 = 5.00; cached 1M x 1.25 x 50 % = 0.625
        assertThat(byTier.get("gpt-4o/batch").decimal("total_cost_usd")).isEqualByComparingTo("8.125");
        // priority: 1M x 4.25 + 0.1M x 17.00 = 5.95
        assertThat(byTier.get("gpt-4o/priority").decimal("total_cost_usd")).isEqualByComparingTo("5.95");
        assertThat(byTier.get("gpt-4o/priority").string("price_flag")).isNull();
        // batch without batch prices: 10M x 0.075 + 1M x 0.30 = 1.05
        assertThat(byTier.get("gpt-4o-mini/batch").decimal("total_cost_usd")).isEqualByComparingTo("1.05");
        // priority without a priority price: standard 10M x 0.15 = 1.50, flagged
        assertThat(byTier.get("gpt-4o-mini/priority").decimal("total_cost_usd")).isEqualByComparingTo("1.50");
        assertThat(byTier.get("gpt-4o-mini/priority").string("price_flag")).isEqualTo("priority_price_missing");
    }

    @Test
    void longContextUsageTakesTheContextTierPrice() {
        rows.price(Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "context_tier", "0-200k",
                "input_per_1m", d("3.00"), "output_per_1m", d("15.00")));
        rows.price(Map.of("provider", "anthropic", "model", "claude-sonnet-4-5", "context_tier", "200k-1M",
                "input_per_1m", d("6.00"), "output_per_1m", d("22.50")));
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-sonnet-4-5",
                "context_tier", "200k-1M", "input_tokens", 1_000_000L, "output_tokens", 100_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-sonnet-4-5",
                "input_tokens", 1_000_000L, "output_tokens", 100_000L));

        cost("anthropic", DAY, DAY);

        List<Row> costs = costRows("anthropic");
        assertThat(costs).hasSize(2);
        // long: 6.00 + 0.1 x 22.50 = 8.25; base: 3.00 + 1.50 = 4.50
        assertThat(costs).extracting(r -> r.decimal("total_cost_usd").stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder("8.25", "4.5");
    }

    @Test
    void aRegionalPriceWinsOverGlobalWhichIsTheFallback() {
        rows.price(Map.of("provider", "azure_openai", "model", "gpt-4o", "region", "eastus", "input_per_1m", d("2.50"),
                "output_per_1m", d("10.00")));
        rows.price(Map.of("provider", "azure_openai", "model", "gpt-4o", "region", "global", "input_per_1m",
                d("2.75"), "output_per_1m", d("11.00")));
        rows.usage(Map.of("usage_date", DAY, "provider", "azure_openai", "model", "gpt-4o", "region", "eastus",
                "input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "azure_openai", "model", "gpt-4o", "region", "westus3",
                "input_tokens", 1_000_000L));

        cost("azure_openai", DAY, DAY);

        Map<String, BigDecimal> byRegion = new HashMap<>();
        costRows("azure_openai").forEach(r -> byRegion.put(r.string("region"), r.decimal("total_cost_usd")));
        assertThat(byRegion.get("eastus")).isEqualByComparingTo("2.50");
        assertThat(byRegion.get("westus3")).isEqualByComparingTo("2.75");
    }

    @Test
    void aDatedSnapshotTakesItsModelsPriceUnlessItHasItsOwnAndABaseTierMatchesNoTier() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4o-mini", "input_per_1m", d("0.15"),
                "output_per_1m", d("0.60")));
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("2.50"), "output_per_1m",
                d("10.00")));
        rows.price(Map.of("provider", "openai", "model", "gpt-4o-2024-05-13", "input_per_1m", d("5.00"),
                "output_per_1m", d("15.00")));
        rows.price(Map.of("provider", "anthropic", "model", "claude-haiku-4-5", "input_per_1m", d("1.00"),
                "output_per_1m", d("5.00")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o-mini-2024-07-18",
                "input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o-2024-05-13",
                "input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4o-realtime",
                "input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-haiku-4-5-20251001",
                "context_tier", "0-200k", "input_tokens", 1_000_000L));

        cost("openai", DAY, DAY);
        cost("anthropic", DAY, DAY);

        Map<String, BigDecimal> byModel = new HashMap<>();
        costRows("openai").forEach(r -> byModel.put(r.string("model"), r.decimal("total_cost_usd")));
        // the snapshot without a row of its own: gpt-4o-mini's 0.15; the one with its own row: 5.00, not gpt-4o's
        assertThat(byModel).containsOnlyKeys("gpt-4o-mini-2024-07-18", "gpt-4o-2024-05-13")
                .as("gpt-4o-realtime is another model, not a snapshot of gpt-4o");
        assertThat(byModel.get("gpt-4o-mini-2024-07-18")).isEqualByComparingTo("0.15");
        assertThat(byModel.get("gpt-4o-2024-05-13")).isEqualByComparingTo("5.00");
        assertThat(single("anthropic").decimal("total_cost_usd")).as("usage of the base tier, a price without tiers")
                .isEqualByComparingTo("1.00");
    }

    @Test
    void thePriceInForceOnTheUsageDateIsUsedAcrossAPriceChange() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("5.00"), "output_per_1m",
                d("15.00"), "effective_from", LocalDate.of(2024, 5, 13), "effective_to", LocalDate.of(2024, 9, 30)));
        rows.price(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m", d("2.50"), "output_per_1m",
                d("10.00"), "effective_from", LocalDate.of(2024, 10, 1)));
        for (LocalDate day : List.of(LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 1))) {
            rows.usage(Map.of("usage_date", day, "provider", "openai", "model", "gpt-4o", "input_tokens", 1_000_000L,
                    "output_tokens", 1_000_000L));
        }

        cost("openai", LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 1));

        List<Row> costs = costRows("openai");
        assertThat(costs).hasSize(2);
        // 9-30: 5.00 + 15.00 = 20.00; 10-01: 2.50 + 10.00 = 12.50
        assertThat(costs.get(0).decimal("total_cost_usd")).isEqualByComparingTo("20.00");
        assertThat(costs.get(0).date("price_effective_from")).isEqualTo(LocalDate.of(2024, 5, 13));
        assertThat(costs.get(1).decimal("total_cost_usd")).isEqualByComparingTo("12.50");
        assertThat(costs.get(1).date("price_effective_from")).isEqualTo(LocalDate.of(2024, 10, 1));
    }

    @Test
    void anOrgOverrideAppliesFromItsEffectiveDateOnAndVolumeDiscountLowersEveryRate() {
        Map<String, Object> price = new HashMap<>(Map.of("provider", "openai", "model", "gpt-4o", "input_per_1m",
                d("2.50"), "output_per_1m", d("10.00"), "is_override", true, "override_input_per_1m", d("2.00"),
                "override_output_per_1m", d("8.00"), "override_effective_from", LocalDate.of(2026, 4, 15)));
        rows.price(price);
        rows.price(Map.of("provider", "deepseek", "model", "deepseek-chat", "input_per_1m", d("0.28"),
                "output_per_1m", d("0.42"), "volume_discount_pct", 10.0));
        for (LocalDate day : List.of(LocalDate.of(2026, 4, 14), LocalDate.of(2026, 4, 15))) {
            rows.usage(Map.of("usage_date", day, "provider", "openai", "model", "gpt-4o", "input_tokens", 1_000_000L,
                    "output_tokens", 1_000_000L));
        }
        rows.usage(Map.of("usage_date", LocalDate.of(2026, 4, 15), "provider", "deepseek", "model", "deepseek-chat",
                "input_tokens", 3_000_000L, "cached_input_tokens", 10_000_000L, "output_tokens", 1_000_000L));

        cost(null, LocalDate.of(2026, 4, 14), LocalDate.of(2026, 4, 15));

        List<Row> openai = costRows("openai");
        // 4-14 list: 2.50 + 10.00 = 12.50; 4-15 override: 2.00 + 8.00 = 10.00, list cost still 12.50
        assertThat(openai.get(0).decimal("total_cost_usd")).isEqualByComparingTo("12.50");
        assertThat(openai.get(0).string("pricing_origin")).isEqualTo("default");
        assertThat(openai.get(1).decimal("total_cost_usd")).isEqualByComparingTo("10.00");
        assertThat(openai.get(1).decimal("list_cost_usd")).isEqualByComparingTo("12.50");
        assertThat(openai.get(1).string("pricing_origin")).isEqualTo("override");
        // deepseek, 10 % volume discount: 3M x 0.252 = 0.756; cache hit 90 % off: 10M x 0.0252 = 0.252;
        // 1M x 0.378 = 0.378 -> 1.386; list 0.84 + 0.28 + 0.42 = 1.54
        Row deepseek = single("deepseek");
        assertThat(deepseek.decimal("total_cost_usd")).isEqualByComparingTo("1.386");
        assertThat(deepseek.decimal("list_cost_usd")).isEqualByComparingTo("1.54");
    }

    @Test
    void nonTokenUsageIsQuantityTimesUnitPriceAndUnpricedUsageGetsNoCostRow() {
        rows.price(Map.of("provider", "openai", "model", "dall-e-3", "input_per_1m", d("0"), "output_per_1m", d("0"),
                "unit_price", d("0.04"), "pricing_unit", "image"));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "dall-e-3", "usage_quantity", d("25"),
                "usage_unit", "image"));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "mystery-model-x", "input_tokens", 5L));

        cost("openai", DAY, DAY);

        Row image = single("openai");
        assertThat(image.string("model")).isEqualTo("dall-e-3");
        assertThat(image.decimal("unit_cost_usd")).isEqualByComparingTo("1.00");
        assertThat(image.decimal("total_cost_usd")).isEqualByComparingTo("1.00");
        assertThat(rows.query("SELECT COUNT(*) AS n FROM ${ds}.genai_payg_usage_raw WHERE x_org_slug = @org"
                + " AND model = 'mystery-model-x'", Map.of()).getFirst().longValue("n")).isEqualTo(1L);
    }

    @Test
    void aReRunReplacesItsRowsAndLeavesOtherProvidersAlone() {
        rows.price(Map.of("provider", "openai", "model", "gpt-4.1-mini", "input_per_1m", d("0.40"), "output_per_1m",
                d("1.60")));
        rows.price(Map.of("provider", "anthropic", "model", "claude-haiku-4-5", "input_per_1m", d("1.00"),
                "output_per_1m", d("5.00")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4.1-mini", "input_tokens", 1_000_000L));
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-haiku-4-5", "input_tokens", 1_000_000L));

        cost(null, DAY, DAY);
        cost("openai", DAY, DAY);
        cost("openai", DAY, DAY);

        assertThat(costRows("openai")).hasSize(1);
        assertThat(single("openai").decimal("total_cost_usd")).isEqualByComparingTo("0.40");
        assertThat(costRows("anthropic")).hasSize(1);
        assertThat(single("anthropic").decimal("total_cost_usd")).isEqualByComparingTo("1.00");
    }

    @Test
    void costRowsTakeTheUsagesAllocationElseTheCredentialsDefaultOne() {
        String credential = storeCredential(org, Provider.OPENAI, "API_KEY", "sk-test-not-a-key", "{}");
        warehouse.execute(SqlText.of("""
                UPDATE ${c}.org_integration_credentials SET default_x_hierarchy_entity_id = 'TEAM-ML',
                    default_x_hierarchy_entity_name = 'ML Platform', default_x_hierarchy_level_code = 'team',
                    default_x_hierarchy_path = '/ENG/TEAM-ML', default_x_hierarchy_path_names = 'Engineering > ML Platform'
                WHERE credential_id = @id""").with("c", DatasetName.CENTRAL), Map.of("id", credential));
        rows.price(Map.of("provider", "openai", "model", "gpt-4.1-nano", "input_per_1m", d("0.10"), "output_per_1m",
                d("0.40")));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4.1-nano", "input_tokens", 1_000_000L,
                "x_credential_id", credential));
        rows.usage(Map.of("usage_date", DAY, "provider", "openai", "model", "gpt-4.1-nano", "input_tokens", 2_000_000L,
                "x_credential_id", credential, "x_hierarchy_entity_id", "PROJ-X", "x_hierarchy_entity_name", "Project X"));

        cost("openai", DAY, DAY);

        Map<String, Row> byEntity = new HashMap<>();
        costRows("openai").forEach(r -> byEntity.put(r.string("x_hierarchy_entity_id"), r));
        assertThat(byEntity).containsOnlyKeys("TEAM-ML", "PROJ-X");
        assertThat(byEntity.get("TEAM-ML").string("x_hierarchy_path_names")).isEqualTo("Engineering > ML Platform");
        assertThat(byEntity.get("TEAM-ML").decimal("total_cost_usd")).isEqualByComparingTo("0.10");
        assertThat(byEntity.get("PROJ-X").string("x_hierarchy_entity_name")).isEqualTo("Project X");
        assertThat(byEntity.get("PROJ-X").string("x_hierarchy_path")).as("never mixed with the credential's").isNull();
        assertThat(byEntity.get("PROJ-X").decimal("total_cost_usd")).isEqualByComparingTo("0.20");
    }

    @Test
    void theShippedPriceListPricesUsageWithItsDatedHistory() {
        new GenAiDefaultPricing(warehouse, catalog).seed(dataset, org.value(), GenAiFlow.PAYG, true, "seed-run",
                Instant.now());
        rows.usage(Map.of("usage_date", DAY, "provider", "anthropic", "model", "claude-sonnet-4-5",
                "input_tokens", 1_000_000L, "cached_input_tokens", 1_000_000L, "cache_write_5m_tokens", 1_000_000L,
                "cache_write_1h_tokens", 1_000_000L, "output_tokens", 1_000_000L));
        for (LocalDate day : List.of(LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 2))) {
            rows.usage(Map.of("usage_date", day, "provider", "openai", "model", "gpt-4o", "input_tokens", 1_000_000L,
                    "output_tokens", 1_000_000L));
        }
        rows.usage(Map.of("usage_date", LocalDate.of(2025, 9, 10), "provider", "deepseek", "model", "deepseek-chat",
                "input_tokens", 1_000_000L, "cached_input_tokens", 1_000_000L, "output_tokens", 1_000_000L));

        cost(null, LocalDate.of(2024, 9, 1), DAY);

        // shipped Sonnet 4.5 base tier: 3.00 + cache read 0.30 + write 5m 3.75 + write 1h 6.00 + output 15.00
        assertThat(single("anthropic").decimal("total_cost_usd")).isEqualByComparingTo("28.05");
        // gpt-4o: 5.00 + 15.00 before the 2024-10-02 switch, 2.50 + 10.00 after
        assertThat(costRows("openai")).extracting(r -> r.decimal("total_cost_usd").stripTrailingZeros().toPlainString())
                .containsExactly("20", "12.5");
        // DeepSeek between 2025-09-06 and 2025-09-28: miss 0.56 + hit 0.07 + output 1.68
        assertThat(single("deepseek").decimal("total_cost_usd")).isEqualByComparingTo("2.31");
        assertThat(single("deepseek").string("pricing_origin")).isEqualTo("default");
    }

    private void cost(String provider, LocalDate start, LocalDate end) {
        procedures.call("sp_genai_payg_cost", dataset, GenAiCalls.parameters(org, "genai/payg/cost_only", provider,
                start, end));
    }

    private Row single(String provider) {
        List<Row> costs = costRows(provider);
        assertThat(costs).hasSize(1);
        return costs.getFirst();
    }

    private List<Row> costRows(String provider) {
        return rows.query("SELECT * FROM ${ds}.genai_payg_costs_daily WHERE x_org_slug = @org AND provider = @provider"
                + " ORDER BY cost_date, model, service_tier", Map.of("provider", provider));
    }

    private Map<String, Row> byModelAndTier() {
        Map<String, Row> byTier = new HashMap<>();
        costRows("openai").forEach(r -> byTier.put(r.string("model") + "/" + r.string("service_tier"), r));
        return byTier;
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}
