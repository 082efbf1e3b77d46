package com.cloudact.api.genai;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the GenAI router. Unknown request fields are refused (422). */
final class GenAiViews {

    static final String IDENTIFIER = "^[A-Za-z0-9_.-]{1,200}$";
    static final String MODEL = "^[A-Za-z0-9_.:/-]{1,200}$";
    private static final String PRICE_MAX = "1000000";

    private GenAiViews() {
    }

    /**
     * An org override of one price. {@code price_type} says which price {@code override_value} replaces: PAYG
     * {@code input} (default) or {@code output} (USD per 1M tokens); commitment {@code hourly} (default) or
     * {@code monthly}; infrastructure {@code hourly} only. The other price keeps its list value or earlier override.
     */
    record OverrideRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(PRICE_MAX) BigDecimal overrideValue,
            @Pattern(regexp = "^(input|output|hourly|monthly)$") String priceType,
            @Size(max = 1000) String notes,
            LocalDate effectiveFrom,
            Instant expectedLastUpdated) {
    }

    /**
     * A custom price of any flow; which fields a flow takes is its pricing table's columns (others are refused).
     * Required: PAYG {@code provider, model, input_per_1m, output_per_1m}; commitment {@code provider,
     * commitment_type, model} and an hourly or monthly rate; infrastructure {@code provider, instance_type, gpu_type,
     * hourly_rate}. {@code region} defaults to {@code global}.
     */
    record CustomPricingRequest(
            @NotNull @Pattern(regexp = IDENTIFIER) String provider,
            @Pattern(regexp = MODEL) String model,
            @Pattern(regexp = IDENTIFIER) String modelFamily,
            @Pattern(regexp = IDENTIFIER) String modelVersion,
            @Pattern(regexp = IDENTIFIER) String region,
            @Pattern(regexp = IDENTIFIER) String contextTier,
            @JsonProperty("input_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal inputPer1m,
            @JsonProperty("output_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal outputPer1m,
            @JsonProperty("cached_input_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal cachedInputPer1m,
            @JsonProperty("cache_write_5m_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal cacheWrite5mPer1m,
            @JsonProperty("cache_write_1h_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal cacheWrite1hPer1m,
            @JsonProperty("reasoning_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal reasoningPer1m,
            @JsonProperty("batch_input_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal batchInputPer1m,
            @JsonProperty("batch_output_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal batchOutputPer1m,
            @JsonProperty("priority_input_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal priorityInputPer1m,
            @JsonProperty("priority_output_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal priorityOutputPer1m,
            @JsonProperty("priority_cached_input_per_1m")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal priorityCachedInputPer1m,
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal unitPrice,
            @Pattern(regexp = IDENTIFIER) String pricingUnit,
            @DecimalMin("0") @DecimalMax("100") Double cachedDiscountPct,
            @DecimalMin("0") @DecimalMax("100") Double batchDiscountPct,
            @DecimalMin("0") @DecimalMax("100") Double volumeDiscountPct,
            @Min(1) @Max(100_000_000) Long contextWindow,
            @Min(1) @Max(100_000_000) Long maxOutputTokens,
            Boolean supportsVision,
            Boolean supportsStreaming,
            Boolean supportsTools,
            @Min(0) @Max(1_000_000_000) Long rateLimitRpm,
            @Min(0) @Max(1_000_000_000_000L) Long rateLimitTpm,
            @DecimalMin("0") @DecimalMax("100") Double slaUptimePct,
            @Pattern(regexp = IDENTIFIER) String commitmentType,
            @Pattern(regexp = IDENTIFIER) String unitName,
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal ptuHourlyRate,
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal ptuMonthlyRate,
            @Min(0) @Max(1_000_000) Long minUnits,
            @Min(0) @Max(1_000_000) Long maxUnits,
            @Min(1) @Max(120) Long commitmentTermMonths,
            @Min(0) @Max(1_000_000_000) Long tokensPerUnitMinute,
            @DecimalMin("0") @DecimalMax("100") Double termDiscountPct,
            @Pattern(regexp = "^(gpu|tpu)$") String resourceType,
            @Pattern(regexp = IDENTIFIER) String instanceType,
            @Pattern(regexp = IDENTIFIER) String gpuType,
            @Min(1) @Max(1024) Long gpuCount,
            @Min(1) @Max(100_000) Long gpuMemoryGb,
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal hourlyRate,
            @DecimalMin("0") @DecimalMax("100") Double spotDiscountPct,
            @JsonProperty("reserved_1yr_discount_pct")
            @DecimalMin("0") @DecimalMax("100") Double reserved1yrDiscountPct,
            @JsonProperty("reserved_3yr_discount_pct")
            @DecimalMin("0") @DecimalMax("100") Double reserved3yrDiscountPct,
            @Pattern(regexp = "^(gcp|aws|azure|oci)$") String cloudProvider,
            @Pattern(regexp = "^(active|deprecated|preview)$") String status,
            @Size(max = 1000) String notes,
            LocalDate effectiveFrom,
            LocalDate effectiveTo) {
    }

    /** All three pricing tables of an org (or one provider's rows of them). */
    record AllPricing(String orgSlug, List<Map<String, Object>> payg, List<Map<String, Object>> commitment,
                      List<Map<String, Object>> infrastructure, int totalCount) {
    }

    record FlowPricing(String orgSlug, String flow, List<Map<String, Object>> pricing, int count) {
    }

    /** Outcome of an override, custom price, delete or clear: the rows as they are now. */
    record PricingChange(boolean success, String orgSlug, String flow, String identifier, long rowsChanged,
                         String message, List<Map<String, Object>> pricing) {
    }

    record SeedResult(boolean success, String orgSlug, boolean replace, Map<String, Integer> rowsSeeded,
                      String message) {
    }

    /** Totals over the unified cost table; money is exact (JSON numbers with every digit). */
    record CostSummary(String orgSlug, LocalDate periodStart, LocalDate periodEnd, BigDecimal totalCostUsd,
                       Map<String, BigDecimal> byFlow, Map<String, BigDecimal> byProvider,
                       Map<String, BigDecimal> byModel, long recordCount) {
    }
}
