package com.cloudact.pipeline.extract.genai.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
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
 * The Gemini API source against stand-ins of Google's token endpoint and BigQuery: token SKUs of the Gemini API
 * service become non-overlapping daily buckets per model (uncached input, cache reads, output; batch apart), every SKU
 * becomes a provider cost with its credits, other services are left out, and parse of the saved pages is the same.
 */
class GeminiUsageSourceTests {

    static final String EMAIL = "cloudact-reader@acme-ai.iam.gserviceaccount.com";
    static final String TABLE = "acme-billing.billing_export.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GoogleStandIn google;
    private GoogleGenAiStandIn apis;
    private SafeHttp http;
    private final List<Duration> waits = new ArrayList<>();
    private GeminiUsageSource source;
    private String keyFile;

    @BeforeEach
    void start() {
        google = new GoogleStandIn();
        google.trust(EMAIL, TestKeys.rsa().getPublic(), "acme-ai");
        apis = new GoogleGenAiStandIn(google, TABLE, 3);
        Set<String> allowed = new HashSet<>(google.allowList());
        allowed.addAll(apis.allowList());
        http = new SafeHttp(allowed);
        source = new GeminiUsageSource(ProviderEndpoints.allAt(apis.baseUrl()), new ProviderApi(http, waits::add), http);
        keyFile = TestKeys.serviceAccountJson("acme-ai", EMAIL, TestKeys.rsa(), google.tokenUrl());

        apis.line(line("2025-01-31T09:00:00Z", "Gemini API", "A1-IN", "Gemini 2.5 Pro Input Text Tokens", "1200000",
                "0.0015", List.of()));
        apis.line(line("2025-01-31T10:00:00Z", "Gemini API", "A1-IN", "Gemini 2.5 Pro Input Text Tokens", "800000",
                "0.0010", List.of("-0.0010")));
        apis.line(line("2025-01-31T10:00:00Z", "Gemini API", "A1-CACHE", "Gemini 2.5 Pro Cached Input Text Tokens",
                "400000", "0.00005", List.of()));
        apis.line(line("2025-01-31T10:00:00Z", "Gemini API", "A1-OUT", "Gemini 2.5 Pro Output Text Tokens", "150000",
                "0.0015", List.of()));
        apis.line(line("2025-01-31T11:00:00Z", "Gemini API", "B2-BOUT", "Gemini 2.5 Flash Output Text Tokens - Batch",
                "1000", "0.00000125", List.of()));
        apis.line(line("2025-02-01T00:00:00Z", "Generative Language API", "C3-IN", "Gemini 2.0 Flash Input Tokens",
                "10", "0.000001", List.of()));
        apis.line(new ExportLine(Instant.parse("2025-02-01T01:00:00Z"), "Gemini API", "D4-STORE",
                "Gemini 2.5 Pro Context Cache Storage", "acme-ai", null, "USD", "byte-seconds", "3600", "gibibyte hour",
                "0.000001", "0.0000045", List.of()));
        apis.line(line("2025-01-31T10:00:00Z", "Vertex AI", "9F1E-INPUT", "Gemini 2.5 Flash Input Text Tokens", "5",
                "0.1", List.of()));
        apis.line(line("2025-01-30T10:00:00Z", "Gemini API", "A1-IN", "Gemini 2.5 Pro Input Text Tokens", "1", "0.1",
                List.of()));
    }

    @AfterEach
    void stop() {
        http.close();
        apis.close();
        google.close();
    }

