package com.cloudact.pipeline.extract.genai.deepseek;

import static com.cloudact.pipeline.extract.genai.PageFields.bad;
import static com.cloudact.pipeline.extract.genai.PageFields.count;
import static com.cloudact.pipeline.extract.genai.PageFields.optionalCount;
import static com.cloudact.pipeline.extract.genai.PageFields.text;

import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiProviderCost;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.GenAiUsageSource;
import com.cloudact.pipeline.extract.genai.PageFields;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * DeepSeek (provider-interfaces.md A4). What DeepSeek exposes, and what CloudAct derives from it:
 *
 * <ul>
 *   <li><b>Balance</b> ({@code GET /user/balance}, Bearer API key): the account's current {@code total_balance} per
 *       currency (strings; {@code total = granted + topped_up}). It has no history, so each run records the balance
 *       it reads as the closing balance of the run's last day (only when that day is yesterday or today in UTC: an
 *       older day's balance cannot be known), as a row of {@code genai_provider_costs_raw} with line item
 *       {@value #SNAPSHOT}, amount 0 (a balance is not spend), {@code quantity} = the balance and
 *       {@code quantity_unit} = the currency.</li>
 *   <li><b>Spend</b> (derived): when the org has an earlier snapshot of the same credential and currency, a row with
 *       line item {@value #DELTA} and amount = earlier balance − this balance ({@code quantity} = the days between
 *       the two snapshots, unit {@code day}; the amount is all of those days' spend, dated on the later day). Top-ups
 *       and expiring grants are not exposed, so the delta is an approximation: when the balance went up (a top-up
 *       larger than the spend) no spend row is written for that day. The balance is read when the run runs;
 *       re-running a day later records the balance of that later moment.</li>
 *   <li><b>Per-model usage</b>: DeepSeek has no usage-history API (the platform's usage page has an export only).
 *       {@link #parse} therefore reads an uploaded file of the org's own saved chat-completion responses (JSON Lines;
 *       OpenAI-compatible {@code created}, {@code model}, {@code usage}) and sums them per UTC day and model:
 *       {@code prompt_cache_miss_tokens} → uncached input (else {@code prompt_tokens − prompt_cache_hit_tokens}),
 *       {@code prompt_cache_hit_tokens} → cache reads, {@code completion_tokens} → output, one request per response
 *       (a response id seen twice counts once). DeepSeek bills reasoning tokens ({@code
 *       completion_tokens_details.reasoning_tokens}, part of {@code completion_tokens}) at the output price, so they
 *       stay in output; only for a model whose shipped price row has a separate reasoning price are they moved to
 *       {@code reasoning_tokens}.</li>
 * </ul>
 */
@Component
class DeepSeekUsageSource implements GenAiUsageSource {

    static final String SNAPSHOT = "balance_snapshot";
    static final String DELTA = "balance_delta";
    private static final Logger LOG = LoggerFactory.getLogger(DeepSeekUsageSource.class);

    private final ProviderApi api;
    private final String base;
    private final DeepSeekBalances balances;
    private final Clock clock;
    private final Set<String> reasoningPriced;

    @Autowired
    DeepSeekUsageSource(ProviderApi api, ProviderEndpoints endpoints, DeepSeekBalances balances, Clock clock) {
        this(api, endpoints, balances, clock, GenAiDefaultPricing.rows(GenAiFlow.PAYG).stream()
                .filter(r -> "deepseek".equals(r.get("provider")) && r.get("reasoning_per_1m") != null)
                .map(r -> r.get("model")).collect(Collectors.toUnmodifiableSet()));
    }

    DeepSeekUsageSource(ProviderApi api, ProviderEndpoints endpoints, DeepSeekBalances balances, Clock clock,
                        Set<String> reasoningPriced) {
        this.api = api;
        this.base = endpoints.deepSeek();
        this.balances = balances;
        this.clock = clock;
        this.reasoningPriced = Set.copyOf(reasoningPriced);
    }

    @Override
    public Provider provider() {
        return Provider.DEEPSEEK;
    }

    /** The balance answers only for the moment it is read: earlier days of a range keep what they have. */
    @Override
    public boolean answersEveryDay() {
        return false;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate day = request.end();
        JsonNode answer = api.json(HttpRequest.newBuilder(HttpParts.join(base, "/user/balance")).GET()
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + request.secret().strip())
                .header("Accept", "application/json").build(), "the DeepSeek balance");
        if (!answer.path("balance_infos").isArray()) {
            throw bad("The DeepSeek balance answer has no balance_infos");
        }
        if (day.isBefore(today.minusDays(1)) || day.isAfter(today)) {
            LOG.info("DeepSeek balance not recorded for {}: the balance has no history, only today's is known", day);
            return new GenAiFetch(List.of(), List.of(), List.of());
        }
        List<GenAiProviderCost> costs = new ArrayList<>();
        for (JsonNode info : answer.path("balance_infos")) {
            String currency = Optional.ofNullable(text(info, "currency")).map(c -> c.toUpperCase(Locale.ROOT))
                    .orElseThrow(() -> bad("A DeepSeek balance lacks its currency"));
            BigDecimal balance = Optional.ofNullable(PageFields.optionalDecimal(info, "total_balance"))
                    .orElseThrow(() -> bad("A DeepSeek balance lacks total_balance"));
            costs.add(new GenAiProviderCost(day, "deepseek", null, SNAPSHOT, null, null, null, BigDecimal.ZERO,
                    currency, balance, currency, "deepseek.balance"));
            balances.before(request.credential().org(), request.credential().credentialId(), currency, day)
                    .ifPresent(previous -> {
                        BigDecimal spent = previous.balance().subtract(balance);
                        if (spent.signum() < 0) {
                            LOG.info("DeepSeek {} balance rose from {} to {} by {}: a top-up; spend not derived",
                                    currency, previous.balance(), balance, day);
                            return;
                        }
                        costs.add(new GenAiProviderCost(day, "deepseek", null, DELTA, null, null, null, spent,
                                currency, BigDecimal.valueOf(ChronoUnit.DAYS.between(previous.day(), day)), "day",
                                "deepseek.balance"));
                    });
        }
        return new GenAiFetch(List.of(), List.of(), costs);
    }

    /** Sums uploaded chat-completion responses per UTC day and model. */
    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        Map<String, long[]> sums = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode response : pages) {
            if (response.has("balance_infos")) {
                throw bad("A saved DeepSeek balance answer carries no date: balances are recorded by the live read"
                        + " only; upload chat-completion responses");
            }
            String object = text(response, "object");
            if (!"chat.completion".equals(object) && !"chat.completion.chunk".equals(object)) {
                throw bad("Not a DeepSeek chat-completion response (object " + object + ")");
            }
            JsonNode usage = response.path("usage");
            if (!usage.isObject()) {
                if ("chat.completion.chunk".equals(object)) {
                    continue; // streamed chunks carry usage only in the last one
                }
                throw bad("A DeepSeek chat completion has no usage");
            }
            String id = text(response, "id");
            if (id != null && !seen.add(id)) {
                continue;
            }
            LocalDate day = PageFields.epochDay(response, "created");
            String model = Optional.ofNullable(text(response, "model")).orElse("unspecified");
            long hit = count(usage, "prompt_cache_hit_tokens");
            Long miss = optionalCount(usage, "prompt_cache_miss_tokens");
            long uncached = miss != null ? miss : Math.max(0, count(usage, "prompt_tokens") - hit);
            long completion = count(usage, "completion_tokens");
            long reasoning = reasoningPriced.contains(model)
                    ? count(usage.path("completion_tokens_details"), "reasoning_tokens") : 0;
            long[] sum = sums.computeIfAbsent(day + "\u0000" + model, k -> new long[5]);
            sum[0] += uncached;
            sum[1] += hit;
            sum[2] += completion - reasoning;
            sum[3] += reasoning;
            sum[4] += 1;
        }
        List<GenAiUsage> usage = new ArrayList<>();
        sums.forEach((key, sum) -> {
            String[] parts = key.split("\u0000", 2);
            usage.add(new GenAiUsage(LocalDate.parse(parts[0]), "deepseek", parts[1], "global", null, null, null,
                    sum[0], sum[1], 0, 0, sum[2], sum[3], null, null, sum[4], "deepseek.chat_completions"));
        });
        return GenAiFetch.ofUsage(usage);
    }
}
