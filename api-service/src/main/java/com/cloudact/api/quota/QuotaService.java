package com.cloudact.api.quota;

import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.QuotaLimits;
import com.cloudact.model.RetryLaterException;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseException;
import com.cloudact.platform.warehouse.WriteConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Pipeline quota in {@code organizations.org_usage_quotas}: one row per org per UTC day. A run reserves a slot
 * with one conditional UPDATE that checks the daily, monthly and concurrent limits at once (slots in use count
 * against the daily and monthly limits too, so concurrent runs cannot overshoot them). A concurrent write makes
 * the update retry. Completion frees the slot; only successful runs count against the daily and monthly limits.
 */
@Service
public class QuotaService {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaService.class);
    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final int MAX_ATTEMPTS = 60;
    private static final Duration STALE_AFTER = Duration.ofMinutes(30);

    private static final SqlText ENSURE_ROW = SqlText.of("""
            INSERT INTO ${central}.org_usage_quotas (usage_id, org_slug, usage_date, pipelines_run_today,
                pipelines_succeeded_today, pipelines_failed_today, pipelines_run_month, concurrent_pipelines_running,
                daily_limit, monthly_limit, concurrent_limit, seat_limit, providers_limit, max_concurrent_reached,
                last_updated, created_at)
            SELECT @usage_id, @org, @today, 0, 0, 0,
                COALESCE((SELECT SUM(pipelines_run_today) FROM ${central}.org_usage_quotas
                          WHERE org_slug = @org AND usage_date >= @month_start AND usage_date < @today), 0),
                0, @daily, @monthly, @concurrent, @seats, @providers, 0, @now, @now
            WHERE NOT EXISTS (SELECT 1 FROM ${central}.org_usage_quotas WHERE usage_id = @usage_id)""")
            .with("central", CENTRAL);
    private static final SqlText RESERVE = SqlText.of("""
            UPDATE ${central}.org_usage_quotas
            SET concurrent_pipelines_running = concurrent_pipelines_running + 1,
                max_concurrent_reached = GREATEST(COALESCE(max_concurrent_reached, 0), concurrent_pipelines_running + 1),
                daily_limit = @daily, monthly_limit = @monthly, concurrent_limit = @concurrent,
                last_pipeline_started_at = @now, last_updated = @now
            WHERE usage_id = @usage_id
              AND pipelines_run_today + concurrent_pipelines_running < @daily
              AND pipelines_run_month + concurrent_pipelines_running < @monthly
              AND concurrent_pipelines_running < @concurrent""").with("central", CENTRAL);
    private static final SqlText COMPLETE = SqlText.of("""
            UPDATE ${central}.org_usage_quotas
            SET concurrent_pipelines_running = GREATEST(concurrent_pipelines_running - 1, 0),
                pipelines_run_today = pipelines_run_today + @succeeded,
                pipelines_succeeded_today = pipelines_succeeded_today + @succeeded,
                pipelines_run_month = pipelines_run_month + @succeeded,
                pipelines_failed_today = pipelines_failed_today + @failed,
                last_pipeline_completed_at = @now, last_updated = @now
            WHERE usage_id = @usage_id""").with("central", CENTRAL);
    private static final SqlText LIMITS = SqlText.of("""
            UPDATE ${central}.org_usage_quotas
            SET daily_limit = @daily, monthly_limit = @monthly, concurrent_limit = @concurrent, seat_limit = @seats,
                providers_limit = @providers, last_updated = @now, updated_at = @now
            WHERE usage_id = @usage_id""").with("central", CENTRAL);
    private static final SqlText RECENT_RUNS = SqlText.of("""
            SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_runs
            WHERE org_slug = @org AND status IN ('PENDING', 'RUNNING') AND start_time >= @since""")
            .with("central", CENTRAL);
    private static final SqlText FAIL_STALE_RUNS_OF_TODAY = SqlText.of("""
            UPDATE ${central}.org_meta_pipeline_runs
            SET status = 'FAILED', end_time = @now,
                error_message = 'Marked failed by self-healing: no progress for 30 minutes, its quota slot was released'
            WHERE org_slug = @org AND status IN ('PENDING', 'RUNNING') AND start_time < @since
              AND reservation_date = @today""").with("central", CENTRAL);
    private static final SqlText FAIL_STALE_RUNS = SqlText.of("""
            UPDATE ${central}.org_meta_pipeline_runs
            SET status = 'FAILED', end_time = @now,
                error_message = 'Marked failed by self-healing: no progress for 30 minutes, its quota slot was released'
            WHERE org_slug = @org AND status IN ('PENDING', 'RUNNING') AND start_time < @since""")
            .with("central", CENTRAL);
    private static final SqlText RELEASE = SqlText.of("""
            UPDATE ${central}.org_usage_quotas
            SET concurrent_pipelines_running = GREATEST(concurrent_pipelines_running - @released, 0), last_updated = @now
            WHERE usage_id = @usage_id""").with("central", CENTRAL);
    private static final SqlText MATCH_IDLE_COUNTER = SqlText.of("""
            UPDATE ${central}.org_usage_quotas SET concurrent_pipelines_running = @running, last_updated = @now
            WHERE usage_id = @usage_id AND concurrent_pipelines_running > @running
              AND (last_pipeline_started_at IS NULL OR last_pipeline_started_at < @since)""").with("central", CENTRAL);
    private static final SqlText RESET_MONTH = SqlText.of("""
            UPDATE ${central}.org_usage_quotas SET pipelines_run_month = 0, last_updated = @now
            WHERE usage_date = @today""").with("central", CENTRAL);
    private static final SqlText DELETE_OLD = SqlText.of(
            "DELETE FROM ${central}.org_usage_quotas WHERE usage_date < @before").with("central", CENTRAL);
    private static final SqlText READ = SqlText.of("SELECT * FROM ${central}.org_usage_quotas WHERE usage_id = @usage_id")
            .with("central", CENTRAL);
    private static final SqlText DELETE_ALL = SqlText.of("DELETE FROM ${central}.org_usage_quotas WHERE org_slug = @org")
            .with("central", CENTRAL);

    private final Warehouse warehouse;
    private final Clock clock;

    QuotaService(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Creates today's row (zero usage, this month's successful runs carried over) unless it exists. */
    public void ensureToday(OrgSlug org, QuotaLimits limits) {
        LocalDate today = today();
        Map<String, Object> params = limitParams(org, limits, today);
        params.put("month_start", today.withDayOfMonth(1));
        try {
            withRetry(() -> warehouse.execute(ENSURE_ROW, params));
        } catch (WarehouseException e) {
            // Two first runs of the day raced to create the row; the other one's insert is as good as ours.
            if (read(org, today).isEmpty()) {
                throw e;
            }
        }
    }

    /** Writes new limits into today's row at once, so an upgrade takes effect for the next run. */
    public void applyLimits(OrgSlug org, QuotaLimits limits) {
        ensureToday(org, limits);
        withRetry(() -> warehouse.execute(LIMITS, limitParams(org, limits, today())));
    }

    /** Reserves a slot for a run today, or refuses with 429 naming the limit that was reached. */
    public QuotaUsage reserve(OrgSlug org, QuotaLimits limits) {
        ensureToday(org, limits);
        try {
            heal(org);
        } catch (WarehouseException e) {
            // Healing is a repair on the side (api.md §4.3): its failure must not refuse the run.
            LOG.warn("Self-healing of {} failed before a reservation: {}", org, e.getMessage());
        }
        LocalDate today = today();
        Map<String, Object> params = limitParams(org, limits, today);
        long updated = withRetry(() -> warehouse.execute(RESERVE, params));
        QuotaUsage usage = read(org, today).orElseThrow();
        if (updated == 1) {
            return usage;
        }
        throw refusal(usage, limits);
    }

    /** Frees the slot a run reserved on {@code reservationDate}; a success also counts against the limits. */
    public void complete(OrgSlug org, boolean succeeded, LocalDate reservationDate) {
        Map<String, Object> params = new HashMap<>();
        params.put("usage_id", usageId(org, reservationDate));
        params.put("succeeded", succeeded ? 1L : 0L);
        params.put("failed", succeeded ? 0L : 1L);
        params.put("now", clock.instant());
        withRetry(() -> warehouse.execute(COMPLETE, params));
    }

    public Optional<QuotaUsage> read(OrgSlug org, LocalDate date) {
        return warehouse.query(READ, Map.of("usage_id", usageId(org, date))).stream().findFirst().map(QuotaService::map);
    }

    /**
     * Self-healing. A run that made no progress for 30 minutes is marked failed and the slot it reserved today is
     * released. A counter that still exceeds the runs in progress after 30 minutes without any new reservation
     * (a crash between reservation and run) is brought down to them.
     *
     * @return how many slots were released
     */
    public long heal(OrgSlug org) {
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("since", now.minus(STALE_AFTER));
        params.put("now", now);
        params.put("today", today());
        params.put("usage_id", usageId(org, today()));
        long before = read(org, today()).map(QuotaUsage::concurrentRunning).orElse(0L);
        // Release exactly the slots of the runs this call moved to FAILED: two concurrent heals that both counted
        // the same stale run first would release its slot twice and let runs past the concurrent limit.
        long stale = withRetry(() -> warehouse.execute(FAIL_STALE_RUNS_OF_TODAY, params));
        withRetry(() -> warehouse.execute(FAIL_STALE_RUNS, params));
        if (stale > 0) {
            params.put("released", stale);
            withRetry(() -> warehouse.execute(RELEASE, params));
        }
        params.put("running", warehouse.query(RECENT_RUNS, params).getFirst().longValue("n"));
        withRetry(() -> warehouse.execute(MATCH_IDLE_COUNTER, params));
        long after = read(org, today()).map(QuotaUsage::concurrentRunning).orElse(0L);
        return Math.max(before - after, 0);
    }

    /** Zeroes the month's count on the first UTC day of a month (or when forced); returns the rows reset. */
    public long resetMonth(boolean force) {
        LocalDate today = today();
        if (today.getDayOfMonth() != 1 && !force) {
            return 0;
        }
        return withRetry(() -> warehouse.execute(RESET_MONTH, Map.of("today", today, "now", clock.instant())));
    }

    /** Deletes quota rows older than {@code days} days; returns how many. */
    public long deleteOlderThan(int days) {
        return warehouse.execute(DELETE_OLD, Map.of("before", today().minusDays(days)));
    }

    /** Removes every quota row of an org (offboarding, or undoing a failed onboarding). */
    public void deleteAll(OrgSlug org) {
        warehouse.execute(DELETE_ALL, Map.of("org", org.value()));
    }

    private RetryLaterException refusal(QuotaUsage usage, QuotaLimits limits) {
        Instant now = clock.instant();
        if (usage.pipelinesRunToday() >= limits.dailyPipelines()) {
            Instant midnight = today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new RetryLaterException(ErrorCode.QUOTA_EXCEEDED,
                    "Daily pipeline quota exceeded (%d pipelines/day). Try again tomorrow."
                            .formatted(limits.dailyPipelines()), secondsUntil(now, midnight));
        }
        if (usage.pipelinesRunMonth() >= limits.monthlyPipelines()) {
            Instant nextMonth = today().withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new RetryLaterException(ErrorCode.QUOTA_EXCEEDED,
                    "Monthly pipeline quota exceeded (%d pipelines/month). Upgrade your plan."
                            .formatted(limits.monthlyPipelines()), secondsUntil(now, nextMonth));
        }
        if (usage.concurrentRunning() >= limits.concurrentPipelines()) {
            return new RetryLaterException(ErrorCode.QUOTA_EXCEEDED,
                    "Concurrent pipeline limit reached (%d pipelines). Wait for running pipelines to complete."
                            .formatted(limits.concurrentPipelines()), 300);
        }
        return new RetryLaterException(ErrorCode.QUOTA_EXCEEDED,
                "Pipelines in progress already use the rest of today's quota (%d pipelines/day). Wait for them to complete."
                        .formatted(limits.dailyPipelines()), 300);
    }

    private static long secondsUntil(Instant now, Instant then) {
        return Math.max(Duration.between(now, then).toSeconds(), 1);
    }

    private Map<String, Object> limitParams(OrgSlug org, QuotaLimits limits, LocalDate today) {
        Map<String, Object> params = new HashMap<>();
        params.put("usage_id", usageId(org, today));
        params.put("org", org.value());
        params.put("today", today);
        params.put("daily", (long) limits.dailyPipelines());
        params.put("monthly", (long) limits.monthlyPipelines());
        params.put("concurrent", (long) limits.concurrentPipelines());
        params.put("seats", (long) limits.seats());
        params.put("providers", (long) limits.providers());
        params.put("now", clock.instant());
        return params;
    }

    static String usageId(OrgSlug org, LocalDate date) {
        return org.value() + "_" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static <T> T withRetry(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (WriteConflictException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L + 5L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static QuotaUsage map(Row row) {
        return new QuotaUsage(row.date("usage_date"), row.longValue("pipelines_run_today"),
                row.longValue("pipelines_succeeded_today"), row.longValue("pipelines_failed_today"),
                row.longValue("pipelines_run_month"), row.longValue("concurrent_pipelines_running"),
                row.longValue("daily_limit"), orZero(row.longValue("monthly_limit")),
                orZero(row.longValue("concurrent_limit")));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
