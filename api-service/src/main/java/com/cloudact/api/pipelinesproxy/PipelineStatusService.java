package com.cloudact.api.pipelinesproxy;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelineRegistration;
import com.cloudact.model.pipeline.PipelineRegistry;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

/**
 * Which of the org's pipelines ran and succeeded today (UTC), cached 30 seconds per org and dropped when a run
 * is triggered through this service; its hit/miss counters are the proxy's cache metrics.
 */
@Service
class PipelineStatusService {

    private static final SqlText TODAY = SqlText.of("""
            SELECT pipeline_id, status, start_time FROM ${central}.org_meta_pipeline_runs
            WHERE org_slug = @org AND start_time >= @since ORDER BY start_time""").with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;
    private final PipelineRegistry registry;
    private final Clock clock;
    private final Cache<OrgSlug, Map<String, Object>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();

    PipelineStatusService(Warehouse warehouse, PipelineRegistry registry, Clock clock) {
        this.warehouse = warehouse;
        this.registry = registry;
        this.clock = clock;
    }

    Map<String, Object> status(OrgSlug org) {
        Map<String, Object> cached = cache.getIfPresent(org);
        if (cached != null) {
            hits.incrementAndGet();
            Map<String, Object> answer = new LinkedHashMap<>(cached);
            answer.put("cached", true);
            return answer;
        }
        misses.incrementAndGet();
        Map<String, Object> fresh = load(org);
        cache.put(org, fresh);
        return fresh;
    }

    void invalidate(OrgSlug org) {
        cache.invalidate(org);
        invalidations.incrementAndGet();
    }

    Map<String, Object> metrics() {
        long total = hits.get() + misses.get();
        return Map.of("hits", hits.get(), "misses", misses.get(), "invalidations", invalidations.get(),
                "hit_rate", total == 0 ? 0.0 : Math.round(hits.get() * 10_000.0 / total) / 10_000.0,
                "total_requests", total);
    }

    private Map<String, Object> load(OrgSlug org) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Row> runs = warehouse.query(TODAY, Map.of("org", org.value(),
                "since", today.atStartOfDay().toInstant(ZoneOffset.UTC)));
        Map<String, Object> pipelines = new LinkedHashMap<>();
        for (PipelineRegistration registration : registry.all()) {
            String trackingId = registration.path().trackingId(org);
            List<Row> mine = runs.stream().filter(r -> trackingId.equals(r.string("pipeline_id"))).toList();
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("pipeline_id", registration.id());
            state.put("last_run", mine.isEmpty() ? null : mine.getLast().instant("start_time"));
            state.put("status", mine.isEmpty() ? null : mine.getLast().string("status"));
            state.put("ran_today", !mine.isEmpty());
            state.put("succeeded_today", mine.stream().anyMatch(r -> "COMPLETED".equals(r.string("status"))));
            state.put("failed_today", mine.stream().filter(r -> "FAILED".equals(r.string("status"))).count());
            pipelines.put(registration.id(), state);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("org_slug", org.value());
        answer.put("check_date", today);
        answer.put("pipelines", pipelines);
        answer.put("cached", false);
        return answer;
    }
}
