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
 * GenAI usage of the demo organization on services billed through its clouds, as their APIs answer: Vertex AI
 * token and invocation counts as Cloud Monitoring {@code timeSeries.list} pages, Bedrock's {@code AWS/Bedrock} daily
 * sums as CloudWatch {@code GetMetricData} pages, Azure OpenAI as ARM account and deployment lists with Azure Monitor
 * token metrics, and the Gemini API as the GCP billing export query's BigQuery answer (token SKUs). The clouds' bills
 * are the invoices for this spend, so FOCUS shows it only for months without that cloud's bill in the demo.
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
    private static final List<Model> AZURE = List.of(
            new Model("gpt-4o", "eastus", 3_100_000, 0, 0.22),
            new Model("gpt-4o-mini", "eastus", 12_000_000, 0, 0.15));
    private static final List<Model> GEMINI = List.of(
            new Model("gemini-2.5-flash", "global", 8_000_000, 0, 0.18));
    private static final String AZURE_ACCOUNT = "/subscriptions/00000000-0000-4000-8000-00000000ac3e"
            + "/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/acme-openai";
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

    public DemoPages.Written azureOpenAi(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed + 2);
        List<Map<String, Object>> deployments = new ArrayList<>();
        Map<String, List<Map<String, Object>>> metrics = new java.util.LinkedHashMap<>();
        for (String metric : List.of("ProcessedPromptTokens", "GeneratedTokens", "AzureOpenAIRequests")) {
            metrics.put(metric, new ArrayList<>());
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal focus = BigDecimal.ZERO;
        long rows = 0;
        for (Model model : AZURE) {
            String deployment = model.id() + "-prod";
            deployments.add(DemoPages.object("id", AZURE_ACCOUNT + "/deployments/" + deployment, "name", deployment,
                    "type", "Microsoft.CognitiveServices/accounts/deployments",
                    "sku", DemoPages.object("name", "Standard", "capacity", 100),
                    "properties", DemoPages.object("model", DemoPages.object("format", "OpenAI", "name", model.id()))));
            List<Map<String, Object>> prompt = new ArrayList<>();
            List<Map<String, Object>> generated = new ArrayList<>();
            List<Map<String, Object>> requests = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                long in = Math.round(model.baseInput() * Demand.of(day, first, random));
                long out = Math.round(in * model.outputRatio());
                prompt.add(DemoPages.object("timeStamp", day + "T00:00:00Z", "total", in));
                generated.add(DemoPages.object("timeStamp", day + "T00:00:00Z", "total", out));
                requests.add(DemoPages.object("timeStamp", day + "T00:00:00Z", "total", Math.max(1, in / 2_000)));
                DemoPrices.Rates rates = prices.rates("azure_openai", model.id(), model.region(), day);
                BigDecimal cost = rates.cost(in, rates.input()).add(rates.cost(out, rates.output()));
                total = total.add(cost);
                focus = billedMonths.contains(YearMonth.from(day)) ? focus : focus.add(cost);
                rows++;
            }
            List<Map<String, Object>> dimensions = List.of(
                    DemoPages.object("name", DemoPages.object("value", "modelname", "localizedValue", "modelname"),
                            "value", model.id()),
                    DemoPages.object("name", DemoPages.object("value", "modeldeploymentname",
                            "localizedValue", "modeldeploymentname"), "value", deployment));
            metrics.get("ProcessedPromptTokens").add(DemoPages.object("metadatavalues", dimensions, "data", prompt));
            metrics.get("GeneratedTokens").add(DemoPages.object("metadatavalues", dimensions, "data", generated));
            metrics.get("AzureOpenAIRequests").add(DemoPages.object("metadatavalues", dimensions, "data", requests));
        }
        List<Map<String, Object>> values = new ArrayList<>();
        metrics.forEach((name, series) -> values.add(DemoPages.object("id", AZURE_ACCOUNT
                        + "/providers/Microsoft.Insights/metrics/" + name, "type", "Microsoft.Insights/metrics",
                "name", DemoPages.object("value", name, "localizedValue", name), "unit", "Count",
                "timeseries", series, "errorCode", "Success")));
        List<Object> pages = List.of(
                DemoPages.object("value", List.of(DemoPages.object("id", AZURE_ACCOUNT, "name", "acme-openai",
                        "type", "Microsoft.CognitiveServices/accounts", "kind", "OpenAI", "location", "eastus",
                        "sku", DemoPages.object("name", "S0")))),
                DemoPages.object("value", deployments),
                DemoPages.object("cost", 0, "timespan", first + "T00:00:00Z/" + last.plusDays(1) + "T00:00:00Z",
                        "interval", "P1D", "namespace", "Microsoft.CognitiveServices/accounts",
                        "resourceregion", "eastus", "value", values));
        Path file = directory.resolve("azure-openai-usage-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, pages);
        return new DemoPages.Written(file, rows, total, focus);
    }

    public DemoPages.Written gemini(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed + 3);
        List<String> columns = List.of("usage_day", "service_description", "sku_id", "sku_description", "project_id",
                "region", "currency", "usage_unit", "usage_amount", "pricing_unit", "pricing_amount", "cost", "credits");
        List<Map<String, Object>> rowsOut = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal focus = BigDecimal.ZERO;
        long rows = 0;
        for (Model model : GEMINI) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                long in = Math.round(model.baseInput() * Demand.of(day, first, random));
                long out = Math.round(in * model.outputRatio());
                DemoPrices.Rates rates = prices.rates("gemini", model.id(), day);
                BigDecimal inCost = rates.cost(in, rates.input());
                BigDecimal outCost = rates.cost(out, rates.output());
                rowsOut.add(billingRow(columns, day, "B1E8-INPUT", "Gemini 2.5 Flash Input Text Tokens", in, inCost));
                rowsOut.add(billingRow(columns, day, "B1E8-OUTPUT", "Gemini 2.5 Flash Output Text Tokens", out, outCost));
                BigDecimal cost = inCost.add(outCost);
                total = total.add(cost);
                focus = billedMonths.contains(YearMonth.from(day)) ? focus : focus.add(cost);
                rows++;
            }
        }
        List<Map<String, Object>> fields = columns.stream().map(c -> DemoPages.object("name", c, "type",
                c.contains("amount") || c.equals("cost") || c.equals("credits") ? "NUMERIC" : "STRING")).toList();
        List<Object> pages = DemoPages.paged(rowsOut, 60, "gemini_page_", (page, next) -> {
            Map<String, Object> answer = DemoPages.object("kind", "bigquery#queryResponse",
                    "schema", DemoPages.object("fields", fields), "jobComplete", true,
                    "totalRows", Integer.toString(rowsOut.size()), "rows", page);
            if (next != null) {
                answer.put("pageToken", next);
            }
            return answer;
        });
        Path file = directory.resolve("gemini-usage-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, pages);
        return new DemoPages.Written(file, rows, total, focus);
    }

    /** A billing export row as the query answers it: every cell a string, as BigQuery's REST answer has them. */
    private static Map<String, Object> billingRow(List<String> columns, LocalDate day, String sku, String description,
                                                 long tokens, BigDecimal cost) {
        Map<String, String> values = Map.ofEntries(Map.entry("usage_day", day.toString()),
                Map.entry("service_description", "Gemini API"), Map.entry("sku_id", sku),
                Map.entry("sku_description", description), Map.entry("project_id", "acme-ai-studio"),
                Map.entry("region", "global"), Map.entry("currency", "USD"), Map.entry("usage_unit", "count"),
                Map.entry("usage_amount", Long.toString(tokens)), Map.entry("pricing_unit", "count"),
                Map.entry("pricing_amount", Long.toString(tokens)), Map.entry("cost", cost.toPlainString()),
                Map.entry("credits", "0"));
        return DemoPages.object("f", columns.stream().map(c -> DemoPages.object("v", values.get(c))).toList());
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
