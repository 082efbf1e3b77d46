package com.cloudact.pipeline.extract.genai.anthropic;

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
import com.cloudact.pipeline.standins.AnthropicStandIn;
import com.cloudact.pipeline.standins.OpenAiStandIn;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Anthropic usage report and cost report client against a stand-in serving the documented shapes. */
class AnthropicUsageSourceTests {

    static final String KEY = "sk-ant-admin01-" + "TESTKEY0123456789abcdef";
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 2);
    static final LocalDate DAY3 = LocalDate.of(2026, 3, 3);

    private final AnthropicStandIn standIn = new AnthropicStandIn(KEY);
    private final List<Duration> waits = new ArrayList<>();
    private SafeHttp http;
    private AnthropicUsageSource source;

    @BeforeEach
    void client() {
        http = new SafeHttp(standIn.allowList());
        source = new AnthropicUsageSource(new ProviderApi(http, waits::add),
                ProviderEndpoints.allAt(standIn.baseUrl()));
    }

    @AfterEach
    void close() {
        http.close();
        standIn.close();
    }

    /** Usage on days 1 and 3 (day 2 is an empty bucket) and the cost report lines of day 1. */
    static void threeDays(AnthropicStandIn standIn) {
        standIn.usage(DAY1, """
                {"uncached_input_tokens": 1200,
                 "cache_creation": {"ephemeral_5m_input_tokens": 300, "ephemeral_1h_input_tokens": 50},
                 "cache_read_input_tokens": 5000, "output_tokens": 800, "server_tool_use": {"web_search_requests": 2},
                 "api_key_id": null, "workspace_id": null, "model": "claude-sonnet-4-20250514",
                 "service_tier": "standard", "context_window": "0-200k", "inference_geo": null}""")
                .usage(DAY1, """
                {"uncached_input_tokens": 250000,
                 "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0},
                 "cache_read_input_tokens": 0, "output_tokens": 1000, "server_tool_use": {"web_search_requests": 0},
                 "api_key_id": null, "workspace_id": "wrkspc_01Fixture", "model": "claude-sonnet-4-20250514",
                 "service_tier": "batch", "context_window": "200k-1M", "inference_geo": null}""")
                .usage(DAY3, """
                {"uncached_input_tokens": 10, "cache_creation": {"ephemeral_5m_input_tokens": 0,
                 "ephemeral_1h_input_tokens": 0}, "cache_read_input_tokens": 0, "output_tokens": 20,
                 "server_tool_use": null, "api_key_id": null, "workspace_id": null,
                 "model": "claude-model-nobody-prices", "service_tier": "priority", "context_window": "0-200k",
                 "inference_geo": null}""")
                .cost(DAY1, """
                {"currency": "USD", "amount": "123.45", "workspace_id": null,
                 "description": "Claude Sonnet 4 Usage - Input Tokens", "cost_type": "tokens",
                 "context_window": "0-200k", "model": "claude-sonnet-4-20250514", "service_tier": "standard",
                 "token_type": "uncached_input_tokens", "inference_geo": null}""")
                .cost(DAY1, """
                {"currency": "USD", "amount": "0.375", "workspace_id": null,
                 "description": "Claude Sonnet 4 Usage - Cache Write 1h", "cost_type": "tokens",
                 "context_window": "0-200k", "model": "claude-sonnet-4-20250514", "service_tier": "standard",
                 "token_type": "cache_creation.ephemeral_1h_input_tokens", "inference_geo": null}""")
                .cost(DAY1, """
                {"currency": "USD", "amount": "2", "workspace_id": null, "description": "Web Search",
                 "cost_type": "web_search", "context_window": null, "model": null, "service_tier": null,
                 "token_type": null, "inference_geo": null}""");
    }

    @Test
    void readsWholeUtcDaysFollowingEveryPageIntoExactBucketsAndCents() throws Exception {
        threeDays(standIn);
        standIn.pageSize(2);

        GenAiFetch fetched = source.fetch(new ExportLocationReader.Request(credential(), KEY, Map.of(), DAY1, DAY3));

        assertThat(fetched.usage()).containsExactlyInAnyOrder(
                new GenAiUsage(DAY1, "anthropic", "claude-sonnet-4-20250514", "global", null, null, "0-200k", 1200, 5000,
                        300, 50, 800, 0, null, null, 0, "anthropic.usage_report.messages"),
                new GenAiUsage(DAY1, "anthropic", "claude-sonnet-4-20250514", "global", null, null, "0-200k", 0, 0, 0, 0, 0,
                        0, new BigDecimal("2"), "web_search_request", 2, "anthropic.usage_report.server_tool_use"),
                new GenAiUsage(DAY1, "anthropic", "claude-sonnet-4-20250514", "global", "wrkspc_01Fixture", "batch",
                        "200k-1M", 250000, 0, 0, 0, 1000, 0, null, null, 0, "anthropic.usage_report.messages"),
                new GenAiUsage(DAY3, "anthropic", "claude-model-nobody-prices", "global", null, "priority", "0-200k", 10, 0,
                        0, 0, 20, 0, null, null, 0, "anthropic.usage_report.messages"));
        assertThat(fetched.costs()).containsExactly(
                new GenAiProviderCost(DAY1, "anthropic", "claude-sonnet-4-20250514",
                        "Claude Sonnet 4 Usage - Input Tokens", "input", null, null, new BigDecimal("1.2345"), "USD",
                        null, null, "anthropic.cost_report"),
                new GenAiProviderCost(DAY1, "anthropic", "claude-sonnet-4-20250514",
                        "Claude Sonnet 4 Usage - Cache Write 1h", "cache_write_1h", null, null,
                        new BigDecimal("0.00375"), "USD", null, null, "anthropic.cost_report"),
                new GenAiProviderCost(DAY1, "anthropic", null, "Web Search", null, null, null, new BigDecimal("0.02"),
                        "USD", null, null, "anthropic.cost_report"));

        List<StandIn.Request> usage = standIn.requestsTo("/v1/organizations/usage_report/messages");
        assertThat(usage).hasSize(2);
        Map<String, List<String>> query = OpenAiStandIn.query(usage.getFirst().rawQuery());
        assertThat(query.get("starting_at")).containsExactly("2026-03-01T00:00:00Z");
        assertThat(query.get("ending_at")).containsExactly("2026-03-04T00:00:00Z");
        assertThat(query.get("bucket_width")).containsExactly("1d");
        assertThat(query.get("group_by[]")).containsExactly("model", "workspace_id", "service_tier", "context_window");
        assertThat(query.get("limit")).containsExactly("31");
        assertThat(OpenAiStandIn.query(usage.get(1).rawQuery())).containsKey("page");
        assertThat(usage.getFirst().header("x-api-key")).isEqualTo(KEY);
        assertThat(usage.getFirst().header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(usage.getFirst().header("User-Agent")).startsWith("CloudAct/");
        Map<String, List<String>> cost = OpenAiStandIn.query(standIn.requestsTo("/v1/organizations/cost_report")
                .getFirst().rawQuery());
        assertThat(cost.get("group_by[]")).containsExactly("description", "workspace_id");
        assertThat(standIn.requestsTo("/v1/organizations/cost_report")).hasSize(2);
    }

    @Test
    void throttlingIsWaitedOutAsTheProviderAsks() throws Exception {
        threeDays(standIn);
        standIn.failNext(new StandIn.Reply(429, "application/json", """
                {"type": "error", "error": {"type": "rate_limit_error", "message": "Number of requests has exceeded your rate limit"}}""",
                Map.of("Retry-After", "7")));

        GenAiFetch fetched = source.fetch(new ExportLocationReader.Request(credential(), KEY, Map.of(), DAY1, DAY3));

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(fetched.usage()).hasSize(4);
    }

    @Test
    void aRefusedKeyEndsTheReadWithAnthropicsMessage() {
        assertThatThrownBy(() -> source.fetch(new ExportLocationReader.Request(credential(), "sk-ant-admin01-wrong",
                Map.of(), DAY1, DAY1)))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED))
                .hasMessageContaining("HTTP 401: invalid x-api-key");
    }

    @Test
    void aBadRequestEndsTheReadWithAnthropicsMessage() {
        standIn.failNext(StandIn.Reply.json(400, """
                {"type": "error", "error": {"type": "invalid_request_error", "message": "group_by.3: Input should be 'api_key_id', 'workspace_id', 'model', 'service_tier' or 'context_window'"}}"""));

        assertThatThrownBy(() -> source.fetch(new ExportLocationReader.Request(credential(), KEY, Map.of(), DAY1, DAY1)))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                .hasMessageContaining("HTTP 400: group_by.3: Input should be");
    }

    @Test
    void theOlderSingleCacheCreationCountIsTheFiveMinuteCacheAndForeignPagesAreRefused() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        GenAiFetch parsed = source.parse(List.of(json.readTree("""
                {"data": [{"starting_at": "2025-01-08T00:00:00Z", "ending_at": "2025-01-09T00:00:00Z",
                  "results": [{"uncached_input_tokens": 100, "cache_creation_input_tokens": 40,
                   "cache_read_input_tokens": 7, "output_tokens": 9, "model": "claude-3-5-haiku-20241022"}]}],
                 "has_more": false, "next_page": null}""")));

        assertThat(parsed.usage()).singleElement().satisfies(u -> {
            assertThat(u.inputTokens()).isEqualTo(100);
            assertThat(u.cacheWrite5mTokens()).isEqualTo(40);
            assertThat(u.cacheWrite1hTokens()).isZero();
            assertThat(u.cachedInputTokens()).isEqualTo(7);
            assertThat(u.usageDate()).isEqualTo(LocalDate.of(2025, 1, 8));
        });
        assertThatThrownBy(() -> source.parse(List.of(json.readTree("{\"object\": \"page\", \"data\": []}"))))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE));
    }

    static StoredCredential credential() {
        return new StoredCredential("cred-anthropic", OrgSlug.of("fixture_org"), Provider.ANTHROPIC, "Anthropic admin",
                "API_KEY", null, null, StoredCredential.VALID, null, null, null, null, null, null, null);
    }
}
