package com.cloudact.pipeline.extract.genai.deepseek;

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
import com.cloudact.pipeline.standins.DeepSeekStandIn;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The DeepSeek balance client against its stand-in, and the per-day, per-model sums of uploaded responses. */
class DeepSeekUsageSourceTests {

    static final String KEY = "sk-" + "deepseekTESTKEY0123456789";
    static final LocalDate YESTERDAY = LocalDate.of(2026, 3, 2);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T05:00:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeepSeekStandIn standIn = new DeepSeekStandIn(KEY);
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private DeepSeekBalances.Snapshot previous;
    private SafeHttp http;
    private DeepSeekUsageSource source;

    @BeforeEach
    void client() {
        http = new SafeHttp(standIn.allowList());
        DeepSeekBalances earlier = new DeepSeekBalances(null) {
            @Override
            Optional<Snapshot> before(OrgSlug org, String credentialId, String currency, LocalDate day) {
                asked.add(org.value() + "/" + credentialId + "/" + currency + "/" + day);
                return Optional.ofNullable(previous).filter(p -> p.currency().equals(currency));
            }
        };
        source = new DeepSeekUsageSource(new ProviderApi(http, waits::add), ProviderEndpoints.allAt(standIn.baseUrl()),
                earlier, CLOCK, Set.of());
    }

    @AfterEach
    void close() {
        http.close();
        standIn.close();
    }

