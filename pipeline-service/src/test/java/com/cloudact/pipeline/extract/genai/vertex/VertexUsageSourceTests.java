package com.cloudact.pipeline.extract.genai.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiCommitmentUsage;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiProviderCost;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.pipeline.extract.genai.google.GoogleApis;
import com.cloudact.pipeline.extract.genai.google.GoogleGenAiStandIn;
import com.cloudact.pipeline.extract.genai.google.GoogleGenAiStandIn.ExportLine;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Vertex AI source against local stand-ins of Google's token endpoint, Cloud Monitoring and BigQuery: daily
 * token buckets per model, region and project from raw samples, paging of both APIs, costs and GSU commitments from
 * the billing export, retry after a 429, Google's error message on a refusal, and parse of the saved pages.
 */
class VertexUsageSourceTests {

    static final String EMAIL = "cloudact-reader@acme-ai.iam.gserviceaccount.com";
    static final String TABLE = "acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9";
    static final String RESOURCE = "aiplatform.googleapis.com/PublisherModel";
    static final String TOKENS = "aiplatform.googleapis.com/publisher/online_serving/token_count";
    static final String CALLS = "aiplatform.googleapis.com/publisher/online_serving/model_invocation_count";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GoogleStandIn google;
    private GoogleGenAiStandIn apis;
    private SafeHttp http;
    private final List<Duration> waits = new ArrayList<>();
    private VertexUsageSource source;
    private String keyFile;

