package com.cloudact.pipeline.extract.genai.azureopenai;

import com.cloudact.platform.providers.standins.AzureStandIn;
import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure Resource Manager for Azure OpenAI, accepting only tokens the {@link AzureStandIn} issued: the subscription's
 * Cognitive Services accounts and an account's deployments (ARM lists, two per page, {@code nextLink}), Azure
 * Monitor metrics of an account ({@code metricnames}, {@code timespan}, {@code interval=P1D},
 * {@code aggregation=Total|Average}; a data point for every day of the timespan, with {@code total}/{@code average}
 * only on days with samples; split by {@code modelname}/{@code modeldeploymentname}; an unknown metric is a 400 as
 * Azure answers it), and the Cost Management query (ActualCost, Daily; rows two per page with
 * {@code properties.nextLink}).
 */
public final class AzureOpenAiStandIn extends StandIn {

    private static final JsonMapper JSON = JsonMapper.shared();

    private record Sample(String account, String metric, String model, String deployment, Instant time, double value) {
    }

    private final AzureStandIn login;
    private final String subscription;
    private final List<JsonNode> accounts = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> deployments = new LinkedHashMap<>();
    private final Map<String, Set<String>> metricsOf = new LinkedHashMap<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<List<Object>> costRows = new CopyOnWriteArrayList<>();
    private final List<JsonNode> costQueries = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<Reply> costFailure = new java.util.concurrent.atomic.AtomicReference<>();

    public AzureOpenAiStandIn(AzureStandIn login, String subscription) {
        this.login = login;
        this.subscription = subscription;
    }

    /** An account, and the metrics it publishes. */
    public String account(String resourceGroup, String name, String kind, String location, String... metrics) {
        String id = "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.CognitiveServices/accounts/" + name;
        accounts.add(JSON.readTree("""
                {"id":"%s","name":"%s","type":"Microsoft.CognitiveServices/accounts","location":"%s","kind":"%s",
                 "sku":{"name":"S0"},"properties":{"endpoint":"https://%s.openai.azure.com/","provisioningState":"Succeeded"}}"""
                .formatted(id, name, location, kind, name)));
        metricsOf.put(id.toLowerCase(), Set.of(metrics));
        return id;
    }

    public void deployment(String accountId, String name, String sku, int capacity, String model, String createdAt) {
        deployments.computeIfAbsent(accountId.toLowerCase(), a -> new CopyOnWriteArrayList<>()).add(JSON.readTree("""
                {"id":"%s/deployments/%s","name":"%s","type":"Microsoft.CognitiveServices/accounts/deployments",
                 "sku":{"name":"%s","capacity":%d},
                 "properties":{"model":{"format":"OpenAI","name":"%s","version":"2024-08-06"},"provisioningState":"Succeeded"},
                 "systemData":{"createdAt":"%s","createdByType":"User"}}""".formatted(accountId, name, name, sku, capacity,
                model, createdAt)));
    }

    public void sample(String accountId, String metric, String model, String deployment, String time, double value) {
        samples.add(new Sample(accountId.toLowerCase(), metric, model, deployment, Instant.parse(time), value));
    }

    public void cost(String cost, int usageDate, String resourceId, String meter, String quantity) {
        costRows.add(List.of(new BigDecimal(cost), usageDate, resourceId, meter, new BigDecimal(quantity), "USD"));
    }

    /** Answers the next Cost Management query with {@code reply} (a throttling answer, say). */
    void failNextCostQuery(Reply reply) {
        costFailure.set(reply);
    }

    List<JsonNode> costQueries() {
        return List.copyOf(costQueries);
    }

