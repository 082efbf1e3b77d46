package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * GenAI usage of the demo organization on services billed through its clouds, as their monitoring APIs answer:
 * Vertex AI token and invocation counts as Cloud Monitoring {@code timeSeries.list} pages, and Bedrock's
 * {@code AWS/Bedrock} daily sums as CloudWatch {@code GetMetricData} pages. The clouds' bills are the invoices for
 * this spend, so FOCUS shows it only for months without that cloud's bill in the demo.
 */
public final class CloudGenAiUsageGenerator {

    private record Model(String id, String region, long baseInput, double cacheShare, double outputRatio) {
    }

    private static final List<Model> VERTEX = List.of(
            new Model("gemini-2.5-flash", "us-central1", 14_000_000, 0, 0.20),
            new Model("gemini-2.5-pro", "us-central1", 2_200_000, 0, 0.15));
    private static final List<Model> BEDROCK = List.of(
            new Model("anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", 1_900_000, 0.6, 0.25),
            new Model("amazon.nova-lite-v1:0", "us-east-1", 9_000_000, 0, 0.10));
    private static final String TOKENS = "aiplatform.googleapis.com/publisher/online_serving/token_count";
    private static final String INVOCATIONS = "aiplatform.googleapis.com/publisher/online_serving/model_invocation_count";

    private final long seed;
    private final Set<YearMonth> billedMonths;
    private final DemoPrices prices = new DemoPrices();

    /** @param billedMonths the months the demo's cloud bills cover */
    public CloudGenAiUsageGenerator(long seed, Set<YearMonth> billedMonths) {
        this.seed = seed;
        this.billedMonths = billedMonths;
    }

    public DemoPages.Written vertex(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed);
        List<Map<String, Object>> series = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal focus = BigDecimal.ZERO;
        long rows = 0;
        for (Model model : VERTEX) {
            List<Map<String, Object>> input = new ArrayList<>();
            List<Map<String, Object>> output = new ArrayList<>();
            List<Map<String, Object>> calls = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                long in = Math.round(model.baseInput() * Demand.of(day, first, random));
                long out = Math.round(in * model.outputRatio());
                input.add(point(day, in));
                output.add(point(day, out));
                calls.add(point(day, Math.max(1, in / 3_000)));
                DemoPrices.Rates rates = prices.rates("gcp_vertex", model.id(), day);
                BigDecimal cost = rates.cost(in, rates.input()).add(rates.cost(out, rates.output()));
                total = total.add(cost);
                focus = billedMonths.contains(YearMonth.from(day)) ? focus : focus.add(cost);
                rows++;
            }
            Map<String, Object> resource = DemoPages.object("type", "aiplatform.googleapis.com/PublisherModel",
                    "labels", DemoPages.object("resource_container", "acme-ai-prod", "location", model.region(),
                            "model_user_id", model.id()));
            series.add(series(TOKENS, Map.of("type", "input"), resource, input));
            series.add(series(TOKENS, Map.of("type", "output"), resource, output));
            series.add(series(INVOCATIONS, Map.of(), resource, calls));
        }
        List<Object> pages = DemoPages.paged(series, 2, "vertex_page_", (page, next) -> next == null
                ? DemoPages.object("timeSeries", page, "unit", "1")
                : DemoPages.object("timeSeries", page, "unit", "1", "nextPageToken", next));
        Path file = directory.resolve("vertex-usage-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, pages);
        return new DemoPages.Written(file, rows, total, focus);
    }

    public DemoPages.Written bedrock(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed + 1);
        List<Map<String, Object>> results = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal focus = BigDecimal.ZERO;
        long rows = 0;
        String window = first + "/" + last;
        for (Model model : BEDROCK) {
            List<Long> timestamps = new ArrayList<>();
            List<Long> invocations = new ArrayList<>();
            List<Long> input = new ArrayList<>();
            List<Long> cacheRead = new ArrayList<>();
            List<Long> output = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                long in = Math.round(model.baseInput() * Demand.of(day, first, random));
                long cached = Math.round(in * model.cacheShare());
                long out = Math.round(in * model.outputRatio());
                timestamps.add(day.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                invocations.add(Math.max(1, in / 2_500));
                input.add(in);
                cacheRead.add(cached);
                output.add(out);
                DemoPrices.Rates rates = prices.rates("aws_bedrock", model.id(), model.region(), day);
                BigDecimal cost = rates.cost(in, rates.input()).add(rates.cost(out, rates.output()));
                cost = cached == 0 ? cost : cost.add(rates.cost(cached, rates.cachedInput()));
                total = total.add(cost);
                focus = billedMonths.contains(YearMonth.from(day)) ? focus : focus.add(cost);
                rows++;
            }
            results.add(result(results.size(), model, "Invocations", window, timestamps, invocations));
            results.add(result(results.size(), model, "InputTokenCount", window, timestamps, input));
            results.add(result(results.size(), model, "CacheReadInputTokenCount", window, timestamps, cacheRead));
            results.add(result(results.size(), model, "OutputTokenCount", window, timestamps, output));
        }
        List<Object> pages = DemoPages.paged(results, 3, "bedrock_token_", (page, next) -> next == null
                ? DemoPages.object("MetricDataResults", page, "Messages", List.of())
                : DemoPages.object("MetricDataResults", page, "Messages", List.of(), "NextToken", next));
        Path file = directory.resolve("bedrock-usage-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, pages);
        return new DemoPages.Written(file, rows, total, focus);
    }

    private static Map<String, Object> point(LocalDate day, long value) {
        return DemoPages.object("interval", DemoPages.object("startTime", day + "T00:00:00Z",
                "endTime", day.plusDays(1) + "T00:00:00Z"), "value", DemoPages.object("int64Value", Long.toString(value)));
    }

    private static Map<String, Object> series(String metric, Map<String, String> labels, Map<String, Object> resource,
                                              List<Map<String, Object>> points) {
        return DemoPages.object("metric", DemoPages.object("type", metric, "labels", labels), "resource", resource,
                "metricKind", "DELTA", "valueType", "INT64", "points", points);
    }

    /** A GetMetricData result; the label says region, metric, model and window, as the live read labels them. */
    private static Map<String, Object> result(int id, Model model, String metric, String window, List<Long> timestamps,
                                              List<Long> values) {
        return DemoPages.object("Id", "m" + id, "Label", model.region() + "|" + metric + "|" + model.id() + "|" + window,
                "Timestamps", timestamps, "Values", values, "StatusCode", "Complete");
    }
}
