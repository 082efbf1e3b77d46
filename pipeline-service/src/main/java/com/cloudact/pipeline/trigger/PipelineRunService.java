package com.cloudact.pipeline.trigger;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelineDefinition;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.apiclient.ApiServiceClient;
import com.cloudact.pipeline.engine.PipelineDefinitions;
import com.cloudact.pipeline.engine.PipelineEngine;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunPlan;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.runlog.FailureAlerts;
import com.cloudact.pipeline.runlog.RunLog;
import com.cloudact.pipeline.runlog.RunRecord;
import com.cloudact.platform.auth.OrgCaller;
import com.cloudact.platform.web.RequestId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts pipeline runs: one run per org and pipeline at a time; quota reserved through the API service before
 * the run and released after it, whatever happens (the reservation date is stored with the run so a restart can
 * release it too); the org's cost cache dropped when new rows landed; an {@code on_failure: alert} failure
 * recorded as the org's alert. Cancels a run on request.
 */
@Service
class PipelineRunService {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunService.class);

    private final PipelineDefinitions definitions;
    private final PipelineEngine engine;
    private final RunLog runLog;
    private final ApiServiceClient api;
    private final RunInputs inputs;
    private final DeploymentEnv env;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService runs;
    private final ActiveRuns activeRuns;
    private final FailureAlerts alerts;

    PipelineRunService(PipelineDefinitions definitions, PipelineEngine engine, RunLog runLog, ApiServiceClient api,
                       RunInputs inputs, DeploymentEnv env, Clock clock, PipelineProperties properties,
                       ActiveRuns activeRuns, FailureAlerts alerts) {
        this.activeRuns = activeRuns;
        this.alerts = alerts;
        this.definitions = definitions;
        this.engine = engine;
        this.runLog = runLog;
        this.api = api;
        this.inputs = inputs;
        this.env = env;
        this.clock = clock;
        this.runs = Executors.newFixedThreadPool(properties.maxConcurrentRuns(),
                Thread.ofPlatform().name("pipeline-run-", 0).daemon(true).factory());
    }

    TriggerResponse trigger(OrgCaller caller, String apiKey, PipelinePath path, TriggerRequest request,
                            MultipartFile upload, boolean wait) {
        OrgSlug org = caller.org();
        caller.requireScope("pipelines:execute");
        PipelineDefinition definition = definitions.get(path);
        Optional<RunDateRange> range = RunDateRange.of(request);
        String runId = UUID.randomUUID().toString();
        String trackingId = path.trackingId(org);
        Optional<RunInput> input = inputs.resolve(runId, upload, request.filePath());
        LocalDate runDate = range.map(RunDateRange::start).orElse(today());
        Optional<String> running = runLog.claim(new RunLog.NewRun(runId, org, trackingId, "api",
                request.triggerBy(), caller.apiKeyId(), runDate, null, parametersJson(request, input),
                definition.timeout()));
        if (running.isPresent()) {
            input.ifPresent(inputs::release);
            return new TriggerResponse(running.get(), trackingId, org.value(), RunStatus.RUNNING.name(),
                    "This pipeline is already running for the organization; not started again", RequestId.current());
        }
        ApiServiceClient.Validation validation;
        try {
            validation = api.validate(org, apiKey, path.registryId(), input.isPresent());
        } catch (CloudActException e) {
            runLog.finish(runId, org, RunStatus.FAILED, clock.instant(), e.getMessage(), null);
            input.ifPresent(inputs::release);
            throw e;
        }
        LocalDate reservationDate = validation.reservationDate() != null ? validation.reservationDate() : today();
        runLog.reserved(runId, org, reservationDate);
        DatasetName dataset;
        try {
            dataset = orgDataset(org, validation.orgDatasetId());
        } catch (CloudActException e) {
            runLog.finish(runId, org, RunStatus.FAILED, clock.instant(), e.getMessage(), null);
            api.complete(org, apiKey, false, reservationDate);
            input.ifPresent(inputs::release);
            throw e;
        }
        Map<String, Object> variables = variables(org, runId, path, request, range, input);
        validation.credentialId().ifPresent(id -> variables.putIfAbsent("credential_id", id));
        RunPlan plan = new RunPlan(runId, org, dataset, path, definition, variables);
        ActiveRuns.Control control = activeRuns.register(runId, org);
        Future<RunStatus> future = runs.submit(() -> execute(plan, control, apiKey, reservationDate, input));
        if (wait) {
            try {
                RunStatus status = future.get(definition.timeout().toSeconds() + 60, TimeUnit.SECONDS);
                String error = runLog.find(org, runId).map(r -> r.errorMessage()).orElse(null);
                return new TriggerResponse(runId, trackingId, org.value(), status.name(),
                        error == null ? "Pipeline run finished" : error, RequestId.current());
            } catch (TimeoutException e) {
                throw new CloudActException(ErrorCode.UPSTREAM_TIMEOUT, "The run " + runId + " is still going; poll it", e);
            } catch (ExecutionException e) {
                throw new CloudActException(ErrorCode.INTERNAL_ERROR, "The run " + runId + " could not be followed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudActException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting for the run", e);
            }
        }
        return new TriggerResponse(runId, trackingId, org.value(), RunStatus.PENDING.name(),
                "Pipeline run started", RequestId.current());
    }

    /** Asks a run of the caller's org to stop; it ends CANCELLED between or inside its steps. */
    TriggerResponse cancel(OrgCaller caller, String runId) {
        OrgSlug org = caller.org();
        caller.requireScope("pipelines:execute");
        return switch (runLog.requestCancel(runId, org)) {
            case NOT_FOUND -> throw new CloudActException(ErrorCode.NOT_FOUND, "No run " + runId + " for " + org);
            case ALREADY_FINISHED -> throw new CloudActException(ErrorCode.BAD_REQUEST, "The run " + runId
                    + " already ended " + runLog.status(runId, org).map(Enum::name).orElse("") + "; nothing to cancel");
            case REQUESTED -> {
                activeRuns.signal(runId);
                RunRecord record = runLog.find(org, runId).orElseThrow();
                yield new TriggerResponse(runId, record.pipelineId(), org.value(), record.status(),
                        "Cancellation requested; the run stops at its next check", RequestId.current());
            }
        };
    }

    private RunStatus execute(RunPlan plan, ActiveRuns.Control control, String apiKey, LocalDate reservationDate,
                              Optional<RunInput> input) {
        Instant started = clock.instant();
        RunStatus status = RunStatus.FAILED;
        String error = null;
        try {
            if (!runLog.markRunning(plan.runId(), plan.org())) {
                status = RunStatus.CANCELLED;
                error = "Cancelled before it started";
                runLog.finish(plan.runId(), plan.org(), status, started, error, null);
            } else {
                RunOutcome outcome = engine.execute(plan, runLog, control);
                status = outcome.status();
                error = outcome.error();
                runLog.finish(plan.runId(), plan.org(), status, started, error, metadata(outcome));
                if (outcome.alertRequested()) {
                    alert(plan, outcome);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Run {} of {} failed outside its steps", plan.runId(), plan.org(), e);
            status = RunStatus.FAILED;
            error = "Internal error: " + e.getMessage();
            runLog.finish(plan.runId(), plan.org(), RunStatus.FAILED, started, error, null);
        } finally {
            activeRuns.remove(plan.runId());
            api.complete(plan.org(), apiKey, status == RunStatus.COMPLETED, reservationDate);
            input.ifPresent(inputs::release);
        }
        if (status == RunStatus.COMPLETED) {
            api.invalidateCostCache(plan.org(), apiKey);
        }
        LOG.info("Run {} of {} for {} ended {}{}", plan.runId(), plan.path().fileIdentifier(), plan.org(), status,
                error == null ? "" : ": " + error);
        return status;
    }

    private void alert(RunPlan plan, RunOutcome outcome) {
        String step = outcome.alertStepId();
        String stepError = outcome.steps().stream().filter(s -> s.stepId().equals(step)).findFirst()
                .map(s -> s.error()).orElse(outcome.error());
        try {
            alerts.record(new FailureAlerts.FailedRun(plan.org(), plan.runId(), plan.path().trackingId(plan.org()), step,
                    outcome.status().name(), stepError));
        } catch (RuntimeException e) {
            LOG.error("Run {}: recording the failure alert of step {} failed", plan.runId(), step, e);
        }
    }

    private Map<String, Object> variables(OrgSlug org, String runId, PipelinePath path, TriggerRequest request,
                                          Optional<RunDateRange> range, Optional<RunInput> input) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("org_slug", org.value());
        variables.put("pipeline_id", path.fileIdentifier());
        variables.put("run_id", runId);
        variables.put("environment", env.suffix());
        if (request.credentialId() != null) {
            variables.put("credential_id", request.credentialId());
        }
        if (request.date() != null) {
            variables.put("date", LocalDate.parse(request.date()));
        }
        if (request.forceRefresh() != null) {
            variables.put("force_refresh", request.forceRefresh());
        }
        range.ifPresent(r -> {
            variables.put("start_date", r.start());
            variables.put("end_date", r.end());
        });
        input.ifPresent(in -> {
            variables.put("input_file", in.path());
            variables.put("input_file_name", in.displayName());
        });
        return variables;
    }

    private DatasetName orgDataset(OrgSlug org, String datasetId) {
        DatasetName expected = DatasetName.forOrg(org, env);
        if (datasetId != null && !datasetId.equals(expected.value())) {
            throw new CloudActException(ErrorCode.INTERNAL_ERROR, "The API service named dataset " + datasetId
                    + " for " + org + "; this service expects " + expected);
        }
        return expected;
    }

    private String parametersJson(TriggerRequest request, Optional<RunInput> input) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("date", request.date());
        parameters.put("start_date", request.startDate());
        parameters.put("end_date", request.endDate());
        parameters.put("credential_id", request.credentialId());
        parameters.put("file_path", request.filePath());
        input.ifPresent(in -> parameters.put("input_file", in.displayName()));
        return json.writeValueAsString(parameters);
    }

    private static Map<String, Object> metadata(RunOutcome outcome) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("steps", outcome.steps().stream().map(s -> Map.of("step_id", s.stepId(), "status",
                s.status().name(), "rows_processed", s.rowsProcessed(), "attempts", s.attempts())).toList());
        if (outcome.alertRequested()) {
            metadata.put("alert_step_id", outcome.alertStepId());
        }
        return metadata;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
