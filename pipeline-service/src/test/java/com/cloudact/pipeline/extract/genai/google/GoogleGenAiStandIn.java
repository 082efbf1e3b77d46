package com.cloudact.pipeline.extract.genai.google;

import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two Google APIs on one local server, answering with their documented shapes, accepting only bearer tokens the
 * {@link GoogleStandIn} issued for the right scope:
 * <ul>
 * <li>Cloud Monitoring {@code GET /v3/projects/{p}/timeSeries}: holds raw samples (metric and resource type and
 * labels, a time, a count) and answers a filter on {@code metric.type} (and {@code resource.type}) with the samples
 * summed per one-day period ending at {@code interval.endTime} ({@code ALIGN_SUM}) and across series by the
 * {@code aggregation.groupByFields} ({@code REDUCE_SUM}); points newest first, {@code int64Value} as text,
 * {@code pageSize} series per page with {@code nextPageToken}. Other aggregations are refused (400).</li>
 * <li>BigQuery {@code jobs.query} ({@code POST /bigquery/v2/projects/{p}/queries}) and {@code jobs.getQueryResults}
 * ({@code GET .../queries/{jobId}?pageToken=}): it does not run SQL; it recognizes the billing statement (its table
 * and the named parameters {@code services}, {@code first_day}, {@code last_day}) and computes the grouped daily
 * sums from its hourly export lines. The first answer can be a job still running ({@code jobComplete:false}).</li>
 * </ul>
 */
