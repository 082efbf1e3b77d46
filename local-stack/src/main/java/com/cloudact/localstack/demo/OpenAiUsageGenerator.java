package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * OpenAI usage of a demo organization as the organization Usage and Costs APIs answer it: daily buckets of
 * {@code /organization/usage/completions} and {@code /embeddings} grouped by model and project (7 buckets a page,
 * {@code has_more}/{@code next_page}), and {@code /organization/costs} grouped by line item and project, priced from
 * the shipped list. Token counts follow a weekday rhythm with growth; prompt caching covers part of the input.
 */
public final class OpenAiUsageGenerator {

    private record Model(String id, String project, long baseInput, double cachedShare, double outputRatio) {
    }

    private static final List<Model> CHAT = List.of(
            new Model("gpt-4o-2024-08-06", "proj_support_bot", 3_800_000, 0.35, 0.22),
            new Model("gpt-4o-mini-2024-07-18", "proj_support_bot", 21_000_000, 0.50, 0.18),
            new Model("gpt-4o-mini-2024-07-18", "proj_search", 9_500_000, 0.10, 0.08));
    private static final List<Model> EMBEDDINGS = List.of(
            new Model("text-embedding-3-small", "proj_search", 48_000_000, 0, 0));

    private final long seed;
    private final DemoPrices prices = new DemoPrices();

    public OpenAiUsageGenerator(long seed) {
        this.seed = seed;
    }

    /** One usage row: a model's tokens in one project on one day. */
    private record Usage(LocalDate day, Model model, long input, long cached, long output, long requests) {
    }

    public DemoPages.Written write(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed);
        List<List<Usage>> chatDays = new ArrayList<>();
        List<List<Usage>> embeddingDays = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        long rows = 0;
        List<List<Map<String, Object>>> costDays = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            double rhythm = Demand.of(day, first, random);
            List<Usage> chat = new ArrayList<>();
            List<Usage> embeddings = new ArrayList<>();
            List<Map<String, Object>> costs = new ArrayList<>();
            for (Model model : CHAT) {
                long input = Math.round(model.baseInput() * rhythm);
                long cached = Math.round(input * model.cachedShare());
                long output = Math.round(input * model.outputRatio());
                chat.add(new Usage(day, model, input, cached, output, Math.max(1, input / 2_400)));
            }
            for (Model model : EMBEDDINGS) {
                long input = Math.round(model.baseInput() * rhythm);
                embeddings.add(new Usage(day, model, input, 0, 0, Math.max(1, input / 900)));
            }
            for (Usage usage : concat(chat, embeddings)) {
                DemoPrices.Rates rates = prices.rates("openai", usage.model().id(), day);
                BigDecimal input = rates.cost(usage.input() - usage.cached(), rates.input());
                BigDecimal cached = usage.cached() == 0 ? BigDecimal.ZERO : rates.cost(usage.cached(), rates.cachedInput());
                BigDecimal output = usage.output() == 0 ? BigDecimal.ZERO : rates.cost(usage.output(), rates.output());
                costs.add(cost(usage, "input", input));
                if (usage.cached() > 0) {
                    costs.add(cost(usage, "cached input", cached));
                }
                if (usage.output() > 0) {
                    costs.add(cost(usage, "output", output));
                }
                total = total.add(input).add(cached).add(output);
                rows++;
            }
            chatDays.add(chat);
            embeddingDays.add(embeddings);
            costDays.add(costs);
        }
        List<Object> pages = new ArrayList<>();
        pages.addAll(DemoPages.paged(chatDays, 7, "page_completions_", (days, next) ->
                page(days.stream().map(d -> bucket(d.getFirst().day(), d.stream().map(u -> completion(u)).toList())).toList(), next)));
        pages.addAll(DemoPages.paged(embeddingDays, 7, "page_embeddings_", (days, next) ->
                page(days.stream().map(d -> bucket(d.getFirst().day(), d.stream().map(u -> embedding(u)).toList())).toList(), next)));
        List<LocalDate> costDates = first.datesUntil(last.plusDays(1)).toList();
        List<Integer> indexes = java.util.stream.IntStream.range(0, costDays.size()).boxed().toList();
        pages.addAll(DemoPages.paged(indexes, 30, "page_costs_", (days, next) ->
                page(days.stream().map(i -> bucket(costDates.get(i), costDays.get(i))).toList(), next)));
        Path file = directory.resolve("openai-usage-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, pages);
        return new DemoPages.Written(file, rows, total);
    }

    private static Map<String, Object> page(List<Map<String, Object>> buckets, String next) {
        return DemoPages.object("object", "page", "data", buckets, "has_more", next != null, "next_page", next);
    }

    private static Map<String, Object> bucket(LocalDate day, List<Map<String, Object>> results) {
        return DemoPages.object("object", "bucket", "start_time", epoch(day), "end_time", epoch(day.plusDays(1)),
                "results", results);
    }

    private static Map<String, Object> completion(Usage u) {
        return DemoPages.object("object", "organization.usage.completions.result", "input_tokens", u.input(),
                "input_cached_tokens", u.cached(), "output_tokens", u.output(), "input_audio_tokens", 0,
                "output_audio_tokens", 0, "num_model_requests", u.requests(), "project_id", u.model().project(),
                "user_id", null, "api_key_id", null, "model", u.model().id(), "batch", false, "service_tier", "default");
    }

    private static Map<String, Object> embedding(Usage u) {
        return DemoPages.object("object", "organization.usage.embeddings.result", "input_tokens", u.input(),
                "num_model_requests", u.requests(), "project_id", u.model().project(), "user_id", null,
                "api_key_id", null, "model", u.model().id());
    }

    private static Map<String, Object> cost(Usage u, String direction, BigDecimal amount) {
        return DemoPages.object("object", "organization.costs.result",
                "amount", DemoPages.object("value", amount, "currency", "usd"),
                "line_item", u.model().id() + ", " + direction, "project_id", u.model().project(), "api_key_id", null);
    }

    private static long epoch(LocalDate day) {
        return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }

    private static List<Usage> concat(List<Usage> a, List<Usage> b) {
        List<Usage> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
