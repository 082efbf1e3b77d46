package com.cloudact.pipeline.extract.genai.google;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.extract.gcp.ExportTable;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.providers.BlockedDestinationException;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.gcp.GcpAccessTokens;
import com.cloudact.platform.providers.gcp.GcpServiceAccount;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two Google APIs the Gemini and Vertex AI sources read with the customer's service account, returning the
 * answer pages exactly as Google sent them (so that {@code parse} of saved pages is the same code path):
 * <ul>
 * <li>Cloud Monitoring {@code projects.timeSeries.list} ({@code GET /v3/projects/{p}/timeSeries}) for whole UTC days,
 * aligned to one-day periods ({@code alignmentPeriod=86400s}, {@code ALIGN_SUM}, {@code REDUCE_SUM} grouped by the
 * given fields), following {@code nextPageToken};</li>
 * <li>the customer's Cloud Billing export in BigQuery through the REST {@code jobs.query} and
 * {@code jobs.getQueryResults} ({@code pageToken}) calls: one statement, grouped by day, service, SKU, project,
 * region, currency and pricing unit, with money summed as NUMERIC (never FLOAT) and credits summed apart.</li>
 * </ul>
 * Every call goes through {@link ProviderApi} (retries on 429/5xx, Google's error message on failure).
 */
public final class GoogleApis {

    public static final String SCOPE_MONITORING = "https://www.googleapis.com/auth/monitoring.read";
    public static final String SCOPE_BIGQUERY = "https://www.googleapis.com/auth/bigquery";
    static final int BIGQUERY_PAGE_ROWS = 1000;

    /**
     * The daily spend of the given billing services. Dates and services are query parameters; the table name,
     * which BigQuery cannot take as one, is checked by {@link ExportTable}.
     */
    static final String BILLING_STATEMENT = """
            SELECT DATE(usage_start_time) AS usage_day, service.description AS service_description,
                   sku.id AS sku_id, sku.description AS sku_description, project.id AS project_id,
                   location.region AS region, currency, usage.unit AS usage_unit,
                   SUM(CAST(usage.amount AS NUMERIC)) AS usage_amount, usage.pricing_unit AS pricing_unit,
                   SUM(CAST(usage.amount_in_pricing_units AS NUMERIC)) AS pricing_amount,
                   SUM(CAST(cost AS NUMERIC)) AS cost,
                   SUM(IFNULL((SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c), 0)) AS credits
            FROM %s
            WHERE service.description IN UNNEST(@services)
              AND DATE(usage_start_time) BETWEEN @first_day AND @last_day
            GROUP BY usage_day, service_description, sku_id, sku_description, project_id, region, currency, usage_unit,
                     pricing_unit
            ORDER BY usage_day, sku_id, project_id, region""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderEndpoints endpoints;
    private final ProviderApi api;
    private final GcpAccessTokens tokens;

    public GoogleApis(ProviderEndpoints endpoints, ProviderApi api, SafeHttp http) {
        this.endpoints = endpoints;
        this.api = api;
        this.tokens = new GcpAccessTokens(http);
    }

    /**
     * The billing export table named by the GCP integration's metadata: the detailed export when set (it holds
     * every line of the standard one; reading both would count each line twice), else the standard export.
     */
    public static Object exportTable(Map<String, Object> metadata) {
        Object detailed = metadata.get("detailed_export_table");
        return detailed != null && !String.valueOf(detailed).isBlank() ? detailed : metadata.get("billing_export_table");
    }

    /** The customer's service account key, or INTEGRATION_NOT_CONFIGURED saying why it is not one. */
    public static GcpServiceAccount serviceAccount(String secret) {
        try {
            return GcpServiceAccount.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The GCP credential is not a usable service account key: " + e.getMessage());
        }
    }

    /**
     * Every page of one metric's daily sums for the days {@code first..last} (UTC), one call per page.
     *
     * @param filter         the monitoring filter ({@code metric.type = "..." AND ...})
     * @param groupByFields  the labels the sums are kept apart by
     */
    public List<JsonNode> timeSeries(GcpServiceAccount account, String project, String filter,
                                     List<String> groupByFields, LocalDate first, LocalDate last)
            throws IOException, InterruptedException {
        String token = token(account, SCOPE_MONITORING);
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("filter", List.of(filter));
        query.put("interval.startTime", List.of(first.atStartOfDay().toInstant(ZoneOffset.UTC).toString()));
        query.put("interval.endTime", List.of(last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString()));
        query.put("aggregation.alignmentPeriod", List.of("86400s"));
        query.put("aggregation.perSeriesAligner", List.of("ALIGN_SUM"));
        query.put("aggregation.crossSeriesReducer", List.of("REDUCE_SUM"));
        query.put("aggregation.groupByFields", groupByFields);
        query.put("view", List.of("FULL"));
        List<JsonNode> pages = new ArrayList<>();
        String pageToken = null;
        do {
            Map<String, List<String>> page = new LinkedHashMap<>(query);
            if (pageToken != null) {
                page.put("pageToken", List.of(pageToken));
            }
            URI uri = URI.create(endpoints.gcpMonitoring() + "/v3/projects/" + pathSegment(project) + "/timeSeries?"
                    + queryString(page));
            JsonNode answer = api.json(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").GET().build(), "Cloud Monitoring (project " + project + ")");
            pages.add(answer);
            pageToken = text(answer.path("nextPageToken"));
        } while (!pageToken.isEmpty());
        return pages;
    }

    /**
     * Every page of the billing export's daily spend for the given services, run as a query job of the service
     * account's own project.
     */
    public List<JsonNode> billingExport(GcpServiceAccount account, Object exportTable, List<String> services,
                                        LocalDate first, LocalDate last) throws IOException, InterruptedException {
        ExportTable table = ExportTable.parse(exportTable);
        String token = token(account, SCOPE_BIGQUERY);
        String jobProject = account.projectId();
        ObjectNode body = JSON.createObjectNode();
        body.put("query", BILLING_STATEMENT.formatted(table.sql()));
        body.put("useLegacySql", false);
        body.put("parameterMode", "NAMED");
        body.put("maxResults", BIGQUERY_PAGE_ROWS);
        body.put("timeoutMs", 60_000);
        ArrayNode parameters = body.putArray("queryParameters");
        ObjectNode servicesParameter = parameters.addObject();
        servicesParameter.put("name", "services");
        servicesParameter.putObject("parameterType").put("type", "ARRAY").putObject("arrayType").put("type", "STRING");
        ArrayNode values = servicesParameter.putObject("parameterValue").putArray("arrayValues");
        services.forEach(s -> values.addObject().put("value", s));
        date(parameters, "first_day", first);
        date(parameters, "last_day", last);
        String what = "BigQuery (billing export " + table + ")";
        URI queries = URI.create(endpoints.bigQuery() + "/bigquery/v2/projects/" + pathSegment(jobProject) + "/queries");
        JsonNode answer = api.json(HttpRequest.newBuilder(queries).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), what);
        List<JsonNode> pages = new ArrayList<>();
        JsonNode job = answer.path("jobReference");
        while (true) {
            boolean complete = answer.path("jobComplete").asBoolean(false);
            if (complete) {
                pages.add(answer);
            }
            String pageToken = text(answer.path("pageToken"));
            if (complete && pageToken.isEmpty()) {
                return pages;
            }
            Map<String, List<String>> page = new LinkedHashMap<>();
            page.put("maxResults", List.of(String.valueOf(BIGQUERY_PAGE_ROWS)));
            page.put("timeoutMs", List.of("60000"));
            if (!job.path("location").asString("").isEmpty()) {
                page.put("location", List.of(job.path("location").asString()));
            }
            if (!pageToken.isEmpty()) {
                page.put("pageToken", List.of(pageToken));
            }
            URI results = URI.create(endpoints.bigQuery() + "/bigquery/v2/projects/" + pathSegment(jobProject)
                    + "/queries/" + pathSegment(job.path("jobId").asString()) + "?" + queryString(page));
            answer = api.json(HttpRequest.newBuilder(results).header("Authorization", "Bearer " + token).GET().build(),
                    what);
        }
    }

    /** A token's text; empty when absent or null. */
    static String text(JsonNode token) {
        return token.isMissingNode() || token.isNull() ? "" : token.asString("");
    }

    private static void date(ArrayNode parameters, String name, LocalDate value) {
        ObjectNode parameter = parameters.addObject();
        parameter.put("name", name);
        parameter.putObject("parameterType").put("type", "DATE");
        parameter.putObject("parameterValue").put("value", value.toString());
    }

    private String token(GcpServiceAccount account, String scope) throws IOException, InterruptedException {
        try {
            return tokens.accessToken(account, scope);
        } catch (ProviderResponseException e) {
            throw new CloudActException(ErrorCode.FORBIDDEN, "Google refused the service account "
                    + account.clientEmail() + ": " + e.getMessage()
                    + (e.providerMessage().isBlank() ? "" : ": " + e.providerMessage()), e);
        } catch (BlockedDestinationException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The service account key's token_uri is"
                    + " not allowed: " + e.getMessage(), e);
        }
    }

    static String queryString(Map<String, List<String>> parameters) {
        return parameters.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pathSegment(String value) {
        if (value == null || !value.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "Not a Google project or job id: "
                    + (value == null ? "(none)" : value.length() > 60 ? value.substring(0, 60) + "..." : value));
        }
        return value;
    }
}
