package com.cloudact.pipeline.standins;

import com.cloudact.platform.providers.standins.StandIn;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI's organization Usage API and Costs API as documented (provider-interfaces.md A1): Admin-key Bearer auth,
 * one bucket per UTC day from {@code start_time} to {@code end_time} (exclusive), empty buckets with
 * {@code results: []}, {@code limit} buckets a page (or fewer when the stand-in's page size is smaller, as a server
 * may), {@code has_more}/{@code next_page} cursors, and OpenAI's error JSON for a wrong key or a bad query.
 */
public final class OpenAiStandIn extends StandIn {

    private static final String ERROR = """
            {"error": {"message": "%s", "type": "invalid_request_error", "param": null, "code": "%s"}}""";

    private final String adminKey;
    /** endpoint ("completions", ..., "costs") → day → results (JSON objects without their "object" member). */
    private final Map<String, Map<LocalDate, List<String>>> results = new ConcurrentHashMap<>();
    private volatile int pageSize = Integer.MAX_VALUE;

    public OpenAiStandIn(String adminKey) {
        this.adminKey = adminKey;
    }

    /** A usage result of an endpoint (completions, embeddings, images ...) for a day, its fields as JSON members. */
    public OpenAiStandIn usage(String endpoint, LocalDate day, String members) {
        results.computeIfAbsent(endpoint, e -> new TreeMap<>()).computeIfAbsent(day, d -> new ArrayList<>())
                .add("{\"object\": \"organization.usage." + endpoint + ".result\", " + members + "}");
        return this;
    }

    /** A Costs API result for a day. */
    public OpenAiStandIn cost(LocalDate day, String members) {
        results.computeIfAbsent("costs", e -> new TreeMap<>()).computeIfAbsent(day, d -> new ArrayList<>())
                .add("{\"object\": \"organization.costs.result\", " + members + "}");
        return this;
    }

    /** At most this many buckets a page, whatever limit the client asked (to make a second page). */
    public void pageSize(int buckets) {
        this.pageSize = buckets;
    }

    public void reset() {
        results.clear();
        pageSize = Integer.MAX_VALUE;
    }

    @Override
    protected Reply answer(Request request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.equals("Bearer " + adminKey)) {
            return Reply.json(401, ERROR.formatted("Incorrect API key provided: sk-ad*****" + last4(auth)
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key"));
        }
        String endpoint;
        if (request.path().startsWith("/v1/organization/usage/")) {
            endpoint = request.path().substring("/v1/organization/usage/".length());
        } else if (request.path().equals("/v1/organization/costs")) {
            endpoint = "costs";
        } else {
            return Reply.json(404, ERROR.formatted("Invalid URL (GET " + request.path() + ")", "unknown_url"));
        }
        Map<String, List<String>> query = query(request.rawQuery());
        if (!query.containsKey("start_time")) {
            return Reply.json(400, ERROR.formatted("Missing query parameter 'start_time'", "missing_parameter"));
        }
        long start = Long.parseLong(query.get("start_time").getFirst());
        long end = query.containsKey("end_time") ? Long.parseLong(query.get("end_time").getFirst())
                : start + 7 * 86_400;
        String width = query.getOrDefault("bucket_width", List.of("1d")).getFirst();
        if (!width.equals("1d")) {
            return Reply.json(400, ERROR.formatted("This stand-in serves bucket_width 1d only", "invalid_parameter"));
        }
        int maxLimit = endpoint.equals("costs") ? 180 : 31;
        int limit = Integer.parseInt(query.getOrDefault("limit", List.of("7")).getFirst());
        if (limit < 1 || limit > maxLimit) {
            return Reply.json(400, ERROR.formatted("Invalid 'limit': must be between 1 and " + maxLimit,
                    "invalid_parameter"));
        }
        // Buckets start at start_time (not at midnight when start_time is not), one day each.
        List<long[]> buckets = new ArrayList<>();
        for (long at = start; at < end; at = (at / 86_400 + 1) * 86_400) {
            buckets.add(new long[] {at, Math.min(end, (at / 86_400 + 1) * 86_400)});
        }
        int from = query.containsKey("page") ? Integer.parseInt(query.get("page").getFirst().substring("page_".length())) : 0;
        int to = Math.min(buckets.size(), from + Math.min(limit, pageSize));
        List<String> data = new ArrayList<>();
        for (long[] bucket : buckets.subList(from, to)) {
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(bucket[0], 86_400));
            List<String> dayResults = results.getOrDefault(endpoint, Map.of()).getOrDefault(day, List.of());
            data.add("{\"object\": \"bucket\", \"start_time\": " + bucket[0] + ", \"end_time\": " + bucket[1]
                    + ", \"results\": [" + String.join(", ", dayResults) + "]}");
        }
        boolean more = to < buckets.size();
        return Reply.json(200, "{\"object\": \"page\", \"data\": [" + String.join(", ", data) + "], \"has_more\": "
                + more + ", \"next_page\": " + (more ? "\"page_" + to + "\"" : "null") + "}");
    }

    /** Epoch seconds of 00:00 UTC of a day, as the client should send them. */
    public static long midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** The query's parameters by decoded name ({@code group_by[]}), values in order. */
    public static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String last4(String text) {
        return text == null || text.length() < 4 ? "" : text.substring(text.length() - 4);
    }
}
