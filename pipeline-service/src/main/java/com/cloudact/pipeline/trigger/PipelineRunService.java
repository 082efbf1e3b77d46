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
import com.cloudact.pipeline.runlog.RunLog;
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
 * the run and released after it, whatever happens; the org's cost cache dropped when new rows landed.
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

    PipelineRunService(PipelineDefinitions definitions, PipelineEngine engine, RunLog runLog, ApiServiceClient api,
                       RunInputs inputs, DeploymentEnv env, Clock clock, PipelineProperties properties) {
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
        String runId = UUID.randomUUID().toString();
        String trackingId = path.trackingId(org);
        Optional<RunInput> input = inputs.resolve(runId, upload, request.filePath());
        LocalDate runDate = firstDate(request).orElse(today());
        Optional<String> running = runLog.claim(new RunLog.NewRun(runId, org, trackingId, "api",
                request.triggerBy(), caller.apiKeyId(), runDate, today(), parametersJson(request, input)));
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
        DatasetName dataset = orgDataset(org, validation.orgDatasetId());
        Map<String, Object> variables = variables(org, runId, path, request, input);
        validation.credentialId().ifPresent(id -> variables.putIfAbsent("credential_id", id));
        RunPlan plan = new RunPlan(runId, org, dataset, path, definition, variables);
        Future<RunStatus> future = runs.submit(() -> execute(plan, apiKey, validation.reservationDate(), input));
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

    private RunStatus execute(RunPlan plan, String apiKey, LocalDate reservationDate, Optional<RunInput> input) {
        Instant started = clock.instant();
        RunStatus status = RunStatus.FAILED;
        String error = null;
        try {
            runLog.markRunning(plan.runId(), plan.org());
            RunOutcome outcome = engine.execute(plan, runLog);
            status = outcome.status();
            error = outcome.error();
            runLog.finish(plan.runId(), plan.org(), status, started, error, metadata(outcome));
        } catch (RuntimeException e) {
            LOG.error("Run {} of {} failed outside its steps", plan.runId(), plan.org(), e);
            error = "Internal error: " + e.getMessage();
            runLog.finish(plan.runId(), plan.org(), RunStatus.FAILED, started, error, null);
        } finally {
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

    private Map<String, Object> variables(OrgSlug org, String runId, PipelinePath path, TriggerRequest request,
                                          Optional<RunInput> input) {
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
        firstDate(request).ifPresent(d -> variables.put("start_date", d));
        Optional.ofNullable(request.endDate()).or(() -> Optional.ofNullable(request.date()))
                .ifPresent(d -> variables.put("end_date", LocalDate.parse(d)));
        input.ifPresent(in -> {
            variables.put("input_file", in.path());
            variables.put("input_file_name", in.displayName());
        });
        return variables;
    }

    private static Optional<LocalDate> firstDate(TriggerRequest request) {
        return Optional.ofNullable(request.startDate()).or(() -> Optional.ofNullable(request.date())).map(LocalDate::parse);
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

    private String metadata(RunOutcome outcome) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("steps", outcome.steps().stream().map(s -> Map.of("step_id", s.stepId(), "status",
                s.status().name(), "rows_processed", s.rowsProcessed(), "attempts", s.attempts())).toList());
        return json.writeValueAsString(metadata);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
