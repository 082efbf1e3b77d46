package com.cloudact.pipeline.extract.genai.anthropic;

import static com.cloudact.pipeline.extract.genai.PageFields.bad;
import static com.cloudact.pipeline.extract.genai.PageFields.count;
import static com.cloudact.pipeline.extract.genai.PageFields.text;

import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiProviderCost;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.GenAiUsageSource;
import com.cloudact.pipeline.extract.genai.PageFields;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.pipeline.extract.genai.QueryString;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's Admin API usage report and cost report (provider-interfaces.md A2), read with an Admin key
 * ({@code x-api-key}, {@code anthropic-version: 2023-06-01}, a descriptive User-Agent).
 *
 * <p>Usage: {@code GET /v1/organizations/usage_report/messages} from {@code starting_at} (00:00 UTC of the first day)
 * to {@code ending_at} (00:00 UTC after the last), {@code bucket_width=1d}, grouped by model, workspace, service tier
 * and context window, 31 buckets a page, following {@code next_page} while {@code has_more}. Buckets per A8:
 * {@code uncached_input_tokens} → uncached input, {@code cache_read_input_tokens} → cache reads,
 * {@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens} → the 5-minute and 1-hour
 * cache writes, {@code output_tokens} → output (Anthropic reports no separate reasoning count: extended thinking is
 * billed and counted as output). Service tier {@code batch}/{@code priority} → those tiers, {@code standard} →
 * standard (null). The context window is kept as the context tier as reported ({@code 0-200k}, {@code 200k-1M}),
 * the labels the shipped Anthropic price rows use. Server tool use (web search requests) becomes a non-token row
 * in unit {@code web_search_request}. The report has no request counts (0).
 *
 * <p>Cost: {@code GET /v1/organizations/cost_report} grouped by description and workspace: {@code amount} is a
 * decimal string in cents and is divided by 100 exactly; {@code token_type} names the bucket. Priority-tier spend is
 * not in the cost report (Anthropic's own caveat), so CloudAct's priced usage is the only figure for it.
 */
@Component
class AnthropicUsageSource implements GenAiUsageSource {

    static final String API_VERSION = "2023-06-01";
    static final String USER_AGENT = "CloudAct/1.0 (GenAI cost analytics; daily usage import)";
    static final int LIMIT = 31;
    static final int MAX_PAGES = 1000;
    /** Cost report token types → CloudAct's token buckets. */
    private static final Map<String, String> TOKEN_TYPES = Map.of(
            "uncached_input_tokens", "input",
            "output_tokens", "output",
            "cache_read_input_tokens", "cache_read",
            "cache_creation.ephemeral_5m_input_tokens", "cache_write_5m",
            "cache_creation.ephemeral_1h_input_tokens", "cache_write_1h");

    private final ProviderApi api;
    private final String base;

    AnthropicUsageSource(ProviderApi api, ProviderEndpoints endpoints) {
        this.api = api;
        this.base = endpoints.anthropic();
    }

    @Override
    public Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        String start = request.start() + "T00:00:00Z";
        String end = request.end().plusDays(1) + "T00:00:00Z";
        List<JsonNode> pages = new ArrayList<>();
        pages.addAll(pages("/v1/organizations/usage_report/messages", new QueryString().add("starting_at", start)
                .add("ending_at", end).add("bucket_width", "1d").add("group_by[]", "model")
                .add("group_by[]", "workspace_id").add("group_by[]", "service_tier").add("group_by[]", "context_window")
                .add("limit", LIMIT), request.secret(), "the Anthropic usage report"));
        pages.addAll(pages("/v1/organizations/cost_report", new QueryString().add("starting_at", start)
                .add("ending_at", end).add("bucket_width", "1d").add("group_by[]", "description")
                .add("group_by[]", "workspace_id").add("limit", LIMIT), request.secret(), "the Anthropic cost report"));
        return parse(pages);
    }

    private List<JsonNode> pages(String path, QueryString query, String key, String what)
            throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            HttpRequest request = HttpRequest.newBuilder(HttpParts.join(base, path + "?"
                            + query.copy().addIfPresent("page", cursor)))
                    .GET().timeout(Duration.ofSeconds(60))
                    .header("x-api-key", key.strip())
                    .header("anthropic-version", API_VERSION)
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "application/json")
                    .build();
            JsonNode page = api.json(request, what);
            pages.add(page);
            boolean more = page.path("has_more").asBoolean(false);
            String next = text(page, "next_page");
            if (more && (next == null || next.equals(cursor))) {
                throw bad(what + " said it has more pages but gave no new page cursor");
            }
            if (pages.size() > MAX_PAGES) {
                throw bad(what + " kept answering has_more after " + MAX_PAGES + " pages");
            }
            cursor = more ? next : null;
        } while (cursor != null);
        return pages;
    }

    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        List<GenAiUsage> usage = new ArrayList<>();
        List<GenAiProviderCost> costs = new ArrayList<>();
        for (JsonNode page : pages) {
            if (!page.path("data").isArray() || !page.has("has_more")) {
                throw bad("Not an Anthropic usage or cost report page (expected {\"data\": [...], \"has_more\": ...})");
            }
            for (JsonNode bucket : page.path("data")) {
                LocalDate day = PageFields.isoDay(bucket, "starting_at");
                for (JsonNode result : bucket.path("results")) {
                    if (result.has("amount")) {
                        costs.add(cost(day, result));
                    } else if (result.has("uncached_input_tokens") || result.has("output_tokens")
                            || result.has("cache_read_input_tokens")) {
                        usage.addAll(usage(day, result));
                    } else {
                        throw bad("Not an Anthropic usage or cost result: it has neither token counts nor an amount");
                    }
                }
            }
        }
        return new GenAiFetch(usage, List.of(), costs);
    }

    private static List<GenAiUsage> usage(LocalDate day, JsonNode result) {
        String model = text(result, "model") == null ? "unspecified" : text(result, "model");
        String workspace = text(result, "workspace_id");
        String tier = tier(text(result, "service_tier"));
        String context = text(result, "context_window");
        JsonNode creation = result.path("cache_creation");
        // Before the 5m/1h split the report had one cache_creation_input_tokens count: the 5-minute cache.
        long write5m = creation.isObject() ? count(creation, "ephemeral_5m_input_tokens")
                : count(result, "cache_creation_input_tokens");
        long write1h = creation.isObject() ? count(creation, "ephemeral_1h_input_tokens") : 0;
        List<GenAiUsage> rows = new ArrayList<>();
        rows.add(new GenAiUsage(day, "anthropic", model, "global", workspace, tier, context,
                count(result, "uncached_input_tokens"), count(result, "cache_read_input_tokens"), write5m, write1h,
                count(result, "output_tokens"), 0, null, null, 0, "anthropic.usage_report.messages"));
        long webSearches = count(result.path("server_tool_use"), "web_search_requests");
        if (webSearches > 0) {
            rows.add(new GenAiUsage(day, "anthropic", model, "global", workspace, tier, context, 0, 0, 0, 0, 0, 0,
                    BigDecimal.valueOf(webSearches), "web_search_request", webSearches,
                    "anthropic.usage_report.server_tool_use"));
        }
        return rows;
    }

    private static GenAiProviderCost cost(LocalDate day, JsonNode result) {
        BigDecimal cents = PageFields.optionalDecimal(result, "amount");
        String currency = text(result, "currency");
        if (cents == null || currency == null) {
            throw bad("An Anthropic cost result lacks amount or currency");
        }
        String tokenType = text(result, "token_type");
        String description = text(result, "description");
        return new GenAiProviderCost(day, "anthropic", text(result, "model"),
                description != null ? description : text(result, "cost_type"),
                tokenType == null ? null : TOKEN_TYPES.getOrDefault(tokenType, tokenType),
                text(result, "workspace_id"), tier(text(result, "service_tier")), cents.movePointLeft(2),
                currency.toUpperCase(Locale.ROOT), null, null, "anthropic.cost_report");
    }

    static String tier(String serviceTier) {
        if (serviceTier == null) {
            return null;
        }
        String tier = serviceTier.toLowerCase(Locale.ROOT);
        return tier.equals("standard") ? null : tier;
    }
}
