package com.cloudact.pipeline.extract.genai.openai;

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
import com.cloudact.pipeline.standins.OpenAiStandIn;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAI usage and costs client against a stand-in serving the documented page shapes. */
class OpenAiUsageSourceTests {

    static final String KEY = "sk-admin-" + "0123456789abcdefTESTKEY";
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 2);

    private final OpenAiStandIn standIn = new OpenAiStandIn(KEY);
    private final List<Duration> waits = new ArrayList<>();
    private SafeHttp http;
    private OpenAiUsageSource source;

    @BeforeEach
    void client() {
        http = new SafeHttp(standIn.allowList());
        source = new OpenAiUsageSource(new ProviderApi(http, waits::add), ProviderEndpoints.allAt(standIn.baseUrl()));
    }

    @AfterEach
    void close() {
        http.close();
        standIn.close();
    }

    /** Two days of usage of several kinds and two cost lines, as the fixtures of the other tests use them. */
    static void twoDays(OpenAiStandIn standIn) {
        standIn.usage("completions", DAY1, """
                "input_tokens": 1000, "input_cached_tokens": 400, "input_cache_write_tokens": 100,
                "input_uncached_tokens": 500, "output_tokens": 500, "num_model_requests": 5,
                "project_id": "proj_a", "model": "gpt-4o-2024-08-06", "batch": false, "service_tier": "default\"""")
                .usage("completions", DAY1, """
                "input_tokens": 2000, "input_cached_tokens": 0, "output_tokens": 300, "num_model_requests": 2,
                "project_id": "proj_a", "model": "gpt-4o-mini", "batch": true, "service_tier": null""")
                .usage("completions", DAY2, """
                "input_tokens": 1000, "input_cached_tokens": 200, "input_cache_write_tokens": 50,
                "output_tokens": 700, "num_model_requests": 1, "project_id": null, "model": "o3",
                "batch": false, "service_tier": "priority\"""")
                .usage("embeddings", DAY2, """
                "input_tokens": 8000, "num_model_requests": 4, "project_id": "proj_b",
                "model": "text-embedding-3-small\"""")
                .usage("images", DAY1, """
                "images": 3, "num_model_requests": 3, "project_id": "proj_a", "model": "gpt-image-1\"""")
                .usage("audio_transcriptions", DAY2, """
                "seconds": 120, "num_model_requests": 2, "project_id": null, "model": "whisper-1\"""")
                .cost(DAY1, """
                "amount": {"value": 0.01250000000000000001, "currency": "usd"}, "line_item": "gpt-4o-2024-08-06, input",
                "project_id": "proj_a", "quantity": 500, "quantity_unit": "tokens\"""")
                .cost(DAY2, """
                "amount": {"value": "1.5", "currency": "usd"}, "line_item": "o3, cached input",
                "project_id": null, "quantity": null, "quantity_unit": null""");
    }

    @Test
    void readsEveryEndpointForWholeUtcDaysFollowingEveryPageIntoExactBuckets() throws Exception {
        twoDays(standIn);
        standIn.pageSize(1);

        GenAiFetch fetched = source.fetch(request(Map.of("organization_id", "org-Fixture1")));

        assertThat(fetched.usage()).containsExactlyInAnyOrder(
                new GenAiUsage(DAY1, "openai", "gpt-4o-2024-08-06", "global", "proj_a", null, null, 500, 400, 100, 0,
                        500, 0, null, null, 5, "openai.usage.completions"),
                new GenAiUsage(DAY1, "openai", "gpt-4o-mini", "global", "proj_a", "batch", null, 2000, 0, 0, 0, 300, 0,
                        null, null, 2, "openai.usage.completions"),
                new GenAiUsage(DAY2, "openai", "o3", "global", null, "priority", null, 750, 200, 50, 0, 700, 0, null,
                        null, 1, "openai.usage.completions"),
                new GenAiUsage(DAY2, "openai", "text-embedding-3-small", "global", "proj_b", null, null, 8000, 0, 0, 0,
                        0, 0, null, null, 4, "openai.usage.embeddings"),
                new GenAiUsage(DAY1, "openai", "gpt-image-1", "global", "proj_a", null, null, 0, 0, 0, 0, 0, 0,
                        new BigDecimal("3"), "image", 3, "openai.usage.images"),
                new GenAiUsage(DAY2, "openai", "whisper-1", "global", null, null, null, 0, 0, 0, 0, 0, 0,
                        new BigDecimal("120"), "second", 2, "openai.usage.audio_transcriptions"));
        assertThat(fetched.costs()).containsExactly(
                new GenAiProviderCost(DAY1, "openai", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06, input", "input",
                        "proj_a", null, new BigDecimal("0.01250000000000000001"), "USD", new BigDecimal("500"),
                        "tokens", "openai.costs"),
                new GenAiProviderCost(DAY2, "openai", "o3", "o3, cached input", "cache_read", null, null,
                        new BigDecimal("1.5"), "USD", null, null, "openai.costs"));

        // Six usage endpoints and the costs, two pages each (one bucket a page).
        assertThat(standIn.requests()).hasSize(14);
        StandIn.Request first = standIn.requestsTo("/v1/organization/usage/completions").getFirst();
        Map<String, List<String>> query = OpenAiStandIn.query(first.rawQuery());
        assertThat(query.get("start_time")).containsExactly(String.valueOf(OpenAiStandIn.midnight(DAY1)));
        assertThat(query.get("end_time")).containsExactly(String.valueOf(OpenAiStandIn.midnight(DAY2.plusDays(1))));
        assertThat(query.get("bucket_width")).containsExactly("1d");
        assertThat(query.get("group_by[]")).containsExactly("model", "project_id", "batch", "service_tier");
        assertThat(query.get("limit")).containsExactly("31");
        assertThat(query).doesNotContainKey("page");
        assertThat(first.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(first.header("OpenAI-Organization")).isEqualTo("org-Fixture1");
        StandIn.Request second = standIn.requestsTo("/v1/organization/usage/completions").get(1);
        assertThat(OpenAiStandIn.query(second.rawQuery()).get("page")).containsExactly("page_1");
        Map<String, List<String>> embeddings = OpenAiStandIn.query(
                standIn.requestsTo("/v1/organization/usage/embeddings").getFirst().rawQuery());
        assertThat(embeddings.get("group_by[]")).containsExactly("model", "project_id");
        Map<String, List<String>> costs = OpenAiStandIn.query(standIn.requestsTo("/v1/organization/costs").getFirst()
                .rawQuery());
        assertThat(costs.get("group_by[]")).containsExactly("line_item", "project_id");
        assertThat(costs.get("limit")).containsExactly("180");
        assertThat(waits).isEmpty();
    }

    @Test
    void aDayOfEmptyBucketsIsNoUsageAndNoOrganizationHeaderWithoutOne() throws Exception {
        GenAiFetch fetched = source.fetch(request(Map.of()));

        assertThat(fetched.usage()).isEmpty();
        assertThat(fetched.costs()).isEmpty();
        assertThat(standIn.requests()).hasSize(7)
                .allSatisfy(r -> assertThat(r.header("OpenAI-Organization")).isNull());
    }

    @Test
    void throttlingIsWaitedOutAsTheProviderAsks() throws Exception {
        twoDays(standIn);
        standIn.failNext(new StandIn.Reply(429, "application/json", """
                {"error": {"message": "Rate limit reached for requests", "type": "requests", "param": null,
                 "code": "rate_limit_exceeded"}}""", Map.of("Retry-After", "3")));

        GenAiFetch fetched = source.fetch(request(Map.of()));

        assertThat(waits).containsExactly(Duration.ofSeconds(3));
        assertThat(fetched.usage()).hasSize(6);
        assertThat(standIn.requestsTo("/v1/organization/usage/completions")).hasSize(2);
    }

    @Test
    void aRefusedKeyEndsTheReadWithOpenAisMessage() {
        OpenAiUsageSource wrongKey = source;
        assertThatThrownBy(() -> wrongKey.fetch(new ExportLocationReader.Request(credential(), "sk-admin-wrongkey1234",
                Map.of(), DAY1, DAY1)))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED))
                .hasMessageContaining("HTTP 401").hasMessageContaining("Incorrect API key provided");
        assertThat(standIn.requests()).hasSize(1);
    }

    @Test
    void aBadRequestPageEndsTheReadWithOpenAisMessage() {
        standIn.failNext(StandIn.Reply.json(400, """
                {"error": {"message": "Invalid value for 'group_by'", "type": "invalid_request_error",
                 "param": "group_by", "code": null}}"""));

        assertThatThrownBy(() -> source.fetch(request(Map.of())))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                .hasMessageContaining("HTTP 400: Invalid value for 'group_by'");
    }

    @Test
    void savedPagesParseAsTheLiveReadAndOtherPagesAreRefused() throws Exception {
        twoDays(standIn);
        GenAiFetch live = source.fetch(request(Map.of()));
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> saved = new ArrayList<>();
        for (String path : List.of("completions", "embeddings", "images", "audio_transcriptions")) {
            saved.add(json.readTree(http.send(HttpRequest.newBuilder(URI.create(
                    standIn.baseUrl() + "/v1/organization/usage/" + path + "?start_time="
                            + OpenAiStandIn.midnight(DAY1) + "&end_time=" + OpenAiStandIn.midnight(DAY2.plusDays(1))
                            + "&limit=31")).header("Authorization", "Bearer " + KEY).build()).body()));
        }

        assertThat(source.parse(saved).usage()).containsExactlyInAnyOrderElementsOf(live.usage());
        assertThatThrownBy(() -> source.parse(List.of(json.readTree("{\"data\": [], \"has_more\": false}"))))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE));
        assertThatThrownBy(() -> source.parse(List.of(json.readTree("""
                {"object": "page", "data": [{"object": "bucket", "start_time": 1772323200, "end_time": 1772409600,
                 "results": [{"object": "organization.usage.vector_stores.result", "usage_bytes": 5}]}]}"""))))
                .hasMessageContaining("vector_stores");
    }

    @Test
    void lineItemsAreReadDefensively() {
        assertThat(LineItem.parse("gpt-4o-2024-08-06, input")).isEqualTo(new LineItem("gpt-4o-2024-08-06", "input", null));
        assertThat(LineItem.parse("gpt-4o-mini, cached input")).isEqualTo(new LineItem("gpt-4o-mini", "cache_read", null));
        assertThat(LineItem.parse("gpt-4.1, batch output")).isEqualTo(new LineItem("gpt-4.1", "output", "batch"));
        assertThat(LineItem.parse("input_tokens")).isEqualTo(new LineItem(null, "input", null));
        assertThat(LineItem.parse("web search tool calls")).isEqualTo(new LineItem(null, null, null));
        assertThat(LineItem.parse(null)).isEqualTo(new LineItem(null, null, null));
    }

    private static ExportLocationReader.Request request(Map<String, Object> metadata) {
        return new ExportLocationReader.Request(credential(), KEY, metadata, DAY1, DAY2);
    }

    static StoredCredential credential() {
        return new StoredCredential("cred-openai", OrgSlug.of("fixture_org"), Provider.OPENAI, "OpenAI admin", "API_KEY",
                null, null, StoredCredential.VALID, null, null, null, null, null, null, null);
    }
}
