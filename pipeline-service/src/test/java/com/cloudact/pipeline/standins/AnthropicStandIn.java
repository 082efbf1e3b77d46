package com.cloudact.pipeline.standins;

import com.cloudact.platform.providers.standins.StandIn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anthropic's Admin API usage report ({@code /v1/organizations/usage_report/messages}) and cost report
 * ({@code /v1/organizations/cost_report}) as documented (provider-interfaces.md A2): {@code x-api-key} and
 * {@code anthropic-version} required, one bucket per UTC day from {@code starting_at} to {@code ending_at}, empty
 * buckets with {@code results: []}, {@code limit} (at most 31) buckets a page or fewer when the stand-in's page size
 * is smaller, {@code has_more}/{@code next_page}, and Anthropic's error JSON.
 */
public final class AnthropicStandIn extends StandIn {

    private static final String ERROR = """
            {"type": "error", "error": {"type": "%s", "message": "%s"}}""";

    private final String adminKey;
    /** "usage" or "cost" → day → results as JSON objects. */
    private final Map<String, Map<LocalDate, List<String>>> results = new ConcurrentHashMap<>();
    private volatile int pageSize = Integer.MAX_VALUE;

    public AnthropicStandIn(String adminKey) {
        this.adminKey = adminKey;
    }

    public AnthropicStandIn usage(LocalDate day, String result) {
        results.computeIfAbsent("usage", k -> new TreeMap<>()).computeIfAbsent(day, d -> new ArrayList<>()).add(result);
        return this;
    }

    public AnthropicStandIn cost(LocalDate day, String result) {
        results.computeIfAbsent("cost", k -> new TreeMap<>()).computeIfAbsent(day, d -> new ArrayList<>()).add(result);
        return this;
    }

    public void pageSize(int buckets) {
        this.pageSize = buckets;
    }

    public void reset() {
        results.clear();
        pageSize = Integer.MAX_VALUE;
    }

    @Override
    protected Reply answer(Request request) {
        if (!adminKey.equals(request.header("x-api-key"))) {
            return Reply.json(401, ERROR.formatted("authentication_error", "invalid x-api-key"));
        }
        if (request.header("anthropic-version") == null) {
            return Reply.json(400, ERROR.formatted("invalid_request_error", "anthropic-version: header is required"));
        }
        String kind = switch (request.path()) {
            case "/v1/organizations/usage_report/messages" -> "usage";
            case "/v1/organizations/cost_report" -> "cost";
            default -> null;
        };
        if (kind == null) {
            return Reply.json(404, ERROR.formatted("not_found_error", "Not found"));
        }
        Map<String, List<String>> query = OpenAiStandIn.query(request.rawQuery());
        if (!query.containsKey("starting_at")) {
            return Reply.json(400, ERROR.formatted("invalid_request_error", "starting_at: Field required"));
        }
        LocalDate first = LocalDate.ofInstant(Instant.parse(query.get("starting_at").getFirst()), ZoneOffset.UTC);
        LocalDate end = query.containsKey("ending_at")
                ? LocalDate.ofInstant(Instant.parse(query.get("ending_at").getFirst()), ZoneOffset.UTC)
                : first.plusDays(7);
        int limit = Integer.parseInt(query.getOrDefault("limit", List.of("7")).getFirst());
        if (limit < 1 || limit > 31) {
            return Reply.json(400, ERROR.formatted("invalid_request_error", "limit: Input should be less than or equal to 31"));
        }
        List<LocalDate> days = first.datesUntil(end).toList();
        int from = query.containsKey("page") ? Integer.parseInt(new String(Base64.getDecoder().decode(
                query.get("page").getFirst().substring("page_".length())), StandardCharsets.UTF_8)) : 0;
        int to = Math.min(days.size(), from + Math.min(limit, pageSize));
        List<String> data = new ArrayList<>();
        for (LocalDate day : days.subList(from, to)) {
            data.add("{\"starting_at\": \"" + day + "T00:00:00Z\", \"ending_at\": \"" + day.plusDays(1)
                    + "T00:00:00Z\", \"results\": [" + String.join(", ",
                    results.getOrDefault(kind, Map.of()).getOrDefault(day, List.of())) + "]}");
        }
        boolean more = to < days.size();
        String next = more ? "\"page_" + Base64.getEncoder().encodeToString(String.valueOf(to)
                .getBytes(StandardCharsets.UTF_8)) + "\"" : "null";
        return Reply.json(200, "{\"data\": [" + String.join(", ", data) + "], \"has_more\": " + more
                + ", \"next_page\": " + next + "}");
    }
}
