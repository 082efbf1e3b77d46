package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Anthropic usage of a demo organization as the Admin API answers it: {@code usage_report/messages} daily buckets
 * grouped by model, workspace and service tier, with prompt-cache reads and 5-minute cache writes (7 buckets a page,
 * {@code next_page}), and the {@code cost_report} grouped by description, its amounts in cents as decimal strings.
 */
public final class AnthropicUsageGenerator {

    private record Model(String id, String workspace, long baseUncached, double cacheReadRatio,
                         double cacheWriteRatio, double outputRatio) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("claude-sonnet-4-5-20250929", "wrkspc_engineering", 2_600_000, 4.0, 0.12, 0.30),
            new Model("claude-haiku-4-5-20251001", "wrkspc_support", 6_400_000, 1.5, 0.05, 0.25));
    private static final BigDecimal CENTS = BigDecimal.valueOf(100);

    private final long seed;
    private final DemoPrices prices = new DemoPrices();

    public AnthropicUsageGenerator(long seed) {
        this.seed = seed;
    }

    private record Usage(Model model, long uncached, long cacheRead, long cacheWrite, long output) {
    }

    public DemoPages.Written write(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed);
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        List<List<Map<String, Object>>> usageDays = new ArrayList<>();
        List<List<Map<String, Object>>> costDays = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        long rows = 0;
        for (LocalDate day : days) {
            double rhythm = Demand.of(day, first, random);
            List<Map<String, Object>> usage = new ArrayList<>();
            List<Map<String, Object>> costs = new ArrayList<>();
            for (Model model : MODELS) {
                long uncached = Math.round(model.baseUncached() * rhythm);
                Usage u = new Usage(model, uncached, Math.round(uncached * model.cacheReadRatio()),
                        Math.round(uncached * model.cacheWriteRatio()), Math.round(uncached * model.outputRatio()));
                DemoPrices.Rates rates = prices.rates("anthropic", model.id(), day);
                BigDecimal input = rates.cost(u.uncached(), rates.input());
                BigDecimal read = rates.cost(u.cacheRead(), rates.cachedInput());
                BigDecimal write = rates.cost(u.cacheWrite(), rates.cacheWrite5m());
                BigDecimal output = rates.cost(u.output(), rates.output());
                usage.add(usage(u));
                costs.add(cost(model, "uncached_input_tokens", "Input Tokens", input));
                costs.add(cost(model, "cache_read_input_tokens", "Prompt Caching Read", read));
                costs.add(cost(model, "cache_creation.ephemeral_5m_input_tokens", "Prompt Caching Write", write));
                costs.add(cost(model, "output_tokens", "Output Tokens", output));
                total = total.add(input).add(read).add(write).add(output);
                rows++;
            }
            usageDays.add(usage);
            costDays.add(costs);
        }
        List<Integer> indexes = IntStream.range(0, days.size()).boxed().toList();
        List<Object> pages = new ArrayList<>();
        pages.addAll(DemoPages.paged(indexes, 7, "page_usage_", (page, next) ->
                page(page.stream().map(i -> bucket(days.get(i), usageDays.get(i))).toList(), next)));
        pages.addAll(DemoPages.paged(indexes, 31, "page_cost_", (page, next) ->
                page(page.stream().map(i -> bucket(days.get(i), costDays.get(i))).toList(), next)));
        Path file = directory.resolve("anthropic-usage-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, pages);
        return new DemoPages.Written(file, rows, total);
    }

    private static Map<String, Object> page(List<Map<String, Object>> buckets, String next) {
        return DemoPages.object("data", buckets, "has_more", next != null, "next_page", next);
    }

    private static Map<String, Object> bucket(LocalDate day, List<Map<String, Object>> results) {
        return DemoPages.object("starting_at", day + "T00:00:00Z", "ending_at", day.plusDays(1) + "T00:00:00Z",
                "results", results);
    }

    private static Map<String, Object> usage(Usage u) {
        return DemoPages.object("uncached_input_tokens", u.uncached(),
                "cache_creation", DemoPages.object("ephemeral_5m_input_tokens", u.cacheWrite(),
                        "ephemeral_1h_input_tokens", 0),
                "cache_read_input_tokens", u.cacheRead(), "output_tokens", u.output(),
                "server_tool_use", DemoPages.object("web_search_requests", 0), "api_key_id", null,
                "workspace_id", u.model().workspace(), "model", u.model().id(), "service_tier", "standard",
                "context_window", "0-200k", "inference_geo", null);
    }

    private static Map<String, Object> cost(Model model, String tokenType, String what, BigDecimal dollars) {
        return DemoPages.object("amount", dollars.multiply(CENTS).toPlainString(), "currency", "USD",
                "workspace_id", model.workspace(), "description", model.id() + " " + what, "cost_type", "tokens",
                "model", model.id(), "service_tier", "standard", "context_window", "0-200k", "token_type", tokenType,
                "inference_geo", null);
    }
}