    @Test
    void theBalanceIsYesterdaysClosingSnapshotAndItsDropSinceTheLastSnapshotIsTheSpend() throws Exception {
        standIn.balances(DeepSeekStandIn.balance("USD", "10.00", "94.37"), DeepSeekStandIn.balance("CNY", "0.00", "50.00"));
        previous = new DeepSeekBalances.Snapshot(YESTERDAY.minusDays(1), "USD", new BigDecimal("110.00"));

        GenAiFetch fetched = source.fetch(request(YESTERDAY, YESTERDAY));

        assertThat(fetched.usage()).isEmpty();
        assertThat(fetched.costs()).containsExactly(
                new GenAiProviderCost(YESTERDAY, "deepseek", null, "balance_snapshot", null, null, null, BigDecimal.ZERO,
                        "USD", new BigDecimal("104.37"), "USD", "deepseek.balance"),
                new GenAiProviderCost(YESTERDAY, "deepseek", null, "balance_delta", null, null, null,
                        new BigDecimal("5.63"), "USD", BigDecimal.ONE, "day", "deepseek.balance"),
                new GenAiProviderCost(YESTERDAY, "deepseek", null, "balance_snapshot", null, null, null, BigDecimal.ZERO,
                        "CNY", new BigDecimal("50.00"), "CNY", "deepseek.balance"));
        assertThat(asked).containsExactly("fixture_org/cred-deepseek/USD/2026-03-02", "fixture_org/cred-deepseek/CNY/2026-03-02");
        assertThat(standIn.requests()).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY));
        assertThat(source.answersEveryDay()).isFalse();
    }

    @Test
    void aRisenBalanceIsATopUpWithNoSpendAndAnOldDayHasNoKnownBalance() throws Exception {
        standIn.balances(DeepSeekStandIn.balance("USD", "0.00", "200.00"));
        previous = new DeepSeekBalances.Snapshot(YESTERDAY.minusDays(3), "USD", new BigDecimal("20.00"));

        assertThat(source.fetch(request(YESTERDAY, YESTERDAY)).costs())
                .extracting(GenAiProviderCost::lineItem).containsExactly("balance_snapshot");
        assertThat(source.fetch(request(YESTERDAY.minusDays(9), YESTERDAY.minusDays(2))).costs()).isEmpty();
    }

    @Test
    void throttlingIsWaitedOutAndARefusedKeyEndsTheReadWithDeepSeeksMessage() throws Exception {
        standIn.balances(DeepSeekStandIn.balance("USD", "1.00", "2.00"));
        standIn.failNext(new StandIn.Reply(429, "application/json",
                "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"rate_limit_error\"}}", Map.of()));

        assertThat(source.fetch(request(YESTERDAY, YESTERDAY)).costs()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));

        assertThatThrownBy(() -> source.fetch(new ExportLocationReader.Request(credential(), "sk-wrongwrongwrong9999",
                Map.of(), YESTERDAY, YESTERDAY)))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED))
                .hasMessageContaining("Authentication Fails, Your api key: ****9999 is invalid");
    }

    /** Four responses: two on 2 March (UTC) for deepseek-chat, one of them saved twice, and two reasoner calls. */
    static List<String> responses() {
        return List.of("""
                {"id": "a1", "object": "chat.completion", "created": 1772409599, "model": "deepseek-chat",
                 "choices": [], "usage": {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200,
                 "prompt_cache_hit_tokens": 600, "prompt_cache_miss_tokens": 400}}""", """
                {"id": "a2", "object": "chat.completion", "created": 1772323200, "model": "deepseek-chat",
                 "usage": {"prompt_tokens": 50, "completion_tokens": 5, "total_tokens": 55,
                 "prompt_cache_hit_tokens": 0, "prompt_cache_miss_tokens": 50}}""", """
                {"id": "a2", "object": "chat.completion", "created": 1772323200, "model": "deepseek-chat",
                 "usage": {"prompt_tokens": 50, "completion_tokens": 5, "total_tokens": 55,
                 "prompt_cache_hit_tokens": 0, "prompt_cache_miss_tokens": 50}}""", """
                {"id": "b1", "object": "chat.completion", "created": 1772409600, "model": "deepseek-reasoner",
                 "usage": {"prompt_tokens": 300, "completion_tokens": 900, "total_tokens": 1200,
                 "prompt_cache_hit_tokens": 100, "prompt_cache_miss_tokens": 200,
                 "completion_tokens_details": {"reasoning_tokens": 700}}}""", """
                {"id": "b2", "object": "chat.completion.chunk", "created": 1772409700, "model": "deepseek-reasoner",
                 "choices": [], "usage": null}""");
    }

    @Test
    void uploadedResponsesAreSummedPerUtcDayAndModelWithReasoningBilledAsOutput() {
        GenAiFetch parsed = source.parse(pages(responses()));

        assertThat(parsed.usage()).containsExactly(
                new GenAiUsage(LocalDate.of(2026, 3, 1), "deepseek", "deepseek-chat", "global", null, null, null, 450,
                        600, 0, 0, 205, 0, null, null, 2, "deepseek.chat_completions"),
                new GenAiUsage(LocalDate.of(2026, 3, 2), "deepseek", "deepseek-reasoner", "global", null, null, null,
                        200, 100, 0, 0, 900, 0, null, null, 1, "deepseek.chat_completions"));
        DeepSeekUsageSource withReasoningPrice = new DeepSeekUsageSource(null, ProviderEndpoints.production(), null,
                CLOCK, Set.of("deepseek-reasoner"));
        assertThat(withReasoningPrice.parse(pages(responses())).usage().get(1)).satisfies(u -> {
            assertThat(u.outputTokens()).isEqualTo(200);
            assertThat(u.reasoningTokens()).isEqualTo(700);
        });
        assertThatThrownBy(() -> source.parse(pages(List.of("{\"is_available\": true, \"balance_infos\": []}"))))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE))
                .hasMessageContaining("carries no date");
        assertThatThrownBy(() -> source.parse(pages(List.of("{\"object\": \"list\", \"data\": []}"))))
                .hasMessageContaining("Not a DeepSeek chat-completion response");
    }

    private static List<JsonNode> pages(List<String> lines) {
        return lines.stream().map(JSON::readTree).toList();
    }

    private static ExportLocationReader.Request request(LocalDate start, LocalDate end) {
        return new ExportLocationReader.Request(credential(), KEY, Map.of(), start, end);
    }

    static StoredCredential credential() {
        return new StoredCredential("cred-deepseek", OrgSlug.of("fixture_org"), Provider.DEEPSEEK, "DeepSeek",
                "API_KEY", null, null, StoredCredential.VALID, null, null, null, null, null, null, null);
    }
}
