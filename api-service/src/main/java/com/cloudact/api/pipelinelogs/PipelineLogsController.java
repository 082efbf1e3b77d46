package com.cloudact.api.pipelinelogs;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.OrgCaller;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An org's pipeline runs, their steps and state transitions, batch runs, downloads and retries (org key). */
@RestController
@RequestMapping("/api/v1/pipelines/{org_slug}")
class PipelineLogsController {

    private final PipelineLogQueries queries;
    private final RunRetries retries;

    PipelineLogsController(PipelineLogQueries queries, RunRetries retries) {
        this.queries = queries;
        this.retries = retries;
    }

    @GetMapping("/runs")
    Map<String, Object> runs(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                             @RequestParam(name = "status_filter", required = false) String status,
                             @RequestParam(name = "pipeline_id", required = false) String pipelineId,
                             @RequestParam(name = "trigger_type", required = false) String triggerType,
                             @RequestParam(name = "trigger_by", required = false) String triggerBy,
                             @RequestParam(name = "start_date", required = false) String startDate,
                             @RequestParam(name = "end_date", required = false) String endDate,
                             @RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset) {
        caller.requireScope("pipelines:read");
        return queries.runs(org, new PipelineLogQueries.RunFilter(status, pipelineId, triggerType, triggerBy, startDate,
                endDate), limit, offset);
    }

    @GetMapping("/runs/{pipeline_logging_id}")
    Map<String, Object> run(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                            @PathVariable("pipeline_logging_id") String runId) {
        caller.requireScope("pipelines:read");
        return queries.run(org, runId);
    }

    @GetMapping("/runs/{pipeline_logging_id}/steps")
    Map<String, Object> steps(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                              @PathVariable("pipeline_logging_id") String runId,
                              @RequestParam(name = "status_filter", required = false) String status,
                              @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        caller.requireScope("pipelines:read");
        return queries.steps(org, runId, status, limit, offset);
    }

    @GetMapping("/runs/{pipeline_logging_id}/transitions")
    Map<String, Object> transitions(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                    @PathVariable("pipeline_logging_id") String runId,
                                    @RequestParam(name = "entity_type", required = false) String entityType,
                                    @RequestParam(defaultValue = "100") int limit,
                                    @RequestParam(defaultValue = "0") int offset) {
        caller.requireScope("pipelines:read");
        return queries.transitions(org, runId, entityType, limit, offset);
    }

    @GetMapping("/runs/{pipeline_logging_id}/download")
    ResponseEntity<byte[]> download(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                    @PathVariable("pipeline_logging_id") String runId,
                                    @RequestParam(defaultValue = "json") String format) {
        caller.requireScope("pipelines:read");
        Map<String, Object> run = queries.run(org, runId);
        RunExport export = switch (format) {
            case "json" -> RunExport.json(run);
            case "csv" -> RunExport.csv(run);
            default -> throw new CloudActException(ErrorCode.INVALID_PARAMETER, "format must be json or csv");
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"pipeline_run_" + runId.replaceAll(
                        "[^A-Za-z0-9_-]", "") + "." + format + "\"")
                .contentType(MediaType.parseMediaType(export.contentType()))
                .body(export.body().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/runs/{pipeline_logging_id}/retry")
    @Audited(action = AuditLog.Action.EXECUTE, resource = AuditLog.Resource.PIPELINE)
    Map<String, Object> retry(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                              @RequestHeader(AuthHeaders.API_KEY) String apiKey,
                              @PathVariable("pipeline_logging_id") String runId) {
        caller.requireScope("pipelines:execute");
        return retries.retry(org, apiKey, runId);
    }

    @GetMapping("/batch-runs")
    Map<String, Object> batchRuns(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                  @RequestParam(defaultValue = "20") int limit,
                                  @RequestParam(defaultValue = "0") int offset) {
        caller.requireScope("pipelines:read");
        return queries.batches(org, limit, offset);
    }
}
