package com.cloudact.api.genai.modelpricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Bodies of the per-provider model pricing routes (USD per 1K tokens). Unknown request fields are refused. */
final class ModelPricingViews {

    static final String MODEL_ID = "^[A-Za-z0-9_.:-]{1,200}$";
    private static final String PRICE_MAX = "1000000";

    private ModelPricingViews() {
    }

    /**
     * The fields of a model price. Create needs {@code model_id}, {@code input_price_per_1k},
     * {@code output_price_per_1k}, {@code effective_date} and {@code pricing_type}; an update (PUT, or one item of
     * a bulk PATCH, which also names its {@code model_id}) changes only the fields it gives. Provider extras
     * ({@code x_openai_*}, {@code x_anthropic_tier}, {@code x_gemini_*}) are taken for their provider only.
     */
    record PriceFields(
            @Pattern(regexp = MODEL_ID) String modelId,
            @Size(min = 1, max = 200) String modelName,
            @JsonProperty("input_price_per_1k")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal inputPricePer1k,
            @JsonProperty("output_price_per_1k")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal outputPricePer1k,
            LocalDate effectiveDate,
            LocalDate endDate,
            Boolean isEnabled,
            @Size(max = 1000) String notes,
            @Pattern(regexp = "^(standard|batch|free_tier|volume_discount|committed_use|promotional|negotiated)$")
            String pricingType,
            @Pattern(regexp = "^[A-Za-z0-9<>=_.-]{1,50}$") String xGeminiContextWindow,
            @Pattern(regexp = "^[A-Za-z0-9_.-]{1,100}$") String xGeminiRegion,
            @Pattern(regexp = "^[A-Za-z0-9_.-]{1,50}$") String xAnthropicTier,
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal xOpenaiBatchInputPrice,
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal xOpenaiBatchOutputPrice,
            @Min(0) @Max(1_000_000_000_000L) Long freeTierInputTokens,
            @Min(0) @Max(1_000_000_000_000L) Long freeTierOutputTokens,
            @Pattern(regexp = "^(daily|monthly)$") String freeTierResetFrequency,
            @DecimalMin("0") @DecimalMax("100") Double discountPercentage,
            @Size(max = 500) String discountReason,
            @Min(0) @Max(1_000_000_000_000_000L) Long volumeThresholdTokens,
            @JsonProperty("base_input_price_per_1k")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal baseInputPricePer1k,
            @JsonProperty("base_output_price_per_1k")
            @DecimalMin("0") @DecimalMax(PRICE_MAX) BigDecimal baseOutputPricePer1k) {
    }

    record PricingList(String orgSlug, String provider, List<Map<String, Object>> pricing, int count, long total) {
    }

    record BulkUpdateRequest(@NotNull @Size(min = 1, max = 100) List<@Valid @NotNull PriceFields> updates) {
    }

    /** One item of a bulk update: updated, or why not (an unknown model). */
    record BulkItemResult(String modelId, boolean success, String error) {
    }

    record BulkPricingUpdateResponse(boolean success, String orgSlug, String provider, int updatedCount,
                                     int failedCount, List<BulkItemResult> results) {
    }

    record ResetResult(boolean success, String orgSlug, String provider, int modelsSeeded, int customKept,
                       String message) {
    }
}