public final class GoogleGenAiStandIn extends StandIn {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern METRIC_TYPE = Pattern.compile("metric\\.type\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("resource\\.type\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern TABLE = Pattern.compile("FROM `([^`]+)`");

    /** One raw measurement of a metric. */
    public record Sample(String metricType, String resourceType, Map<String, String> resourceLabels,
                         Map<String, String> metricLabels, Instant time, long value) {
    }

    /** One hourly line of the billing export (the columns the statement reads). */
    public record ExportLine(Instant usageStart, String service, String skuId, String skuDescription, String project,
                             String region, String currency, String usageUnit, String usageAmount, String pricingUnit,
                             String pricingAmount, String cost, List<String> credits) {
    }

    private final GoogleStandIn google;
    private final String table;
    private final int pageSize;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<ExportLine> lines = new CopyOnWriteArrayList<>();
    private final Map<String, List<List<String>>> jobs = new ConcurrentHashMap<>();
    private final List<JsonNode> queries = new CopyOnWriteArrayList<>();
    private volatile boolean firstAnswerRunning;

    public GoogleGenAiStandIn(GoogleStandIn google, String table, int pageSize) {
        this.google = google;
        this.table = table;
        this.pageSize = pageSize;
    }

    public void sample(String metricType, String resourceType, Map<String, String> resourceLabels,
                       Map<String, String> metricLabels, String time, long value) {
        samples.add(new Sample(metricType, resourceType, resourceLabels, metricLabels, Instant.parse(time), value));
    }

    public void line(ExportLine line) {
        lines.add(line);
    }

    public void answerQueriesAsRunning(boolean running) {
        firstAnswerRunning = running;
    }

    /** The {@code jobs.query} bodies received. */
    public List<JsonNode> queries() {
        return List.copyOf(queries);
    }

    @Override
    protected Reply answer(Request request) {
        Optional<GoogleStandIn.Issued> caller = google.issued(request.header("Authorization"));
        if (caller.isEmpty()) {
            return GoogleStandIn.googleError(401, "Request had invalid authentication credentials. Expected OAuth 2 access "
                    + "token, login cookie or other valid authentication credential.", "UNAUTHENTICATED");
        }
        List<String> scopes = List.of(caller.get().scope().split(" "));
        String[] path = request.path().split("/");
        if (request.path().startsWith("/v3/projects/") && path.length == 5 && path[4].equals("timeSeries")) {
            if (!scopes.contains("https://www.googleapis.com/auth/monitoring.read")) {
                return GoogleStandIn.googleError(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
            }
            return timeSeries(path[3], parameters(request.rawQuery()));
        }
        if (request.path().startsWith("/bigquery/v2/projects/")) {
            if (!scopes.contains("https://www.googleapis.com/auth/bigquery")) {
                return GoogleStandIn.googleError(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
            }
            if (request.method().equals("POST") && path.length == 6 && path[5].equals("queries")) {
                return query(path[4], JSON.readTree(request.body()));
            }
            if (request.method().equals("GET") && path.length == 7 && path[5].equals("queries")) {
                Map<String, List<String>> p = parameters(request.rawQuery());
                return page(path[4], path[6], Integer.parseInt(first(p, "pageToken", "0")), "bigquery#getQueryResultsResponse");
            }
        }
        return GoogleStandIn.googleError(404, "Not found: " + request.path(), "NOT_FOUND");
    }

    private Reply timeSeries(String project, Map<String, List<String>> p) {
        String filter = first(p, "filter", "");
        Matcher metric = METRIC_TYPE.matcher(filter);
        if (!metric.find()) {
            return GoogleStandIn.googleError(400, "Field filter had an invalid value: a metric type is required",
                    "INVALID_ARGUMENT");
        }
        Matcher resource = RESOURCE_TYPE.matcher(filter);
        String resourceType = resource.find() ? resource.group(1) : null;
        if (!"86400s".equals(first(p, "aggregation.alignmentPeriod", "")) || !"ALIGN_SUM".equals(
                first(p, "aggregation.perSeriesAligner", "")) || !"REDUCE_SUM".equals(first(p, "aggregation.crossSeriesReducer", ""))) {
            return GoogleStandIn.googleError(400, "The stand-in answers daily ALIGN_SUM/REDUCE_SUM aggregations only",
                    "INVALID_ARGUMENT");
        }
        Instant start = Instant.parse(first(p, "interval.startTime", ""));
        Instant end = Instant.parse(first(p, "interval.endTime", ""));
        List<String> groupBy = p.getOrDefault("aggregation.groupByFields", List.of());
        Map<Map<String, String>, Map<Instant, Long>> groups = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (!sample.metricType().equals(metric.group(1)) || (resourceType != null && !resourceType.equals(sample.resourceType()))
                    || sample.time().isBefore(start) || !sample.time().isBefore(end)
                    || !project.equals(sample.resourceLabels().getOrDefault("resource_container", project))) {
                continue;
            }
            Map<String, String> key = new TreeMap<>();
            for (String field : groupBy) {
                String value = field.startsWith("resource.label.") ? sample.resourceLabels().get(field.substring(15))
                        : field.startsWith("metric.label.") ? sample.metricLabels().get(field.substring(13)) : null;
                if (value != null) {
                    key.put(field, value);
                }
            }
            long periodsBack = (Duration.between(sample.time(), end).getSeconds() - 1) / 86_400;
            Instant periodEnd = end.minusSeconds(periodsBack * 86_400);
            groups.computeIfAbsent(key, k -> new TreeMap<>(Comparator.reverseOrder())).merge(periodEnd, sample.value(), Long::sum);
        }
        List<ObjectNode> series = new ArrayList<>();
        groups.forEach((key, points) -> {
            ObjectNode s = JSON.createObjectNode();
            ObjectNode m = s.putObject("metric");
            ObjectNode ml = m.putObject("labels");
            m.put("type", metric.group(1));
            ObjectNode r = s.putObject("resource");
            r.put("type", resourceType == null ? "global" : resourceType);
            ObjectNode rl = r.putObject("labels");
            key.forEach((field, value) -> (field.startsWith("resource.") ? rl : ml).put(field.substring(field.lastIndexOf('.') + 1), value));
            s.put("metricKind", "DELTA");
            s.put("valueType", "INT64");
            ArrayNode array = s.putArray("points");
            points.forEach((periodEnd, value) -> {
                ObjectNode point = array.addObject();
                point.putObject("interval").put("startTime", periodEnd.minusSeconds(86_400).toString())
                        .put("endTime", periodEnd.toString());
                point.putObject("value").put("int64Value", String.valueOf(value));
            });
            series.add(s);
        });
        int offset = Integer.parseInt(first(p, "pageToken", "0"));
        ObjectNode answer = JSON.createObjectNode();
        if (!series.isEmpty()) {
            ArrayNode list = answer.putArray("timeSeries");
            series.subList(offset, Math.min(series.size(), offset + pageSize)).forEach(list::add);
        }
        if (!series.isEmpty()) {
            answer.put("unit", "1");
        }
        if (offset + pageSize < series.size()) {
            answer.put("nextPageToken", String.valueOf(offset + pageSize));
        }
        return Reply.json(200, JSON.writeValueAsString(answer));
    }

    private static final List<String> COLUMNS = List.of("usage_day", "service_description", "sku_id", "sku_description",
            "project_id", "region", "currency", "usage_unit", "usage_amount", "pricing_unit", "pricing_amount", "cost",
            "credits");
    private static final List<String> TYPES = List.of("DATE", "STRING", "STRING", "STRING", "STRING", "STRING", "STRING",
            "STRING", "NUMERIC", "STRING", "NUMERIC", "NUMERIC", "NUMERIC");

    private Reply query(String project, JsonNode body) {
        queries.add(body);
        String sql = body.path("query").asString("");
        Matcher from = TABLE.matcher(sql);
        if (!from.find() || !from.group(1).equals(table)) {
            return GoogleStandIn.googleError(404, "Not found: Table " + (from.find(0) ? from.group(1) : "?")
                    + " was not found in location US", "NOT_FOUND");
        }
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        body.path("queryParameters").forEach(q -> parameters.put(q.path("name").asString(), q));
        if (body.path("useLegacySql").asBoolean(true) || !parameters.keySet().containsAll(List.of("services", "first_day", "last_day"))
                || !sql.contains("IN UNNEST(@services)") || !sql.contains("GROUP BY")) {
            return GoogleStandIn.googleError(400, "Syntax error: the stand-in answers the GenAI billing statement only",
                    "INVALID_ARGUMENT");
        }
        List<String> services = new ArrayList<>();
        parameters.get("services").path("parameterValue").path("arrayValues").forEach(v -> services.add(v.path("value").asString()));
        LocalDate firstDay = LocalDate.parse(parameters.get("first_day").path("parameterValue").path("value").asString());
        LocalDate lastDay = LocalDate.parse(parameters.get("last_day").path("parameterValue").path("value").asString());
        Map<List<String>, BigDecimal[]> sums = new TreeMap<>(Comparator.comparing(Object::toString));
        for (ExportLine line : lines) {
            LocalDate day = LocalDate.ofInstant(line.usageStart(), ZoneOffset.UTC);
            if (!services.contains(line.service()) || day.isBefore(firstDay) || day.isAfter(lastDay)) {
                continue;
            }
            List<String> key = Arrays.asList(day.toString(), line.service(), line.skuId(), line.skuDescription(), line.project(),
                    line.region(), line.currency(), line.usageUnit(), line.pricingUnit());
            BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO});
            s[0] = s[0].add(new BigDecimal(line.usageAmount()));
            s[1] = s[1].add(new BigDecimal(line.pricingAmount()));
            s[2] = s[2].add(new BigDecimal(line.cost()));
            for (String credit : line.credits()) {
                s[3] = s[3].add(new BigDecimal(credit));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        sums.forEach((k, s) -> rows.add(Arrays.asList(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5), k.get(6),
                k.get(7), s[0].toPlainString(), k.get(8), s[1].toPlainString(), s[2].toPlainString(), s[3].toPlainString())));
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        jobs.put(jobId, rows);
        if (firstAnswerRunning) {
            ObjectNode running = JSON.createObjectNode();
            running.put("kind", "bigquery#queryResponse");
            running.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", "US");
            running.put("jobComplete", false);
            return Reply.json(200, JSON.writeValueAsString(running));
        }
        return page(project, jobId, 0, "bigquery#queryResponse");
    }

    private Reply page(String project, String jobId, int offset, String kind) {
        List<List<String>> rows = jobs.get(jobId);
        if (rows == null) {
            return GoogleStandIn.googleError(404, "Not found: Job " + project + ":US." + jobId, "NOT_FOUND");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("kind", kind);
        ArrayNode fields = answer.putObject("schema").putArray("fields");
        for (int i = 0; i < COLUMNS.size(); i++) {
            fields.addObject().put("name", COLUMNS.get(i)).put("type", TYPES.get(i)).put("mode", "NULLABLE");
        }
        answer.putObject("jobReference").put("projectId", project).put("jobId", jobId).put("location", "US");
        answer.put("totalRows", String.valueOf(rows.size()));
        int end = Math.min(rows.size(), offset + pageSize);
        if (end > offset) {
            ArrayNode page = answer.putArray("rows");
            for (List<String> row : rows.subList(offset, end)) {
                ArrayNode cells = page.addObject().putArray("f");
                row.forEach(v -> {
                    if (v == null) {
                        cells.addObject().putNull("v");
                    } else {
                        cells.addObject().put("v", v);
                    }
                });
            }
        }
        if (end < rows.size()) {
            answer.put("pageToken", String.valueOf(end));
        }
        answer.put("jobComplete", true);
        answer.put("cacheHit", false);
        return Reply.json(200, JSON.writeValueAsString(answer));
    }

    private static String first(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    static Map<String, List<String>> parameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
