package com.cloudact.pipeline.runlog;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run log in the central dataset: one {@code org_meta_pipeline_runs} row per run, one
 * {@code org_meta_step_logs} row per step, and one {@code org_meta_state_transitions} row for every change of a
 * run's or a step's status. It is also the duplicate-run guard: a run is only created when the org has no
 * PENDING or RUNNING run of the same pipeline. Status changes are conditional on the status they leave, so a run
 * that already ended is never reopened by a late writer.
 */
@Component
public class RunLog implements RunListener {

    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final SqlText CLAIM = central("""
            INSERT INTO ${central}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status,
                trigger_type, trigger_by, org_api_key_id, start_time, run_date, reservation_date, parameters,
                run_metadata, created_at)
            SELECT @id, @org, @pipeline, 'PENDING', @trigger_type, @trigger_by, @key_id, @now, @run_date,
                @reservation_date, PARSE_JSON(@parameters), PARSE_JSON(@metadata), @now
            WHERE NOT EXISTS (SELECT 1 FROM ${central}.org_meta_pipeline_runs
                              WHERE org_slug = @org AND pipeline_id = @pipeline AND status IN ('PENDING', 'RUNNING'))""");
    private static final SqlText ACTIVE = central("""
            SELECT pipeline_logging_id FROM ${central}.org_meta_pipeline_runs
            WHERE org_slug = @org AND pipeline_id = @pipeline AND status IN ('PENDING', 'RUNNING')
            ORDER BY start_time DESC LIMIT 1""");
    private static final SqlText MOVE = central("""
            UPDATE ${central}.org_meta_pipeline_runs SET status = @to
            WHERE pipeline_logging_id = @id AND org_slug = @org AND status IN UNNEST(@from)""");
    private static final SqlText RESERVED = central("""
            UPDATE ${central}.org_meta_pipeline_runs SET reservation_date = @date
            WHERE pipeline_logging_id = @id AND org_slug = @org""");
    private static final SqlText FINISH = central("""
            UPDATE ${central}.org_meta_pipeline_runs
            SET status = @status, end_time = @now, duration_ms = @duration, error_message = @error,
                run_metadata = PARSE_JSON(@metadata)
            WHERE pipeline_logging_id = @id AND org_slug = @org AND status IN ('PENDING', 'RUNNING', 'CANCELLING')""");
    private static final SqlText STATUS = central("""
            SELECT status, start_time, created_at FROM ${central}.org_meta_pipeline_runs
            WHERE pipeline_logging_id = @id AND org_slug = @org""");
    private static final SqlText STEP_START = central("""
            INSERT INTO ${central}.org_meta_step_logs (step_logging_id, org_slug, pipeline_logging_id, step_name,
                step_type, step_index, status, start_time, created_at)
            VALUES (@id, @org, @run, @name, @type, @index, @status, @now, @now)""");
    private static final SqlText STEP_END = central("""
            UPDATE ${central}.org_meta_step_logs
            SET status = @status, end_time = @end, duration_ms = @duration, rows_processed = @rows,
                error_message = @error, metadata = PARSE_JSON(@metadata)
            WHERE step_logging_id = @id AND org_slug = @org""");
    private static final SqlText TRANSITION = central("""
            INSERT INTO ${central}.org_meta_state_transitions (transition_id, org_slug, pipeline_logging_id,
                step_logging_id, entity_type, entity_name, from_state, to_state, transition_time, reason, error_type,
                error_message, retry_count, duration_in_state_ms, trigger_type, metadata, transition_date, created_at)
            VALUES (@id, @org, @run, @step, @entity_type, @entity_name, @from, @to, @now, @reason, @error_type,
                @error, @retry_count, @duration, @trigger_type, PARSE_JSON(@metadata), @today, @now)""");
    private static final SqlText LIST = central("""
            SELECT * FROM ${central}.org_meta_pipeline_runs
            WHERE org_slug = @org AND (CAST(@status AS STRING) IS NULL OR status = @status)
              AND (CAST(@pipeline AS STRING) IS NULL OR pipeline_id = @pipeline)
              AND (CAST(@from_time AS TIMESTAMP) IS NULL OR start_time >= @from_time)
              AND (CAST(@to_time AS TIMESTAMP) IS NULL OR start_time < @to_time)
            ORDER BY start_time DESC, pipeline_logging_id LIMIT @limit OFFSET @offset""");
    private static final SqlText COUNT = central("""
            SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_runs
            WHERE org_slug = @org AND (CAST(@status AS STRING) IS NULL OR status = @status)
              AND (CAST(@pipeline AS STRING) IS NULL OR pipeline_id = @pipeline)
              AND (CAST(@from_time AS TIMESTAMP) IS NULL OR start_time >= @from_time)
              AND (CAST(@to_time AS TIMESTAMP) IS NULL OR start_time < @to_time)""");
    private static final SqlText FIND = central("""
            SELECT * FROM ${central}.org_meta_pipeline_runs WHERE org_slug = @org AND pipeline_logging_id = @id""");
    private static final SqlText STEPS = central("""
            SELECT * FROM ${central}.org_meta_step_logs WHERE org_slug = @org AND pipeline_logging_id = @id
            ORDER BY step_index""");
    private static final SqlText UNFINISHED = central("""
            SELECT pipeline_logging_id, org_slug, pipeline_id, status, start_time, reservation_date, org_api_key_id,
                CAST(run_metadata AS STRING) AS run_metadata
            FROM ${central}.org_meta_pipeline_runs WHERE status IN ('PENDING', 'RUNNING', 'CANCELLING')""");

