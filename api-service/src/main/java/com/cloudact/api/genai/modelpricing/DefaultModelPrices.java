package com.cloudact.api.genai.modelpricing;

import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default per-1K model prices, derived from CloudAct's one shipped price list ({@code genai/pricing/payg.csv},
 * USD per 1M tokens): the rows in force today, divided by 1000 (exactly). A model with several current rows is
 * represented by its {@code global} region and base context tier (the first listed). Rows without token prices
 * (images or audio priced per unit only) are left out: this table prices tokens.
 */
final class DefaultModelPrices {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private DefaultModelPrices() {
    }

    /** One provider's default models, as column → value of {@code genai_model_pricing} (ids and times excluded). */
    static List<Map<String, Object>> of(String provider, LocalDate today) {
        List<Map<String, String>> shipped = GenAiDefaultPricing.rows(GenAiFlow.PAYG);
        Map<String, Map<String, String>> chosen = new LinkedHashMap<>();
        Comparator<Map<String, String>> preference = Comparator
                .comparing((Map<String, String> r) -> "global".equals(r.get("region")) ? 0 : 1)
                .thenComparing(r -> r.get("context_tier") == null ? 0 : 1);
        for (Map<String, String> row : shipped) {
            if (!provider.equals(row.get("provider")) || !current(row, today) || !pricesTokens(row)) {
                continue;
            }
            chosen.merge(row.get("model"), row, (a, b) -> preference.compare(b, a) < 0 ? b : a);
        }
        List<Map<String, Object>> prices = new ArrayList<>();
        for (Map<String, String> row : chosen.values()) {
            prices.add(perThousand(provider, row));
        }
        return prices;
    }

    private static Map<String, Object> perThousand(String provider, Map<String, String> row) {
        Map<String, Object> price = new LinkedHashMap<>();
        price.put("provider", provider);
        price.put("model_id", row.get("model"));
        price.put("model_name", row.get("model"));
        price.put("is_custom", false);
        price.put("input_price_per_1k", perThousand(row.get("input_per_1m")));
        price.put("output_price_per_1k", perThousand(row.get("output_per_1m")));
        // A shipped price without a known start has been in force at least since it was read.
        price.put("effective_date", LocalDate.parse(row.get("effective_from") != null ? row.get("effective_from")
                : row.get("price_source_date")));
        price.put("end_date", row.get("effective_to") == null ? null : LocalDate.parse(row.get("effective_to")));
        price.put("is_enabled", !"deprecated".equals(row.get("status")));
        price.put("notes", "CloudAct default from " + row.get("price_source") + " (read " + row.get("price_source_date")
                + ")");
        price.put("pricing_type", "standard");
        price.put("x_gemini_context_window", "gemini".equals(provider) ? row.get("context_tier") : null);
        price.put("x_gemini_region", "gemini".equals(provider) ? row.get("region") : null);
        price.put("x_anthropic_tier", "anthropic".equals(provider) ? row.get("context_tier") : null);
        price.put("x_openai_batch_input_price", "openai".equals(provider) ? perThousand(row.get("batch_input_per_1m")) : null);
        price.put("x_openai_batch_output_price", "openai".equals(provider) ? perThousand(row.get("batch_output_per_1m")) : null);
        price.put("base_input_price_per_1k", perThousand(row.get("input_per_1m")));
        price.put("base_output_price_per_1k", perThousand(row.get("output_per_1m")));
        return price;
    }

    private static boolean current(Map<String, String> row, LocalDate today) {
        String from = row.get("effective_from");
        String to = row.get("effective_to");
        return !"deleted".equals(row.get("status"))
                && (from == null || !LocalDate.parse(from).isAfter(today))
                && (to == null || !LocalDate.parse(to).isBefore(today));
    }

    private static boolean pricesTokens(Map<String, String> row) {
        return isPositive(row.get("input_per_1m")) || isPositive(row.get("output_per_1m"));
    }

    private static boolean isPositive(String value) {
        return value != null && new BigDecimal(value).signum() > 0;
    }

    private static BigDecimal perThousand(String perMillion) {
        return perMillion == null ? null : new BigDecimal(perMillion).divide(THOUSAND);
    }

    static boolean hasDefaults(String provider) {
        return GenAiDefaultPricing.rows(GenAiFlow.PAYG).stream().anyMatch(r -> Objects.equals(provider, r.get("provider")));
    }
}