    @Test
    void tokenSkusBecomeNonOverlappingDailyBucketsPerModel() throws Exception {
        GenAiFetch fetch = source.fetch(request());

        assertThat(fetch.usage()).containsExactlyInAnyOrder(
                usage("2025-01-31", "gemini-2.5-pro", "us-central1", null, 2_000_000, 400_000, 150_000),
                usage("2025-01-31", "gemini-2.5-flash", "us-central1", "batch", 0, 0, 1000),
                usage("2025-02-01", "gemini-2.0-flash", "us-central1", null, 10, 0, 0));
        assertThat(fetch.commitments()).isEmpty();
        assertThat(fetch.costs()).hasSize(7).contains(
                cost("2025-01-31", "gemini-2.5-pro", "Gemini 2.5 Pro Input Text Tokens [A1-IN]", "input", null, "0.0025",
                        "2000000"),
                cost("2025-01-31", "gemini-2.5-pro", "Credits: Gemini 2.5 Pro Input Text Tokens [A1-IN]", "credit", null,
                        "-0.0010", "0"),
                cost("2025-01-31", "gemini-2.5-flash", "Gemini 2.5 Flash Output Text Tokens - Batch [B2-BOUT]", "output",
                        "batch", "0.00000125", "1000"));
        assertThat(fetch.costs()).filteredOn(c -> c.lineItem().contains("Context Cache Storage")).singleElement()
                .satisfies(c -> {
                    assertThat(c.tokenType()).isEqualTo("cache_storage");
                    assertThat(c.amount()).isEqualByComparingTo("0.0000045");
                });
        assertThat(fetch.costs().stream().map(GenAiProviderCost::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("cost + credits of every Gemini API line of the two days").isEqualByComparingTo("0.00305675");
        assertThat(apis.queries().getFirst().path("queryParameters").toString())
                .contains("\"Gemini API\"").contains("\"Generative Language API\"").contains("2025-01-31")
                .contains("2025-02-01");
        assertThat(apis.requestsTo("/bigquery/v2/projects/acme-ai/queries/")).as("six grouped rows, three per page: one more page by token")
                .singleElement().satisfies(r -> assertThat(r.rawQuery()).contains("pageToken=3"));
    }

    @Test
    void anErrorPageEndsTheReadWithBigQuerysMessageAndParseEqualsFetch() throws Exception {
        apis.failNext(GoogleStandIn.googleError(403, "Access Denied: Table acme-billing:billing_export.x: User does not"
                + " have permission to query table", "PERMISSION_DENIED"));
        assertThatThrownBy(() -> source.fetch(request())).isInstanceOf(CloudActException.class)
                .hasMessageContaining("BigQuery (billing export " + TABLE + ") failed with HTTP 403")
                .hasMessageContaining("Access Denied: Table");

        GoogleApis googleApis = new GoogleApis(ProviderEndpoints.allAt(apis.baseUrl()), new ProviderApi(http, waits::add), http);
        List<JsonNode> pages = googleApis.billingExport(GoogleApis.serviceAccount(keyFile), TABLE,
                GeminiUsageSource.BILLING_SERVICES, LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-01"));
        List<JsonNode> saved = pages.stream().map(p -> JSON.readTree(JSON.writeValueAsString(p))).toList();
        assertThat(source.parse(saved)).isEqualTo(source.fetch(request()));
        assertThatThrownBy(() -> source.parse(List.of(JSON.readTree("{\"timeSeries\":[]}"))))
                .isInstanceOf(CloudActException.class)
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE));
        assertThat(waits).isEmpty();
    }

    private static ExportLine line(String start, String service, String skuId, String sku, String tokens, String cost,
                                   List<String> credits) {
        return new ExportLine(Instant.parse(start), service, skuId, sku, "acme-ai", "us-central1", "USD", "count", tokens,
                "count", tokens, cost, credits);
    }

    private static GenAiUsage usage(String day, String model, String region, String tier, long input, long cached,
                                    long output) {
        return new GenAiUsage(LocalDate.parse(day), "gemini", model, region, "acme-ai", tier, null, input, cached, 0, 0,
                output, 0, null, null, 0, "gcp.billing_export");
    }

    private static GenAiProviderCost cost(String day, String model, String lineItem, String tokenType, String tier,
                                          String amount, String quantity) {
        return new GenAiProviderCost(LocalDate.parse(day), "gemini", model, lineItem, tokenType, "acme-ai", tier,
                new BigDecimal(amount), "USD", new BigDecimal(quantity), "count", "gcp.billing_export");
    }

    private ExportLocationReader.Request request() {
        StoredCredential credential = new StoredCredential("cred-gemini", OrgSlug.of("gemini_org"), Provider.GCP,
                "GCP", "SERVICE_ACCOUNT_JSON", "abcd", "acme-ai", "VALID", Instant.now(), null, null, Instant.now(), null,
                null, null);
        return new ExportLocationReader.Request(credential, keyFile, Map.of("detailed_export_table", TABLE),
                LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-01"));
    }
}