    private final Warehouse warehouse;
    private final Clock clock;
    private final String instanceName;
    private final String processId = UUID.randomUUID().toString();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ReentrantLock> claimLocks = new ConcurrentHashMap<>();

    RunLog(Warehouse warehouse, Clock clock, RunLogProperties properties) {
        this.warehouse = warehouse;
        this.clock = clock;
        this.instanceName = properties.instanceName();
    }

    /** A new run about to be queued. */
    public record NewRun(String id, OrgSlug org, String pipelineId, String triggerType, String triggerBy,
                         String apiKeyId, LocalDate runDate, LocalDate reservationDate, String parametersJson,
                         Duration timeout) {
    }

    /** A run no process is executing any more, as the recovery needs it. */
    public record Unfinished(String runId, OrgSlug org, String pipelineId, RunStatus status, Instant startTime,
                             LocalDate reservationDate, String apiKeyId, String instanceName, String processId,
                             Duration timeout) {
    }

    /** What a cancellation request found. */
    public enum CancelResult { REQUESTED, ALREADY_FINISHED, NOT_FOUND }

    /** This process's identity, stored with each run it starts. */
    public String instanceName() {
        return instanceName;
    }

    public String processId() {
        return processId;
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
            Instant now = clock.instant();
            Map<String, Object> params = new HashMap<>();
            params.put("id", run.id());
            params.put("org", run.org().value());
            params.put("pipeline", run.pipelineId());
            params.put("trigger_type", run.triggerType());
            params.put("trigger_by", run.triggerBy());
            params.put("key_id", run.apiKeyId());
            params.put("now", now);
            params.put("run_date", run.runDate());
            params.put("reservation_date", run.reservationDate());
            params.put("parameters", run.parametersJson());
            params.put("metadata", json.writeValueAsString(identity(run.timeout())));
            // A run in progress can end between the guarded insert and the look-up of who is in progress (a run of
            // another instance, or one finishing right now): then nobody is in progress and the claim is tried again.
            for (int attempt = 1; attempt <= 5; attempt++) {
                if (warehouse.execute(CLAIM, params) == 1) {
                    transition(run.id(), run.org(), null, "PIPELINE", run.pipelineId(), "NONE",
                            RunStatus.PENDING.name(), "Run accepted", null, null, null, run.triggerType(), null);
                    return Optional.empty();
                }
                Optional<String> active = warehouse.query(ACTIVE, Map.of("org", run.org().value(), "pipeline",
                        run.pipelineId())).stream().findFirst().map(row -> row.string("pipeline_logging_id"));
                if (active.isPresent()) {
                    return active;
                }
            }
            throw new CloudActException(ErrorCode.WRITE_CONFLICT, "Runs of " + run.pipelineId()
                    + " keep starting and ending; try again");
        } finally {
            lock.unlock();
        }
    }

    /** Stores the UTC day whose quota slot the validator reserved for the run (needed to release it). */
    public void reserved(String runId, OrgSlug org, LocalDate reservationDate) {
        warehouse.execute(RESERVED, Map.of("date", reservationDate, "id", runId, "org", org.value()));
    }

    /** PENDING → RUNNING; false when the run is no longer pending (e.g. cancelled while it waited). */
    public boolean markRunning(String runId, OrgSlug org) {
        Optional<Row> before = statusRow(runId, org);
        boolean moved = warehouse.execute(MOVE, Map.of("to", RunStatus.RUNNING.name(), "id", runId, "org", org.value(),
                "from", List.of(RunStatus.PENDING.name()))) == 1;
        if (moved) {
            transition(runId, org, null, "PIPELINE", null, RunStatus.PENDING.name(), RunStatus.RUNNING.name(),
                    "Execution started", null, null, null, null,
                    before.map(r -> Duration.between(r.instant("created_at"), clock.instant())).orElse(null));
        }
        return moved;
    }

    /** Asks a PENDING or RUNNING run of the org to stop (status CANCELLING). */
    public CancelResult requestCancel(String runId, OrgSlug org) {
        Optional<Row> before = statusRow(runId, org);
        if (before.isEmpty()) {
            return CancelResult.NOT_FOUND;
        }
        String from = before.get().string("status");
        if (RunStatus.CANCELLING.name().equals(from)) {
            return CancelResult.REQUESTED;
        }
        boolean moved = warehouse.execute(MOVE, Map.of("to", RunStatus.CANCELLING.name(), "id", runId, "org",
                org.value(), "from", List.of(RunStatus.PENDING.name(), RunStatus.RUNNING.name()))) == 1;
        if (!moved) {
            return CancelResult.ALREADY_FINISHED;
        }
        transition(runId, org, null, "PIPELINE", null, from, RunStatus.CANCELLING.name(), "Cancellation requested",
                null, null, null, null, null);
        return CancelResult.REQUESTED;
    }

    public Optional<RunStatus> status(String runId, OrgSlug org) {
        return statusRow(runId, org).map(r -> RunStatus.valueOf(r.string("status")));
    }

    /** Ends the run (if it has not ended yet) and records the transition; false when it had already ended. */
    public boolean finish(String runId, OrgSlug org, RunStatus status, Instant started, String error,
                          Map<String, Object> metadata) {
        Optional<Row> before = statusRow(runId, org);
        Map<String, Object> fullMetadata = new LinkedHashMap<>(identity(null));
        if (metadata != null) {
            fullMetadata.putAll(metadata);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("status", status.name());
        params.put("now", clock.instant());
        params.put("duration", Duration.between(started, clock.instant()).toMillis());
        params.put("error", error);
        params.put("metadata", json.writeValueAsString(fullMetadata));
        params.put("id", runId);
        params.put("org", org.value());
        boolean ended = warehouse.execute(FINISH, params) == 1;
        if (ended) {
            String from = before.map(r -> r.string("status")).orElse(RunStatus.RUNNING.name());
            transition(runId, org, null, "PIPELINE", null, from, status.name(), reason(status), errorType(status),
                    error, null, null, Duration.between(started, clock.instant()));
        }
        return ended;
    }

    @Override
    public void stepStarted(RunPlan plan, String stepId, String psType, int index) {
        insertStep(plan, stepId, psType, index);
        transition(plan.runId(), plan.org(), stepLogId(plan.runId(), index), "STEP", stepId, "PENDING",
                StepStatus.RUNNING.name(), "Step started", null, null, null, null, null);
    }

    @Override
    public void stepRetrying(RunPlan plan, String stepId, int index, int attempt, String error, Duration delay) {
        transition(plan.runId(), plan.org(), stepLogId(plan.runId(), index), "STEP", stepId,
                StepStatus.RUNNING.name(), StepStatus.RUNNING.name(),
                "Attempt " + attempt + " failed; retrying in " + delay.toMillis() + " ms", "ATTEMPT_FAILED", error,
                (long) attempt, null, null);
    }

    @Override
    public void stepFinished(RunPlan plan, StepOutcome outcome) {
        String from = StepStatus.RUNNING.name();
        if (outcome.status() == StepStatus.SKIPPED) {
            insertStep(plan, outcome.stepId(), outcome.psType(), outcome.index());
            from = "PENDING";
        }
        Map<String, Object> params = new HashMap<>();
        params.put("status", outcome.status().name());
        params.put("end", outcome.startedAt().plus(outcome.duration()));
        params.put("duration", outcome.duration().toMillis());
        params.put("rows", outcome.rowsProcessed());
        params.put("error", outcome.error());
        params.put("metadata", json.writeValueAsString(Map.of("attempts", outcome.attempts())));
        params.put("id", stepLogId(plan.runId(), outcome.index()));
        params.put("org", plan.org().value());
        warehouse.execute(STEP_END, params);
        transition(plan.runId(), plan.org(), stepLogId(plan.runId(), outcome.index()), "STEP", outcome.stepId(), from,
                outcome.status().name(), outcome.status() == StepStatus.SKIPPED
                        ? "A step it depends on failed, it is disabled, or the run stopped" : "Step ended",
                outcome.status() == StepStatus.FAILED ? "STEP_FAILED" : null, outcome.error(),
                (long) Math.max(outcome.attempts() - 1, 0), null, outcome.duration());
    }

    public List<RunRecord> list(OrgSlug org, RunFilter filter, int limit, int offset) {
        Map<String, Object> params = filterParams(org, filter);
        params.put("limit", (long) limit);
        params.put("offset", (long) offset);
        return warehouse.query(LIST, params).stream().map(row -> map(row, null)).toList();
    }

    public long count(OrgSlug org, RunFilter filter) {
        return warehouse.query(COUNT, filterParams(org, filter)).getFirst().longValue("n");
    }

    public Optional<RunRecord> find(OrgSlug org, String runId) {
        Map<String, Object> params = Map.of("org", org.value(), "id", runId);
        return warehouse.query(FIND, params).stream().findFirst().map(row -> map(row,
                warehouse.query(STEPS, params).stream().map(RunLog::mapStep).toList()));
    }

    /** Runs left PENDING, RUNNING or CANCELLING, with the identity of the process that started them. */
    public List<Unfinished> unfinished() {
        if (!warehouse.datasetExists(DatasetName.CENTRAL)) {
            // A first start, before bootstrap: no run can have been left unfinished.
            return List.of();
        }
        return warehouse.query(UNFINISHED, Map.of()).stream().map(row -> {
            Map<String, Object> metadata = row.string("run_metadata") == null ? Map.of()
                    : json.readValue(row.string("run_metadata"), MAP);
            Object timeout = metadata.get("timeout_seconds");
            return new Unfinished(row.string("pipeline_logging_id"), OrgSlug.of(row.string("org_slug")),
                    row.string("pipeline_id"), RunStatus.valueOf(row.string("status")), row.instant("start_time"),
                    row.date("reservation_date"), row.string("org_api_key_id"),
                    (String) metadata.get("service_instance"), (String) metadata.get("service_process"),
                    timeout instanceof Number n ? Duration.ofSeconds(n.longValue()) : null);
        }).toList();
    }

    private Map<String, Object> identity(Duration timeout) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("service_instance", instanceName);
        identity.put("service_process", processId);
        if (timeout != null) {
            identity.put("timeout_seconds", timeout.toSeconds());
        }
        return identity;
    }

    private Optional<Row> statusRow(String runId, OrgSlug org) {
        return warehouse.query(STATUS, Map.of("id", runId, "org", org.value())).stream().findFirst();
    }

    private void insertStep(RunPlan plan, String stepId, String psType, int index) {
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

    private void transition(String runId, OrgSlug org, String stepLogId, String entityType, String entityName,
                            String from, String to, String reason, String errorType, String error, Long retryCount,
                            String triggerType, Duration inState) {
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("org", org.value());
        params.put("run", runId);
        params.put("step", stepLogId);
        params.put("entity_type", entityType);
        params.put("entity_name", entityName);
        params.put("from", from);
        params.put("to", to);
        params.put("now", now);
        params.put("reason", reason);
        params.put("error_type", errorType);
        params.put("error", error);
        params.put("retry_count", retryCount);
        params.put("duration", inState == null ? null : inState.toMillis());
        params.put("trigger_type", triggerType);
        params.put("metadata", json.writeValueAsString(Map.of("service_instance", instanceName)));
        params.put("today", LocalDate.ofInstant(now, ZoneOffset.UTC));
        warehouse.execute(TRANSITION, params);
    }

    private static String reason(RunStatus status) {
        return switch (status) {
            case COMPLETED -> "All steps ended";
            case FAILED -> "A step failed";
            case TIMEOUT -> "The pipeline ran out of time";
            case CANCELLED -> "Cancelled by request";
            default -> status.name();
        };
    }

    private static String errorType(RunStatus status) {
        return switch (status) {
            case FAILED -> "PIPELINE_FAILED";
            case TIMEOUT -> "PIPELINE_TIMEOUT";
            default -> null;
        };
    }

    private static Map<String, Object> filterParams(OrgSlug org, RunFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("status", filter.status());
        params.put("pipeline", filter.pipelineId());
        params.put("from_time", filter.startDate() == null ? null : filter.startDate().atStartOfDay(ZoneOffset.UTC).toInstant());
        params.put("to_time", filter.endDate() == null ? null
                : filter.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return params;
    }

    private static String stepLogId(String runId, int index) {
        return runId + "-" + index;
    }

    private static SqlText central(String sql) {
        return SqlText.of(sql).with("central", CENTRAL);
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