    @Override
    protected Reply answer(Request request) {
        if (login.clientOf(request.header("Authorization")).isEmpty()) {
            return AzureStandIn.armError(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
        Map<String, String> query = query(request.rawQuery());
        if (!query.containsKey("api-version")) {
            return AzureStandIn.armError(400, "MissingApiVersionParameter", "The api-version query parameter "
                    + "(?api-version=) is required for all requests.");
        }
        String path = request.path();
        String lower = path.toLowerCase();
        int skip = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
        if (request.method().equals("GET") && lower.equals(("/subscriptions/" + subscription
                + "/providers/Microsoft.CognitiveServices/accounts").toLowerCase())) {
            return list(accounts, skip, path + "?api-version=" + query.get("api-version"));
        }
        if (request.method().equals("GET") && lower.endsWith("/deployments")) {
            String account = lower.substring(0, lower.length() - "/deployments".length());
            return list(deployments.getOrDefault(account, List.of()), skip, path + "?api-version=" + query.get("api-version"));
        }
        if (request.method().equals("GET") && lower.endsWith("/providers/microsoft.insights/metrics")) {
            return metrics(lower.substring(0, lower.indexOf("/providers/microsoft.insights/metrics")), path, query);
        }
        if (request.method().equals("POST") && lower.equals(("/subscriptions/" + subscription
                + "/providers/Microsoft.CostManagement/query").toLowerCase())) {
            return costs(JSON.readTree(request.body()), skip, path + "?api-version=" + query.get("api-version"));
        }
        return AzureStandIn.armError(404, "NotFound", "The requested path was not found.");
    }

    private Reply list(List<JsonNode> items, int skip, String self) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode value = answer.putArray("value");
        items.subList(Math.min(skip, items.size()), Math.min(items.size(), skip + 2)).forEach(value::add);
        if (skip + 2 < items.size()) {
            answer.put("nextLink", baseUrl() + self + "&$skiptoken=" + (skip + 2));
        }
        return Reply.json(200, JSON.writeValueAsString(answer));
    }

    private Reply metrics(String account, String path, Map<String, String> query) {
        Set<String> known = metricsOf.get(account);
        if (known == null) {
            return AzureStandIn.armError(404, "ResourceNotFound", "The Resource was not found.");
        }
        String aggregation = query.getOrDefault("aggregation", "");
        if (!"P1D".equals(query.get("interval")) || !(aggregation.equals("Total") || aggregation.equals("Average"))) {
            return AzureStandIn.armError(400, "BadRequest", "The stand-in answers interval=P1D with Total or Average");
        }
        String[] span = query.get("timespan").split("/");
        LocalDate first = LocalDate.ofInstant(Instant.parse(span[0]), ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(Instant.parse(span[1]), ZoneOffset.UTC);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("cost", 0);
        answer.put("timespan", query.get("timespan"));
        answer.put("interval", "P1D");
        ArrayNode value = answer.putArray("value");
        for (String metric : query.get("metricnames").split(",")) {
            if (!known.contains(metric)) {
                return AzureStandIn.armError(400, "BadRequest", "Failed to find metric configuration for provider: "
                        + "Microsoft.CognitiveServices, resource Type: accounts, metric: " + metric + ", Valid metrics: "
                        + String.join(",", known));
            }
            ObjectNode m = value.addObject();
            m.put("id", path.substring(0, path.toLowerCase().indexOf("/providers/microsoft.insights/metrics"))
                    + "/providers/Microsoft.Insights/metrics/" + metric);
            m.put("type", "Microsoft.Insights/metrics");
            m.putObject("name").put("value", metric).put("localizedValue", metric);
            m.put("unit", metric.endsWith("Rate") || metric.contains("Utilization") ? "Percent" : "Count");
            ArrayNode timeseries = m.putArray("timeseries");
            Map<List<String>, Map<LocalDate, List<Double>>> series = new LinkedHashMap<>();
            for (Sample sample : samples) {
                LocalDate day = LocalDate.ofInstant(sample.time(), ZoneOffset.UTC);
                if (sample.account().equals(account) && sample.metric().equals(metric) && !day.isBefore(first)
                        && day.isBefore(end)) {
                    List<String> key = query.getOrDefault("$filter", "").contains("ModelName")
                            ? List.of(sample.model(), sample.deployment()) : List.of(sample.deployment());
                    series.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(day, d -> new ArrayList<>())
                            .add(sample.value());
                }
            }
            series.forEach((key, days) -> {
                ObjectNode s = timeseries.addObject();
                ArrayNode dims = s.putArray("metadatavalues");
                if (key.size() == 2) {
                    dims.addObject().put("value", key.get(0)).putObject("name").put("value", "modelname")
                            .put("localizedValue", "modelname");
                }
                dims.addObject().put("value", key.getLast()).putObject("name").put("value", "modeldeploymentname")
                        .put("localizedValue", "modeldeploymentname");
                ArrayNode data = s.putArray("data");
                for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
                    ObjectNode point = data.addObject().put("timeStamp", day.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
                    List<Double> values = days.get(day);
                    if (values != null) {
                        double total = values.stream().mapToDouble(Double::doubleValue).sum();
                        point.put(aggregation.toLowerCase(), aggregation.equals("Total") ? total : total / values.size());
                    }
                }
            });
            m.put("errorCode", "Success");
        }
        answer.put("namespace", "Microsoft.CognitiveServices/accounts");
        answer.put("resourceregion", accounts.stream().filter(a -> a.path("id").asString().equalsIgnoreCase(account))
                .findFirst().map(a -> a.path("location").asString()).orElse(""));
        return Reply.json(200, JSON.writeValueAsString(answer));
    }

    private Reply costs(JsonNode body, int skip, String self) {
        costQueries.add(body);
        Reply failure = costFailure.getAndSet(null);
        if (failure != null) {
            return failure;
        }
        if (!"ActualCost".equals(body.path("type").asString()) || !"Daily".equals(body.path("dataset").path("granularity")
                .asString())) {
            return AzureStandIn.armError(400, "BadRequest", "Invalid query definition");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "/subscriptions/" + subscription + "/providers/Microsoft.CostManagement/query/00000000-0000-0000"
                + "-0000-000000000000");
        answer.put("name", "00000000-0000-0000-0000-000000000000");
        answer.put("type", "Microsoft.CostManagement/query");
        ObjectNode properties = answer.putObject("properties");
        if (skip + 2 < costRows.size()) {
            properties.put("nextLink", baseUrl() + self + "&$skiptoken=" + (skip + 2));
        } else {
            properties.putNull("nextLink");
        }
        ArrayNode columns = properties.putArray("columns");
        for (String[] column : new String[][] {{"Cost", "Number"}, {"UsageQuantity", "Number"}, {"UsageDate", "Number"},
                {"ResourceId", "String"}, {"Meter", "String"}, {"Currency", "String"}}) {
            columns.addObject().put("name", column[0]).put("type", column[1]);
        }
        ArrayNode rows = properties.putArray("rows");
        for (List<Object> row : costRows.subList(Math.min(skip, costRows.size()), Math.min(costRows.size(), skip + 2))) {
            ArrayNode r = rows.addArray();
            r.add((BigDecimal) row.get(0));
            r.add((BigDecimal) row.get(4));
            r.add((Integer) row.get(1));
            r.add((String) row.get(2));
            r.add((String) row.get(3));
            r.add((String) row.get(5));
        }
        return Reply.json(200, JSON.writeValueAsString(answer));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    static Set<String> set(String... values) {
        return new HashSet<>(List.of(values));
    }
}
