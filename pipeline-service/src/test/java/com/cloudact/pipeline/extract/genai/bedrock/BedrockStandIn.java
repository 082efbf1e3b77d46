package com.cloudact.pipeline.extract.genai.bedrock;

import com.cloudact.platform.providers.standins.SigV4Check;
import com.cloudact.platform.providers.standins.StandIn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudWatch (AWS JSON 1.0: {@code POST /}, {@code X-Amz-Target: GraniteServiceVersion20100801.ListMetrics |
 * GetMetricData}) and the Bedrock control plane ({@code GET /provisioned-model-throughputs}) for several regions on
 * one server: the region is the one the SigV4 signature names, and every request must be signed, with the right
 * service, by the one access key it knows. It holds raw datapoints per region, metric and ModelId, and answers:
 * ListMetrics with the distinct metrics of the asked name, two per page ({@code NextToken}); GetMetricData with each
 * query's {@code Sum} per {@code Period} from {@code StartTime} (epoch seconds, as the JSON protocol sends them),
 * three results per page; provisioned throughputs two per page ({@code nextToken}).
 */
public final class BedrockStandIn extends StandIn {

    private static final JsonMapper JSON = JsonMapper.shared();

    private record Datapoint(String region, String metric, String modelId, Instant time, double value) {
    }

    private final String keyId;
    private final String secret;
    private final List<Datapoint> datapoints = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> provisioned = new LinkedHashMap<>();
    private final List<JsonNode> metricDataBodies = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Function<String, Optional<String>> trusted = id -> Optional.empty();

    public BedrockStandIn(String keyId, String secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    /** Also accepts keys another stand-in issued (STS's temporary keys of an assumed role). */
    public void trust(java.util.function.Function<String, Optional<String>> secretOf) {
        this.trusted = secretOf;
    }

    public void datapoint(String region, String metric, String modelId, String time, double value) {
        datapoints.add(new Datapoint(region, metric, modelId, Instant.parse(time), value));
    }

    public void provisionedModel(String region, String json) {
        provisioned.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>()).add(JSON.readTree(json));
    }

    List<JsonNode> metricDataBodies() {
        return List.copyOf(metricDataBodies);
    }

    @Override
    protected Reply answer(Request request) {
        SigV4Check.Result signature = SigV4Check.verify(request.method(), request.path(), request.rawQuery(),
                request.headers(), SigV4Check.sha256Hex(request.body().getBytes(StandardCharsets.UTF_8)),
                id -> id.equals(keyId) ? Optional.of(secret) : trusted.apply(id));
        if (!signature.valid()) {
            return error(signature.error().equals("InvalidClientTokenId") ? 403 : 400, signature.error(),
                    "The request signature we calculated does not match the signature you provided.");
        }
        String region = signature.signed().region();
        String service = signature.signed().service();
        if (request.method().equals("POST") && request.path().equals("/") && service.equals("monitoring")) {
            String target = String.valueOf(request.header("X-Amz-Target"));
            if (!"application/x-amz-json-1.0".equals(request.header("Content-Type"))) {
                return error(400, "SerializationException", "Unsupported content type");
            }
            JsonNode body = JSON.readTree(request.body());
            return switch (target) {
                case "GraniteServiceVersion20100801.ListMetrics" -> listMetrics(region, body);
                case "GraniteServiceVersion20100801.GetMetricData" -> metricData(region, body);
                default -> error(400, "UnknownOperationException", "Unknown operation " + target);
            };
        }
        if (request.method().equals("GET") && request.path().equals("/provisioned-model-throughputs")
                && service.equals("bedrock")) {
            return provisioned(region, QueryParameters.of(request.rawQuery()));
        }
        return error(404, "UnknownOperationException", "No such operation " + request.method() + " " + request.path());
    }