    @BeforeEach
    void start() {
        google = new GoogleStandIn();
        google.trust(EMAIL, TestKeys.rsa().getPublic(), "acme-ai");
        apis = new GoogleGenAiStandIn(google, TABLE, 2);
        Set<String> allowed = new HashSet<>(google.allowList());
        allowed.addAll(apis.allowList());
        http = new SafeHttp(allowed);
        source = new VertexUsageSource(ProviderEndpoints.allAt(apis.baseUrl()), new ProviderApi(http, waits::add), http);
        keyFile = TestKeys.serviceAccountJson("acme-ai", EMAIL, TestKeys.rsa(), google.tokenUrl());

        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "input", "2025-03-01T10:00:00Z", 1000);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "input", "2025-03-01T14:00:00Z", 500);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "output", "2025-03-01T10:00:00Z", 300);
        tokens("acme-ai", "claude-3-5-sonnet-v2", "us-east5", "input", "2025-03-01T23:59:59Z", 700);
        tokens("acme-ai", "claude-3-5-sonnet-v2", "us-east5", "output", "2025-03-01T23:59:59Z", 70);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "input", "2025-03-02T00:00:00Z", 2000);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "cached_input", "2025-03-02T08:00:00Z", 800);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "output", "2025-03-02T08:00:00Z", 100);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "input", "2025-03-03T00:00:00Z", 99_999);
        tokens("acme-ai", "gemini-2.5-flash", "us-central1", "input", "2025-02-28T23:59:59Z", 99_999);
        tokens("acme-ml", "gemini-2.0-flash", "global", "input", "2025-03-02T12:00:00Z", 50);
        tokens("acme-ml", "gemini-2.0-flash", "global", "output", "2025-03-02T12:00:00Z", 5);
        tokens("acme-other", "gemini-2.0-flash", "global", "input", "2025-03-02T12:00:00Z", 77_777);
        calls("acme-ai", "gemini-2.5-flash", "us-central1", "2025-03-01T10:00:00Z", 2);
        calls("acme-ai", "gemini-2.5-flash", "us-central1", "2025-03-01T14:00:00Z", 1);
        calls("acme-ai", "gemini-2.5-flash", "us-central1", "2025-03-02T08:00:00Z", 4);
        calls("acme-ai", "claude-3-5-sonnet-v2", "us-east5", "2025-03-01T23:59:59Z", 1);
        calls("acme-ml", "gemini-2.0-flash", "global", "2025-03-02T12:00:00Z", 1);

        apis.line(line("2025-03-01T10:00:00Z", "Vertex AI", "9F1E-INPUT", "Gemini 2.5 Flash Input Text Tokens", "count",
                "1000", "count", "1000", "0.000300", List.of()));
        apis.line(line("2025-03-01T11:00:00Z", "Vertex AI", "9F1E-INPUT", "Gemini 2.5 Flash Input Text Tokens", "count",
                "500", "count", "500", "0.000150", List.of()));
        apis.line(line("2025-03-01T10:00:00Z", "Vertex AI", "9F1E-OUTPUT", "Gemini 2.5 Flash Output Text Tokens", "count",
                "300", "count", "300", "0.000750", List.of("-0.0001")));
        apis.line(line("2025-03-02T12:00:00Z", "Vertex AI", "5C3D-GSU", "Provisioned Throughput Gemini 2.5 Flash GSU",
                "seconds", "86400", "hour", "24", "64.80", List.of()));
        apis.line(line("2025-03-02T13:00:00Z", "Vertex AI", "5C3D-GSU", "Provisioned Throughput Gemini 2.5 Flash GSU",
                "seconds", "86400", "hour", "24", "64.80", List.of()));
        apis.line(line("2025-03-01T10:00:00Z", "Compute Engine", "CF4E-A0C7", "E2 Instance Core running in Americas",
                "seconds", "3600", "hour", "1", "0.02", List.of()));
        apis.line(line("2025-03-03T10:00:00Z", "Vertex AI", "9F1E-INPUT", "Gemini 2.5 Flash Input Text Tokens", "count",
                "5", "count", "5", "0.0000015", List.of()));
    }

    @AfterEach
    void stop() {
        http.close();
        apis.close();
        google.close();
    }

    @Test
    void dailyTokenBucketsPerModelRegionAndProjectFromEveryPage() throws Exception {
        GenAiFetch fetch = source.fetch(request(Map.of("billing_export_table", TABLE, "vertex_project_ids",
                "acme-ml, acme-empty")));

        assertThat(fetch.usage()).containsExactlyInAnyOrder(
                usage("2025-03-01", "gemini-2.5-flash", "us-central1", "acme-ai", 1500, 0, 300, 3),
                usage("2025-03-01", "claude-3-5-sonnet-v2", "us-east5", "acme-ai", 700, 0, 70, 1),
                usage("2025-03-02", "gemini-2.5-flash", "us-central1", "acme-ai", 1200, 800, 100, 4),
                usage("2025-03-02", "gemini-2.0-flash", "global", "acme-ml", 50, 0, 5, 1));

        List<StandIn.Request> monitoring = apis.requestsTo("/v3/projects/");
        assertThat(monitoring.stream().map(StandIn.Request::path).distinct())
                .containsExactly("/v3/projects/acme-ai/timeSeries", "/v3/projects/acme-ml/timeSeries",
                        "/v3/projects/acme-empty/timeSeries");
        assertThat(monitoring).as("five acme-ai token series at two per page: three pages, the 2nd and 3rd by token")
                .filteredOn(r -> r.rawQuery().contains("pageToken=")).hasSize(2);
        Map<String, List<String>> first = parameters(monitoring.getFirst());
        assertThat(first.get("interval.startTime")).containsExactly("2025-03-01T00:00:00Z");
        assertThat(first.get("interval.endTime")).containsExactly("2025-03-03T00:00:00Z");
        assertThat(first.get("aggregation.groupByFields")).containsExactly("resource.label.model_user_id",
                "resource.label.location", "resource.label.resource_container", "metric.label.type");
        assertThat(first.get("filter").getFirst()).contains("metric.type = \"" + TOKENS + "\"");
        assertThat(monitoring).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer ya29.standin-"));
        assertThat(google.verifiedAssertions()).extracting(j -> j.claims().path("scope").asString())
                .contains(GoogleApis.SCOPE_MONITORING, GoogleApis.SCOPE_BIGQUERY);
    }

    @Test
    void costsAndProvisionedThroughputFromTheBillingExport() throws Exception {
        GenAiFetch fetch = source.fetch(request(Map.of("billing_export_table", TABLE)));

        assertThat(fetch.costs()).containsExactlyInAnyOrder(
                cost("2025-03-01", "gemini-2.5-flash", "Gemini 2.5 Flash Input Text Tokens [9F1E-INPUT]", "input",
                        "0.000450", "1500", "count"),
                cost("2025-03-01", "gemini-2.5-flash", "Gemini 2.5 Flash Output Text Tokens [9F1E-OUTPUT]", "output",
                        "0.000750", "300", "count"),
                cost("2025-03-01", "gemini-2.5-flash", "Credits: Gemini 2.5 Flash Output Text Tokens [9F1E-OUTPUT]",
                        "credit", "-0.0001", "0", "count"),
                cost("2025-03-02", "gemini-2.5-flash", "Provisioned Throughput Gemini 2.5 Flash GSU [5C3D-GSU]", null,
                        "129.60", "172800", "seconds"));
        assertThat(fetch.costs().stream().map(GenAiProviderCost::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("129.6011");
        assertThat(fetch.commitments()).containsExactly(new GenAiCommitmentUsage(LocalDate.parse("2025-03-02"),
                "gcp_vertex", "gsu", "5C3D-GSU/acme-ai", "gemini-2.5-flash", "us-central1", 2, 2L, 100.0, null, null,
                24.0, "gcp.billing_export"));

        JsonNode query = apis.queries().getFirst();
        assertThat(query.path("useLegacySql").asBoolean(true)).isFalse();
        assertThat(query.path("query").asString()).contains("FROM `" + TABLE + "`").doesNotContain("2025-")
                .doesNotContain("Vertex AI").contains("CAST(cost AS NUMERIC)");
        assertThat(apis.requestsTo("/bigquery/v2/projects/acme-ai/queries/")).as("the second page of three rows")
                .singleElement().satisfies(r -> assertThat(r.rawQuery()).contains("pageToken=2"));
    }

    @Test
    void aJobStillRunningIsPolledAndA429IsRetriedAfterTheAskedWait() throws Exception {
        apis.answerQueriesAsRunning(true);
        apis.failNext(new StandIn.Reply(429, "application/json", "{\"error\":{\"code\":429,\"message\":\"Quota exceeded"
                + " for quota metric 'Time series queries' of service 'monitoring.googleapis.com'\",\"status\":"
                + "\"RESOURCE_EXHAUSTED\"}}", Map.of("Retry-After", "7")));

        GenAiFetch fetch = source.fetch(request(Map.of("billing_export_table", TABLE)));

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(fetch.usage()).hasSize(3);
        assertThat(fetch.costs()).hasSize(4);
        assertThat(apis.requestsTo("/bigquery/v2/projects/acme-ai/queries/")).hasSize(2);
    }

    @Test
    void googleRefusalsEndTheReadWithGooglesMessage() {
        apis.failNext(GoogleStandIn.googleError(403, "Permission monitoring.timeSeries.list denied (or the resource may"
                + " not exist).", "PERMISSION_DENIED"));

        assertThatThrownBy(() -> source.fetch(request(Map.of("billing_export_table", TABLE))))
                .isInstanceOf(CloudActException.class)
                .hasMessageContaining("Cloud Monitoring (project acme-ai) failed with HTTP 403")
                .hasMessageContaining("Permission monitoring.timeSeries.list denied")
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED));

        assertThatThrownBy(() -> source.fetch(request(Map.of("billing_export_table", "not a table"))))
                .isInstanceOf(CloudActException.class).hasMessageContaining("billing_export_table");

        keyFile = TestKeys.serviceAccountJson("acme-ai", EMAIL, TestKeys.otherRsa(), google.tokenUrl());
        assertThatThrownBy(() -> source.fetch(request(Map.of("billing_export_table", TABLE))))
                .isInstanceOf(CloudActException.class).hasMessageContaining("Google refused the service account")
                .hasMessageContaining("Invalid JWT Signature");
    }

    @Test
    void parseOfTheSavedAnswerPagesEqualsTheLiveRead() throws Exception {
        GoogleApis googleApis = new GoogleApis(ProviderEndpoints.allAt(apis.baseUrl()), new ProviderApi(http, waits::add), http);
        var account = GoogleApis.serviceAccount(keyFile);
        List<JsonNode> pages = new ArrayList<>();
        LocalDate first = LocalDate.parse("2025-03-01");
        LocalDate last = LocalDate.parse("2025-03-02");
        for (String project : List.of("acme-ai", "acme-ml")) {
            pages.addAll(googleApis.timeSeries(account, project, VertexUsageSource.filter(TOKENS), List.of(
                    VertexUsageSource.MODEL, VertexUsageSource.LOCATION, VertexUsageSource.PROJECT, VertexUsageSource.TYPE),
                    first, last));
            pages.addAll(googleApis.timeSeries(account, project, VertexUsageSource.filter(CALLS), List.of(
                    VertexUsageSource.MODEL, VertexUsageSource.LOCATION, VertexUsageSource.PROJECT), first, last));
        }
        pages.addAll(googleApis.billingExport(account, TABLE, List.of("Vertex AI"), first, last));
        StringBuilder jsonLines = new StringBuilder();
        pages.forEach(p -> jsonLines.append(JSON.writeValueAsString(p)).append('\n'));
        List<JsonNode> saved = jsonLines.toString().lines().map(JSON::readTree).toList();

        GenAiFetch parsed = source.parse(saved);

        assertThat(parsed).isEqualTo(source.fetch(request(Map.of("billing_export_table", TABLE,
                "vertex_project_ids", List.of("acme-ml")))));
        assertThatThrownBy(() -> source.parse(List.of(JSON.readTree("{\"object\":\"list\",\"data\":[]}"))))
                .isInstanceOf(CloudActException.class)
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE));
    }

    private void tokens(String project, String model, String location, String type, String time, long value) {
        apis.sample(TOKENS, RESOURCE, Map.of("resource_container", project, "model_user_id", model, "location", location,
                "publisher", "google"), Map.of("type", type), time, value);
    }

    private void calls(String project, String model, String location, String time, long value) {
        apis.sample(CALLS, RESOURCE, Map.of("resource_container", project, "model_user_id", model, "location", location),
                Map.of(), time, value);
    }

    static ExportLine line(String start, String service, String skuId, String sku, String usageUnit, String usage,
                           String pricingUnit, String pricing, String cost, List<String> credits) {
        return new ExportLine(Instant.parse(start), service, skuId, sku, "acme-ai", "us-central1", "USD", usageUnit, usage,
                pricingUnit, pricing, cost, credits);
    }

    private static GenAiUsage usage(String day, String model, String region, String project, long input, long cached,
                                    long output, long requests) {
        return new GenAiUsage(LocalDate.parse(day), "gcp_vertex", model, region, project, null, null, input, cached, 0, 0,
                output, 0, null, null, requests, "gcp.cloud_monitoring");
    }

    private static GenAiProviderCost cost(String day, String model, String lineItem, String tokenType, String amount,
                                          String quantity, String unit) {
        return new GenAiProviderCost(LocalDate.parse(day), "gcp_vertex", model, lineItem, tokenType, "acme-ai", null,
                new BigDecimal(amount), "USD", new BigDecimal(quantity), unit, "gcp.billing_export");
    }

    private static Map<String, List<String>> parameters(StandIn.Request request) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.computeIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    k -> new ArrayList<>()).add(java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters;
    }

    ExportLocationReader.Request request(Map<String, Object> metadata) {
        StoredCredential credential = new StoredCredential("cred-vertex", OrgSlug.of("vertex_org"), Provider.GCP,
                "GCP", "SERVICE_ACCOUNT_JSON", "abcd", "acme-ai", "VALID", Instant.now(), null, null, Instant.now(), null,
                null, null);
        return new ExportLocationReader.Request(credential, keyFile, metadata, LocalDate.parse("2025-03-01"),
                LocalDate.parse("2025-03-02"));
    }
}
