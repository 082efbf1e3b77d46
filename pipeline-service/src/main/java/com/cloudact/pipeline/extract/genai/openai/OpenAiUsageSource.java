package com.cloudact.pipeline.extract.genai.openai;

import static com.cloudact.pipeline.extract.genai.PageFields.bad;
import static com.cloudact.pipeline.extract.genai.PageFields.count;
import static com.cloudact.pipeline.extract.genai.PageFields.optionalCount;
import static com.cloudact.pipeline.extract.genai.PageFields.optionalDecimal;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's organization Usage API and Costs API (provider-interfaces.md A1), read with an Admin key.
 *
 * <p>Usage: {@code GET /v1/organization/usage/{completions,embeddings,moderations,images,audio_speeches,
 * audio_transcriptions}} for whole UTC days ({@code start_time} at 00:00 UTC, {@code end_time} exclusive at 00:00 of
 * the day after the last), {@code bucket_width=1d}, grouped by model and project (completions also by batch and
 * service tier), 31 buckets a page, following {@code next_page} while {@code has_more}. Token buckets per A8:
 * uncached input = {@code input_uncached_tokens}, else {@code input_tokens − input_cached_tokens −
 * input_cache_write_tokens}; cache reads = {@code input_cached_tokens}; cache writes = {@code input_cache_write_tokens}
 * (OpenAI has one cache, stored as the 5-minute bucket); output = {@code output_tokens}. OpenAI counts reasoning tokens
 * inside {@code output_tokens} and the Usage API does not report them apart, so {@code reasoning_tokens} stays 0 (the
 * output price applies, which is what OpenAI bills). Images, speech characters and transcription seconds are
 * non-token usage ({@code usage_quantity} in image / character / second).
 *
 * <p>Cost: {@code GET /v1/organization/costs} grouped by line item and project, 180 buckets a page: each result is a
 * provider cost line ({@code amount.value} as a number or a string, currency upper-cased, the {@code line_item} kept
 * as reported and read defensively into model and token type).
 *
 * <p>Headers: {@code Authorization: Bearer <admin key>}, and {@code OpenAI-Organization} when the credential's
 * metadata names an {@code organization_id}.
 */
@Component
class OpenAiUsageSource implements GenAiUsageSource {

    static final List<String> USAGE_ENDPOINTS = List.of("completions", "embeddings", "moderations", "images",
            "audio_speeches", "audio_transcriptions");
    /** Buckets per page: the most the API gives for 1-day buckets (usage) and for costs. */
    static final int USAGE_LIMIT = 31;
    static final int COSTS_LIMIT = 180;
    /** A provider that keeps answering has_more is cut off here rather than read forever. */
    static final int MAX_PAGES = 1000;
    private static final String RESULT = "organization.usage.";
    private static final String COSTS_RESULT = "organization.costs.result";
    private static final Map<String, String> UNITS = Map.of("images", "image", "audio_speeches", "character",
            "audio_transcriptions", "second");
    private static final Map<String, String> QUANTITY_FIELDS = Map.of("images", "images", "audio_speeches",
            "characters", "audio_transcriptions", "seconds");

    private final ProviderApi api;
    private final String base;

    OpenAiUsageSource(ProviderApi api, ProviderEndpoints endpoints) {
        this.api = api;
        this.base = endpoints.openAi();
    }

    @Override
    public Provider provider() {
        return Provider.OPENAI;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        long start = request.start().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = request.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String organization = request.metadata().get("organization_id") == null ? null
                : String.valueOf(request.metadata().get("organization_id"));
        List<JsonNode> pages = new ArrayList<>();
        for (String endpoint : USAGE_ENDPOINTS) {
            QueryString query = new QueryString().add("start_time", start).add("end_time", end)
                    .add("bucket_width", "1d").add("group_by[]", "model").add("group_by[]", "project_id");
            if (endpoint.equals("completions")) {
                query.add("group_by[]", "batch").add("group_by[]", "service_tier");
            }
            query.add("limit", USAGE_LIMIT);
            pages.addAll(pages("/v1/organization/usage/" + endpoint, query, request.secret(), organization,
                    "the OpenAI " + endpoint + " usage"));
        }
        QueryString costs = new QueryString().add("start_time", start).add("end_time", end).add("bucket_width", "1d")
                .add("group_by[]", "line_item").add("group_by[]", "project_id").add("limit", COSTS_LIMIT);
        pages.addAll(pages("/v1/organization/costs", costs, request.secret(), organization, "the OpenAI costs"));
        return parse(pages);
    }