    private Reply listMetrics(String region, JsonNode body) {
        Set<String> models = new LinkedHashSet<>();
        for (Datapoint point : datapoints) {
            if (point.region().equals(region) && point.metric().equals(body.path("MetricName").asString())
                    && "AWS/Bedrock".equals(body.path("Namespace").asString())) {
                models.add(point.modelId());
            }
        }
        List<String> all = new ArrayList<>(models);
        int offset = Integer.parseInt(body.path("NextToken").asString("0"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode metrics = answer.putArray("Metrics");
        for (String model : all.subList(offset, Math.min(all.size(), offset + 2))) {
            ObjectNode metric = metrics.addObject();
            metric.put("Namespace", "AWS/Bedrock");
            metric.put("MetricName", body.path("MetricName").asString());
            metric.putArray("Dimensions").addObject().put("Name", "ModelId").put("Value", model);
        }
        if (offset + 2 < all.size()) {
            answer.put("NextToken", String.valueOf(offset + 2));
        }
        return json(answer);
    }

    private Reply metricData(String region, JsonNode body) {
        metricDataBodies.add(body);
        if (!body.path("StartTime").isNumber() || !body.path("EndTime").isNumber()
                || body.path("MetricDataQueries").size() > 500) {
            return error(400, "InvalidParameterValueException", "StartTime and EndTime must be timestamps; at most 500"
                    + " queries");
        }
        long start = body.path("StartTime").asLong();
        long end = body.path("EndTime").asLong();
        List<ObjectNode> results = new ArrayList<>();
        for (JsonNode query : body.path("MetricDataQueries")) {
            JsonNode stat = query.path("MetricStat");
            String id = query.path("Id").asString();
            if (!id.matches("[a-z][a-zA-Z0-9_]*") || stat.path("Period").asLong() != 86_400
                    || !"Sum".equals(stat.path("Stat").asString())) {
                return error(400, "ValidationError", "The value " + id + " for parameter MetricDataQueries.member.Id is"
                        + " not valid, or the period or statistic is not the stand-in's");
            }
            String metric = stat.path("Metric").path("MetricName").asString();
            String model = stat.path("Metric").path("Dimensions").path(0).path("Value").asString();
            TreeMap<Long, Double> sums = new TreeMap<>();
            for (Datapoint point : datapoints) {
                long t = point.time().getEpochSecond();
                if (point.region().equals(region) && point.metric().equals(metric) && point.modelId().equals(model)
                        && t >= start && t < end) {
                    sums.merge(start + (t - start) / 86_400 * 86_400, point.value(), Double::sum);
                }
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("Id", id);
            result.put("Label", query.path("Label").asString(metric));
            ArrayNode timestamps = result.putArray("Timestamps");
            ArrayNode values = result.putArray("Values");
            sums.forEach((t, v) -> {
                timestamps.add(t);
                values.add(v);
            });
            result.put("StatusCode", "Complete");
            results.add(result);
        }
        int offset = Integer.parseInt(body.path("NextToken").asString("0"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray("MetricDataResults");
        results.subList(offset, Math.min(results.size(), offset + 3)).forEach(page::add);
        answer.putArray("Messages");
        if (offset + 3 < results.size()) {
            answer.put("NextToken", String.valueOf(offset + 3));
        }
        return json(answer);
    }

    private Reply provisioned(String region, Map<String, String> query) {
        List<JsonNode> all = provisioned.getOrDefault(region, List.of());
        int offset = Integer.parseInt(query.getOrDefault("nextToken", "0"));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode summaries = answer.putArray("provisionedModelSummaries");
        all.subList(offset, Math.min(all.size(), offset + 2)).forEach(summaries::add);
        if (offset + 2 < all.size()) {
            answer.put("nextToken", String.valueOf(offset + 2));
        }
        return json(answer);
    }

    private static Reply json(ObjectNode answer) {
        return new Reply(200, "application/x-amz-json-1.0", JSON.writeValueAsString(answer), Map.of());
    }

    public static Reply error(int status, String type, String message) {
        return new Reply(status, "application/x-amz-json-1.0", "{\"__type\":\"com.amazonaws.cloudwatch#" + type
                + "\",\"message\":\"" + message + "\"}", Map.of());
    }

    /** Query parameters of a GET, decoded. */
    private static final class QueryParameters {
        static Map<String, String> of(String raw) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (raw != null) {
                parameters.putAll(StandIn.formOf(raw));
            }
            return parameters;
        }
    }
}
