package com.cloudact.pipeline.runlog;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.pipeline.engine.RunListener;
import com.cloudact.pipeline.engine.RunPlan;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.engine.StepOutcome;
import com.cloudact.pipeline.engine.StepStatus;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The run log in the central dataset: one {@code org_meta_pipeline_runs} row per run and one
 * {@code org_meta_step_logs} row per step. It is also the duplicate-run guard: a run is only created when the
 * org has no PENDING or RUNNING run of the same pipeline.
 */
@Component
public class RunLog implements RunListener {

    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final SqlText CLAIM = SqlText.of("""
            INSERT INTO ${central}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status,
                trigger_type, trigger_by, org_api_key_id, start_time, run_date, reservation_date, parameters, created_at)
            SELECT @id, @org, @pipeline, 'PENDING', @trigger_type, @trigger_by, @key_id, @now, @run_date,
                @reservation_date, PARSE_JSON(@parameters), @now
            WHERE NOT EXISTS (SELECT 1 FROM ${central}.org_meta_pipeline_runs
                              WHERE org_slug = @org AND pipeline_id = @pipeline AND status IN ('PENDING', 'RUNNING'))""")
            .with("central", CENTRAL);
    private static final SqlText ACTIVE = SqlText.of("""
            SELECT pipeline_logging_id FROM ${central}.org_meta_pipeline_runs
            WHERE org_slug = @org AND pipeline_id = @pipeline AND status IN ('PENDING', 'RUNNING')
            ORDER BY start_time DESC LIMIT 1""").with("central", CENTRAL);
    private static final SqlText SET_STATUS = SqlText.of("""
            UPDATE ${central}.org_meta_pipeline_runs SET status = @status
            WHERE pipeline_logging_id = @id AND org_slug = @org""").with("central", CENTRAL);
    private static final SqlText FINISH = SqlText.of("""
            UPDATE ${central}.org_meta_pipeline_runs
            SET status = @status, end_time = @now, duration_ms = @duration, error_message = @error,
                run_metadata = PARSE_JSON(@metadata)
            WHERE pipeline_logging_id = @id AND org_slug = @org""").with("central", CENTRAL);
    private static final SqlText STEP_START = SqlText.of("""
            INSERT INTO ${central}.org_meta_step_logs (step_logging_id, org_slug, pipeline_logging_id, step_name,
                step_type, step_index, status, start_time, created_at)
            VALUES (@id, @org, @run, @name, @type, @index, @status, @now, @now)""").with("central", CENTRAL);
    private static final SqlText STEP_END = SqlText.of("""
            UPDATE ${central}.org_meta_step_logs
            SET status = @status, end_time = @end, duration_ms = @duration, rows_processed = @rows,
                error_message = @error
            WHERE step_logging_id = @id AND org_slug = @org""").with("central", CENTRAL);
    private static final SqlText LIST = SqlText.of("""
            SELECT * FROM ${central}.org_meta_pipeline_runs WHERE org_slug = @org
            ORDER BY start_time DESC LIMIT @limit OFFSET @offset""").with("central", CENTRAL);
    private static final SqlText COUNT = SqlText.of(
            "SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_runs WHERE org_slug = @org").with("central", CENTRAL);
    private static final SqlText FIND = SqlText.of("""
            SELECT * FROM ${central}.org_meta_pipeline_runs WHERE org_slug = @org AND pipeline_logging_id = @id""")
            .with("central", CENTRAL);
    private static final SqlText STEPS = SqlText.of("""
            SELECT * FROM ${central}.org_meta_step_logs WHERE org_slug = @org AND pipeline_logging_id = @id
            ORDER BY step_index""").with("central", CENTRAL);

    private final Warehouse warehouse;
    private final Clock clock;
    private final Map<String, ReentrantLock> claimLocks = new ConcurrentHashMap<>();

