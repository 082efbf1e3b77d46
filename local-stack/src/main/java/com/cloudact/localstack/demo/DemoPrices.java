package com.cloudact.localstack.demo;

import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shipped PAYG price list as the demo generators read it, to state what each generated day of usage costs
 * (the provider's own cost report in the demo is priced with it). A dated snapshot id ({@code gpt-4o-mini-2024-07-18})
 * without a row of its own takes its model's price, as the cost step does.
 */
final class DemoPrices {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final Pattern SNAPSHOT = Pattern.compile("(.+)-[0-9]{4}-?[0-9]{2}-?[0-9]{2}");

    /** USD per 1M tokens of one model on one day; null where the list has no price for that bucket. */
    record Rates(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite5m, BigDecimal output) {

        BigDecimal cost(long tokens, BigDecimal perMillion) {
            return tokens == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(tokens).multiply(perMillion).divide(MILLION);
        }
    }

    private final List<Map<String, String>> rows = GenAiDefaultPricing.rows(GenAiFlow.PAYG);

    Rates rates(String provider, String model, LocalDate day) {
        return rates(provider, model, "global", day);
    }

    /** The rates in the region, else the global ones. */
    Rates rates(String provider, String model, String region, LocalDate day) {
        Map<String, String> row = rows.stream()
                .filter(r -> provider.equals(r.get("provider")))
                .filter(r -> region.equals(r.get("region")))
                .filter(r -> model.equals(r.get("model")) || SNAPSHOT.matcher(model).matches()
                        && SNAPSHOT.matcher(model).replaceFirst("$1").equals(r.get("model")))
                .filter(r -> r.get("context_tier") == null || r.get("context_tier").startsWith("0-"))
                .filter(r -> !day.isBefore(date(r.get("effective_from")).orElse(LocalDate.MIN)))
                .filter(r -> !day.isAfter(date(r.get("effective_to")).orElse(LocalDate.MAX)))
                .max(Comparator.comparingInt(r -> r.get("model").length()))
                .orElse(null);
        if (row == null) {
            if (!region.equals("global")) {
                return rates(provider, model, "global", day);
            }
            throw new IllegalStateException("The shipped price list has no " + provider + " price for " + model
                    + " on " + day);
        }
        return new Rates(decimal(row.get("input_per_1m")), decimal(row.get("cached_input_per_1m")),
                decimal(row.get("cache_write_5m_per_1m")), decimal(row.get("output_per_1m")));
    }

    private static Optional<LocalDate> date(String text) {
        return Optional.ofNullable(text).map(LocalDate::parse);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
