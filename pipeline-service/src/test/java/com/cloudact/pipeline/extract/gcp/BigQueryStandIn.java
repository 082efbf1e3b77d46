package com.cloudact.pipeline.extract.gcp;

import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in of the BigQuery REST API holding one billing export table, for the statements the export reader sends
 * and the calls google-cloud-bigquery makes to page through their results: {@code jobs.query}
 * ({@code POST /bigquery/v2/projects/{p}/queries}; the first page, {@code pageToken}, {@code jobReference}),
 * {@code jobs.get} (a finished query job and its anonymous destination table), {@code tabledata.list} of that table
 * ({@code GET .../datasets/{d}/tables/{t}/data?pageToken=...}, the SDK's way to the next pages) and
 * {@code jobs.getQueryResults} ({@code GET .../queries/{jobId}}, for a job that was still running). Answers have the
 * documented shapes: typed {@code schema.fields} (RECORD and REPEATED fields nested), {@code rows[].f[].v},
 * {@code totalRows} as text; TIMESTAMP values as floating-point seconds, or int64 microseconds when the request asks
 * with {@code formatOptions.useInt64Timestamp}; FLOAT values as BigQuery prints doubles.
 *
 * <p>It does not run SQL. It recognizes the reader's two statements, takes the table from the statement and the
 * days from the named parameters, and computes the answer from its rows; any other statement is refused as an
 * invalid query. Only bearer tokens the {@link GoogleStandIn} issued for the BigQuery scope are accepted, for the
 * projects each account was granted.
 */
final class BigQueryStandIn extends StandIn {

    static final String SCOPE = "https://www.googleapis.com/auth/bigquery";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TABLE = Pattern.compile("`([^`]+)`");
    private static final Pattern PATH = Pattern.compile(
            "/bigquery/v2/projects/([^/]+)/(queries|jobs|datasets)(?:/([^/]+))?(/tables/([^/]+)/data)?");
    private static final String ANONYMOUS_DATASET = "_cloudact_standin_anonymous";

    /** A column of the table: name, BigQuery type, mode and (for RECORD) fields. */
    record Column(String name, String type, String mode, List<Column> fields) {

        static Column of(String name, String type) {
            return new Column(name, type, "NULLABLE", List.of());
        }

        static Column record(String name, Column... fields) {
            return new Column(name, "RECORD", "NULLABLE", List.of(fields));
        }

        static Column repeated(String name, Column... fields) {
            return new Column(name, "RECORD", "REPEATED", List.of(fields));
        }
    }

    /** A statement as received: its text, its named parameters (arrays as lists) and their types. */
    record ReceivedQuery(String project, String sql, Map<String, Object> parameters, Map<String, String> types,
                         boolean legacySql) {
    }

    private record Result(String project, String sql, List<Column> schema, List<Map<String, Object>> rows,
                          boolean int64Timestamps) {
    }

    private final GoogleStandIn google;
    private final String tableName;
    private final List<Column> schema;
    private final List<Map<String, Object>> rows = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> projectsOf = new ConcurrentHashMap<>();
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final List<ReceivedQuery> queries = new CopyOnWriteArrayList<>();
    private final int pageSize;
    private volatile boolean running;

    BigQueryStandIn(GoogleStandIn google, String tableName, List<Column> schema, int pageSize) {
        this.google = google;
        this.tableName = tableName;
        this.schema = List.copyOf(schema);
        this.pageSize = pageSize;
    }

    /** Lets an account run jobs in, and read tables of, these projects. */
    void grant(String clientEmail, String... projects) {
        projectsOf.put(clientEmail, Set.of(projects));
    }

    /** A row of the table: RECORD values as maps, REPEATED as lists, scalars as text, numbers, instants or dates. */
    void add(Map<String, Object> row) {
        rows.add(row);
    }

    List<ReceivedQuery> queries() {
        return List.copyOf(queries);
    }

    @Override
    protected Reply answer(Request request) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches()) {
            return GoogleStandIn.googleError(404, "Not found: " + request.path(), "NOT_FOUND");
        }
        Optional<GoogleStandIn.Issued> caller = google.issued(request.header("Authorization"));
        if (caller.isEmpty()) {
            return GoogleStandIn.googleError(401, "Request is missing required authentication credential. Expected OAuth 2"
                    + " access token, login cookie or other valid authentication credential.", "UNAUTHENTICATED");
        }
        if (!List.of(caller.get().scope().split(" ")).contains(SCOPE)) {
            return GoogleStandIn.googleError(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED");
        }
        Set<String> granted = projectsOf.getOrDefault(caller.get().clientEmail(), Set.of());
        String project = path.group(1);
        if (!granted.contains(project)) {
            return GoogleStandIn.googleError(403, "Access Denied: Project " + project + ": User does not have "
                    + "bigquery.jobs.create permission in project " + project + ".", "PERMISSION_DENIED");
        }
        String collection = path.group(2);
        String id = path.group(3);
        Map<String, String> parameters = query(request.rawQuery());
        String route = request.method() + " " + collection + (id == null ? "" : "/{id}")
                + (path.group(4) == null ? "" : "/tables/{table}/data");
        return switch (route) {
            case "POST queries" -> query(project, request.body(), granted);
            case "GET queries/{id}" -> queryResults(id, parameters);
            case "GET jobs/{id}" -> job(id);
            case "GET datasets/{id}/tables/{table}/data" -> tableData(path.group(5), parameters);
            default -> GoogleStandIn.googleError(400, "Unsupported request " + request.method() + " " + request.path(),
                    "INVALID_ARGUMENT");
        };
    }

    /** Answers {@code jobs.query} as a job that is still running, so the client waits and pages the slow way. */
    void answerQueriesAsRunning(boolean running) {
        this.running = running;
    }

    private Reply query(String project, String body, Set<String> granted) {
        JsonNode request = JSON.readTree(body);
        String sql = request.path("query").asString();
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode parameter : request.path("queryParameters")) {
            JsonNode type = parameter.path("parameterType");
            String name = parameter.path("name").asString();
            if (type.path("type").asString().equals("ARRAY")) {
                types.put(name, "ARRAY<" + type.path("arrayType").path("type").asString() + ">");
                List<String> values = new ArrayList<>();
                parameter.path("parameterValue").path("arrayValues").forEach(v -> values.add(v.path("value").asString()));
                parameters.put(name, values);
            } else {
                types.put(name, type.path("type").asString());
                parameters.put(name, parameter.path("parameterValue").path("value").asString());
            }
        }
        queries.add(new ReceivedQuery(project, sql, parameters, types, request.path("useLegacySql").asBoolean(true)));
        Matcher table = TABLE.matcher(sql);
        if (!table.find()) {
            return invalidQuery("Table name is missing dataset while no default dataset is set in the request.");
        }
        String[] parts = table.group(1).split("\\.");
        if (!granted.contains(parts[0])) {
            return GoogleStandIn.googleError(403, "Access Denied: Table " + parts[0] + ":" + parts[1] + "." + parts[2]
                    + ": User does not have permission to query table " + parts[0] + ":" + parts[1] + "." + parts[2]
                    + ", or perhaps it does not exist.", "PERMISSION_DENIED");
        }
        if (!table.group(1).equals(tableName)) {
            return GoogleStandIn.googleError(404, "Not found: Table " + parts[0] + ":" + parts[1] + "." + parts[2]
                    + " was not found in location US", "NOT_FOUND");
        }
        boolean int64 = request.path("formatOptions").path("useInt64Timestamp").asBoolean(false);
        Result result;
        if (sql.contains("GROUP BY usage_day") && parameters.containsKey("first_day") && parameters.containsKey("last_day")) {
            result = new Result(project, sql, List.of(Column.of("usage_day", "DATE"), Column.of("last_export", "TIMESTAMP"),
                    Column.of("line_count", "INTEGER")), exportedDays(LocalDate.parse((String) parameters.get("first_day")),
                    LocalDate.parse((String) parameters.get("last_day"))), int64);
        } else if (sql.contains("IN UNNEST(@usage_days)") && parameters.get("usage_days") instanceof List<?> days) {
            result = new Result(project, sql, schema, rows.stream().filter(r -> days.contains(day(r).toString())).toList(), int64);
        } else {
            return invalidQuery("Syntax error: the stand-in only answers the billing export reader's statements");
        }
        String jobId = "job_" + UUID.randomUUID().toString().replace("-", "");
        results.put(jobId, result);
        if (running) {
            ObjectNode response = NODES.objectNode();
            response.put("kind", "bigquery#queryResponse");
            response.set("jobReference", jobReference(project, jobId));
            response.put("jobComplete", false);
            return Reply.json(200, JSON.writeValueAsString(response));
        }
        return Reply.json(200, JSON.writeValueAsString(results("bigquery#queryResponse", jobId, result, 0,
                pageSize)));
    }

    /** {@code jobs.getQueryResults}: the job's schema, total and one page of rows ({@code maxResults} may be 0). */
    private Reply queryResults(String jobId, Map<String, String> parameters) {
        Result result = results.get(jobId);
        if (result == null) {
            return GoogleStandIn.googleError(404, "Not found: Job " + jobId, "NOT_FOUND");
        }
        ObjectNode response = results("bigquery#getQueryResultsResponse", jobId, result, offset(parameters),
                limit(parameters));
        response.put("etag", "\"" + Integer.toHexString(jobId.hashCode()) + "\"");
        return Reply.json(200, JSON.writeValueAsString(response));
    }

    /** {@code jobs.get}: a finished query job whose results sit in an anonymous destination table. */
    private Reply job(String jobId) {
        Result result = results.get(jobId);
        if (result == null) {
            return GoogleStandIn.googleError(404, "Not found: Job " + jobId, "NOT_FOUND");
        }
        ObjectNode job = NODES.objectNode();
        job.put("kind", "bigquery#job");
        job.put("id", result.project() + ":US." + jobId);
        job.set("jobReference", jobReference(result.project(), jobId));
        ObjectNode query = job.putObject("configuration").put("jobType", "QUERY").putObject("query");
        query.put("query", result.sql());
        query.put("useLegacySql", false);
        ObjectNode destination = query.putObject("destinationTable");
        destination.put("projectId", result.project());
        destination.put("datasetId", ANONYMOUS_DATASET);
        destination.put("tableId", jobId);
        job.putObject("status").put("state", "DONE");
        ObjectNode statistics = job.putObject("statistics");
        statistics.put("creationTime", "1709600000000");
        statistics.put("startTime", "1709600000100");
        statistics.put("endTime", "1709600001000");
        statistics.putObject("query").put("totalBytesProcessed", "4096").put("statementType", "SELECT");
        return Reply.json(200, JSON.writeValueAsString(job));
    }

    /** {@code tabledata.list} of a job's anonymous destination table. */
    private Reply tableData(String table, Map<String, String> parameters) {
        Result result = results.get(table);
        if (result == null) {
            return GoogleStandIn.googleError(404, "Not found: Table " + table, "NOT_FOUND");
        }
        int offset = offset(parameters);
        int end = Math.min(result.rows().size(), offset + limit(parameters));
        ObjectNode response = NODES.objectNode();
        response.put("kind", "bigquery#tableDataList");
        response.put("etag", "\"" + Integer.toHexString(table.hashCode()) + "\"");
        response.put("totalRows", String.valueOf(result.rows().size()));
        if (end < result.rows().size()) {
            response.put("pageToken", String.valueOf(end));
        }
        response.set("rows", rows(result, offset, end));
        return Reply.json(200, JSON.writeValueAsString(response));
    }

    private ObjectNode results(String kind, String jobId, Result result, int offset, int limit) {
        ObjectNode response = NODES.objectNode();
        response.put("kind", kind);
        response.putObject("schema").set("fields", schemaJson(result.schema()));
        response.set("jobReference", jobReference(result.project(), jobId));
        response.put("totalRows", String.valueOf(result.rows().size()));
        int end = Math.min(result.rows().size(), offset + limit);
        if (end > offset) {
            response.set("rows", rows(result, offset, end));
        }
        if (end < result.rows().size()) {
            response.put("pageToken", String.valueOf(end));
        }
        response.put("totalBytesProcessed", "4096");
        response.put("jobComplete", true);
        response.put("cacheHit", false);
        return response;
    }

    private static ArrayNode rows(Result result, int offset, int end) {
        ArrayNode page = NODES.arrayNode();
        for (Map<String, Object> row : result.rows().subList(offset, end)) {
            page.add(record(result.schema(), row, result.int64Timestamps()));
        }
        return page;
    }

    private static ObjectNode jobReference(String project, String jobId) {
        ObjectNode reference = NODES.objectNode();
        reference.put("projectId", project);
        reference.put("jobId", jobId);
        reference.put("location", "US");
        return reference;
    }

    private int offset(Map<String, String> parameters) {
        return Integer.parseInt(parameters.getOrDefault("pageToken", parameters.getOrDefault("startIndex", "0")));
    }

    private int limit(Map<String, String> parameters) {
        return Math.min(pageSize, Integer.parseInt(parameters.getOrDefault("maxResults", String.valueOf(pageSize))));
    }

    private List<Map<String, Object>> exportedDays(LocalDate first, LocalDate last) {
        Map<LocalDate, Map<String, Object>> days = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            LocalDate day = day(row);
            if (day.isBefore(first) || day.isAfter(last)) {
                continue;
            }
            Map<String, Object> aggregate = days.computeIfAbsent(day, d -> new HashMap<>(Map.of("usage_day", d,
                    "line_count", 0L)));
            aggregate.merge("line_count", 1L, (a, b) -> (Long) a + (Long) b);
            Instant exported = (Instant) row.get("export_time");
            aggregate.merge("last_export", exported, (a, b) -> ((Instant) a).isAfter((Instant) b) ? a : b);
        }
        return new ArrayList<>(days.values());
    }

    private static LocalDate day(Map<String, Object> row) {
        return LocalDate.ofInstant((Instant) row.get("usage_start_time"), ZoneOffset.UTC);
    }

    private static ArrayNode schemaJson(List<Column> columns) {
        ArrayNode fields = NODES.arrayNode();
        for (Column column : columns) {
            ObjectNode field = fields.addObject();
            field.put("name", column.name());
            field.put("type", column.type());
            field.put("mode", column.mode());
            if (!column.fields().isEmpty()) {
                field.set("fields", schemaJson(column.fields()));
            }
        }
        return fields;
    }

    /** A row or a RECORD value: {@code {"f": [{"v": ...}, ...]}} in the schema's order. */
    private static ObjectNode record(List<Column> columns, Map<?, ?> values, boolean int64) {
        ObjectNode record = NODES.objectNode();
        ArrayNode cells = record.putArray("f");
        for (Column column : columns) {
            cells.addObject().set("v", value(column, values.get(column.name()), int64));
        }
        return record;
    }

    private static JsonNode value(Column column, Object value, boolean int64) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (column.mode().equals("REPEATED")) {
            ArrayNode elements = NODES.arrayNode();
            Column element = new Column(column.name(), column.type(), "NULLABLE", column.fields());
            for (Object item : (List<?>) value) {
                elements.addObject().set("v", value(element, item, int64));
            }
            return elements;
        }
        return switch (column.type()) {
            case "RECORD" -> record(column.fields(), (Map<?, ?>) value, int64);
            case "TIMESTAMP" -> NODES.stringNode(timestamp((Instant) value, int64));
            case "FLOAT" -> NODES.stringNode(Double.toString(new BigDecimal(value.toString()).doubleValue()));
            default -> NODES.stringNode(value.toString());
        };
    }

    /** Microseconds as int64 text, or seconds as BigQuery writes floats ({@code 1.709633553125E9}). */
    private static String timestamp(Instant instant, boolean int64) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        if (int64) {
            return String.valueOf(micros);
        }
        DecimalFormat scientific = new DecimalFormat("0.0#################E0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return scientific.format(BigDecimal.valueOf(micros, 6));
    }

    private static Reply invalidQuery(String message) {
        return Reply.json(400, "{\"error\":{\"code\":400,\"message\":\"" + message + "\",\"errors\":[{\"message\":\""
                + message + "\",\"domain\":\"global\",\"reason\":\"invalidQuery\"}],\"status\":\"INVALID_ARGUMENT\"}}");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