    RunLog(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /** A new run about to be queued. */
    public record NewRun(String id, OrgSlug org, String pipelineId, String triggerType, String triggerBy,
                         String apiKeyId, LocalDate runDate, LocalDate reservationDate, String parametersJson) {
    }

    /**
     * Records the run as PENDING unless the org already has one of the same pipeline in progress.
     *
     * @return empty when recorded; otherwise the id of the run already in progress
     */
    public Optional<String> claim(NewRun run) {
        // The NOT EXISTS guard is atomic per statement; the lock closes the gap between two statements of
        // this instance that would otherwise both see "none in progress".
        ReentrantLock lock = claimLocks.computeIfAbsent(run.org().value() + "/" + run.pipelineId(), k -> new ReentrantLock());
        lock.lock();
        try {
            Map<String, Object> params = new HashMap<>();
            params.put("id", run.id());
            params.put("org", run.org().value());
            params.put("pipeline", run.pipelineId());
            params.put("trigger_type", run.triggerType());
            params.put("trigger_by", run.triggerBy());
            params.put("key_id", run.apiKeyId());
            params.put("now", clock.instant());
            params.put("run_date", run.runDate());
            params.put("reservation_date", run.reservationDate());
            params.put("parameters", run.parametersJson());
            if (warehouse.execute(CLAIM, params) == 1) {
                return Optional.empty();
            }
            return warehouse.query(ACTIVE, Map.of("org", run.org().value(), "pipeline", run.pipelineId())).stream()
                    .findFirst().map(row -> row.string("pipeline_logging_id"));
        } finally {
            lock.unlock();
        }
    }

    public void markRunning(String runId, OrgSlug org) {
        warehouse.execute(SET_STATUS, Map.of("status", RunStatus.RUNNING.name(), "id", runId, "org", org.value()));
    }

    public void finish(String runId, OrgSlug org, RunStatus status, Instant started, String error, String metadataJson) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status.name());
        params.put("now", clock.instant());
        params.put("duration", java.time.Duration.between(started, clock.instant()).toMillis());
        params.put("error", error);
        params.put("metadata", metadataJson);
        params.put("id", runId);
        params.put("org", org.value());
        warehouse.execute(FINISH, params);
    }

    @Override
    public void stepStarted(RunPlan plan, String stepId, String psType, int index) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", stepLogId(plan.runId(), index));
        params.put("org", plan.org().value());
        params.put("run", plan.runId());
        params.put("name", stepId);
        params.put("type", psType);
        params.put("index", (long) index);
        params.put("status", StepStatus.RUNNING.name());
        params.put("now", clock.instant());
        warehouse.execute(STEP_START, params);
    }

    @Override
    public void stepFinished(RunPlan plan, StepOutcome outcome) {
        if (outcome.status() == StepStatus.SKIPPED) {
            stepStarted(plan, outcome.stepId(), outcome.psType(), outcome.index());
        }
        Map<String, Object> params = new HashMap<>();
        params.put("status", outcome.status().name());
        params.put("end", outcome.startedAt().plus(outcome.duration()));
        params.put("duration", outcome.duration().toMillis());
        params.put("rows", outcome.rowsProcessed());
        params.put("error", outcome.error());
        params.put("id", stepLogId(plan.runId(), outcome.index()));
        params.put("org", plan.org().value());
        warehouse.execute(STEP_END, params);
    }

    public List<RunRecord> list(OrgSlug org, int limit, int offset) {
        return warehouse.query(LIST, Map.of("org", org.value(), "limit", (long) limit, "offset", (long) offset))
                .stream().map(row -> map(row, List.of())).toList();
    }

    public long count(OrgSlug org) {
        return warehouse.query(COUNT, Map.of("org", org.value())).getFirst().longValue("n");
    }

    public Optional<RunRecord> find(OrgSlug org, String runId) {
        Map<String, Object> params = Map.of("org", org.value(), "id", runId);
        return warehouse.query(FIND, params).stream().findFirst().map(row -> map(row,
                warehouse.query(STEPS, params).stream().map(RunLog::mapStep).toList()));
    }

    private static String stepLogId(String runId, int index) {
        return runId + "-" + index;
    }

    private static RunRecord map(Row row, List<RunRecord.StepRecord> steps) {
        return new RunRecord(row.string("pipeline_logging_id"), row.string("org_slug"), row.string("pipeline_id"),
                row.string("status"), row.string("trigger_type"), row.string("trigger_by"), row.instant("start_time"),
                row.instant("end_time"), row.longValue("duration_ms"), row.date("run_date"),
                row.date("reservation_date"), row.string("parameters"), row.string("run_metadata"),
                row.string("error_message"), steps);
    }

    private static RunRecord.StepRecord mapStep(Row row) {
        return new RunRecord.StepRecord(row.string("step_logging_id"), row.string("step_name"),
                row.string("step_type"), row.longValue("step_index"), row.string("status"), row.instant("start_time"),
                row.instant("end_time"), row.longValue("duration_ms"), row.longValue("rows_processed"),
                row.string("error_message"));
    }
}