    private List<JsonNode> pages(String path, QueryString query, String key, String organization, String what)
            throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            QueryString pageQuery = query.copy().addIfPresent("page", cursor);
            HttpRequest.Builder http = HttpRequest.newBuilder(HttpParts.join(base, path + "?" + pageQuery))
                    .GET().timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + key.strip())
                    .header("Accept", "application/json");
            if (organization != null) {
                http.header("OpenAI-Organization", organization);
            }
            JsonNode page = api.json(http.build(), what);
            pages.add(page);
            String next = text(page, "next_page");
            if (page.path("has_more").asBoolean(false) && (next == null || next.equals(cursor))) {
                throw bad(what + " said it has more pages but gave no new page cursor");
            }
            cursor = page.path("has_more").asBoolean(false) ? next : null;
            if (pages.size() > MAX_PAGES) {
                throw bad(what + " kept answering has_more after " + MAX_PAGES + " pages");
            }
        } while (cursor != null);
        return pages;
    }

    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        List<GenAiUsage> usage = new ArrayList<>();
        List<GenAiProviderCost> costs = new ArrayList<>();
        for (JsonNode page : pages) {
            if (!"page".equals(text(page, "object")) || !page.path("data").isArray()) {
                throw bad("Not an OpenAI usage or costs page (expected {\"object\": \"page\", \"data\": [...]})");
            }
            for (JsonNode bucket : page.path("data")) {
                LocalDate day = PageFields.epochDay(bucket, "start_time");
                for (JsonNode result : bucket.path("results")) {
                    String object = text(result, "object");
                    if (COSTS_RESULT.equals(object)) {
                        costs.add(cost(day, result));
                    } else if (object != null && object.startsWith(RESULT) && object.endsWith(".result")) {
                        String endpoint = object.substring(RESULT.length(), object.length() - ".result".length());
                        if (!USAGE_ENDPOINTS.contains(endpoint)) {
                            throw bad("OpenAI usage results of kind " + endpoint + " are not read");
                        }
                        usage.add(usage(day, endpoint, result));
                    } else {
                        throw bad("Not an OpenAI usage or costs result: object " + object);
                    }
                }
            }
        }
        return new GenAiFetch(usage, List.of(), costs);
    }

    private static GenAiUsage usage(LocalDate day, String endpoint, JsonNode result) {
        String model = model(result);
        String project = text(result, "project_id");
        long requests = count(result, "num_model_requests");
        String source = "openai.usage." + endpoint;
        if (UNITS.containsKey(endpoint)) {
            BigDecimal quantity = optionalDecimal(result, QUANTITY_FIELDS.get(endpoint));
            return new GenAiUsage(day, "openai", model, "global", project, null, null, 0, 0, 0, 0, 0, 0,
                    quantity == null ? BigDecimal.ZERO : quantity, UNITS.get(endpoint), requests, source);
        }
        long input = count(result, "input_tokens");
        long cached = count(result, "input_cached_tokens");
        long cacheWrite = count(result, "input_cache_write_tokens");
        Long reportedUncached = optionalCount(result, "input_uncached_tokens");
        long uncached = reportedUncached != null ? reportedUncached : Math.max(0, input - cached - cacheWrite);
        return new GenAiUsage(day, "openai", model, "global", project, tier(result), null, uncached, cached,
                cacheWrite, 0, count(result, "output_tokens"), 0, null, null, requests, source);
    }

    /** The model as reported; a page not grouped by model has none, kept as {@code unspecified}. */
    private static String model(JsonNode result) {
        String model = text(result, "model");
        return model == null ? "unspecified" : model;
    }

    /**
     * CloudAct's service tier: batch when the result is for the Batch API; OpenAI's {@code priority} (and the older
     * {@code scale}) is priority, {@code flex} is flex; {@code default}/{@code auto}/none is standard (null).
     */
    static String tier(JsonNode result) {
        if (result.path("batch").asBoolean(false)) {
            return "batch";
        }
        String tier = text(result, "service_tier");
        if (tier == null) {
            return null;
        }
        return switch (tier.toLowerCase(Locale.ROOT)) {
            case "priority", "scale" -> "priority";
            case "flex" -> "flex";
            case "batch" -> "batch";
            default -> null;
        };
    }

    private static GenAiProviderCost cost(LocalDate day, JsonNode result) {
        JsonNode amount = result.path("amount");
        BigDecimal value = optionalDecimal(amount, "value");
        String currency = text(amount, "currency");
        if (value == null || currency == null) {
            throw bad("An OpenAI costs result lacks amount.value or amount.currency");
        }
        String lineItem = text(result, "line_item");
        LineItem parsed = LineItem.parse(lineItem);
        return new GenAiProviderCost(day, "openai", parsed.model(), lineItem, parsed.tokenType(),
                text(result, "project_id"), parsed.serviceTier(), value, currency.toUpperCase(Locale.ROOT),
                optionalDecimal(result, "quantity"), text(result, "quantity_unit"), "openai.costs");
    }
}
