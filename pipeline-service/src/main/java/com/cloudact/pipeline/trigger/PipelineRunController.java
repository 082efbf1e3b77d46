package com.cloudact.pipeline.trigger;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.runlog.RunFilter;
import com.cloudact.pipeline.runlog.RunLog;
import com.cloudact.pipeline.runlog.RunRecord;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.OrgCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Starts runs ({@code /run/{org}/{category}/{provider}/{domain}/{pipeline}}, or without {@code provider}) and
 * reads them back: recent runs of the caller's org, an org's runs with filters and paging, one run with its
 * steps, and cancellation. Parameters come as JSON, as multipart form fields next to an uploaded {@code file}, or
 * in the query string, which wins. {@code wait=true} answers when the run has ended.
 */
@RestController
@RequestMapping("/api/v1/pipelines")
class PipelineRunController {

    private final PipelineRunService service;
    private final RunLog runLog;

    PipelineRunController(PipelineRunService service, RunLog runLog) {
        this.service = service;
        this.runLog = runLog;
    }

    @PostMapping("/run/{org_slug}/{category}/{provider}/{domain}/{pipeline}")
    TriggerResponse runCloud(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                             @RequestHeader(AuthHeaders.API_KEY) String apiKey, @PathVariable String category,
                             @PathVariable String provider, @PathVariable String domain, @PathVariable String pipeline,
                             @Valid @RequestBody(required = false) TriggerRequest body, @Valid QueryParameters query) {
        return service.trigger(caller, apiKey, PipelinePath.of(category, provider, domain, pipeline),
                query.applyTo(body), null, query.waitForEnd());
    }

    @PostMapping(path = "/run/{org_slug}/{category}/{provider}/{domain}/{pipeline}",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    TriggerResponse runCloudUpload(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                   @RequestHeader(AuthHeaders.API_KEY) String apiKey, @PathVariable String category,
                                   @PathVariable String provider, @PathVariable String domain,
                                   @PathVariable String pipeline, @RequestPart(name = "file", required = false)
                                   MultipartFile file, @Valid @ModelAttribute TriggerRequest form, @Valid QueryParameters query) {
        return service.trigger(caller, apiKey, PipelinePath.of(category, provider, domain, pipeline),
                query.applyTo(form), file, query.waitForEnd());
    }

    @PostMapping("/run/{org_slug}/{category}/{domain}/{pipeline}")
    TriggerResponse run(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                        @RequestHeader(AuthHeaders.API_KEY) String apiKey, @PathVariable String category,
                        @PathVariable String domain, @PathVariable String pipeline,
                        @Valid @RequestBody(required = false) TriggerRequest body, @Valid QueryParameters query) {
        return service.trigger(caller, apiKey, PipelinePath.of(category, domain, pipeline), query.applyTo(body), null,
                query.waitForEnd());
    }

    /** Any other number of path segments is not a pipeline (the spec's 400). */
    @PostMapping("/run/{org_slug}/**")
    TriggerResponse badPath(@PathVariable("org_slug") OrgSlug org, OrgCaller caller) {
        throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                "A pipeline path is category/provider/domain/pipeline or category/domain/pipeline");
    }

    /** Recent runs of the caller's org (the reference's list; at most 100). */
    @GetMapping("/runs")
    List<RunRecord> recentRuns(OrgCaller caller, @RequestParam(name = "pipeline_id", required = false) String pipelineId,
                               @RequestParam(required = false) String status,
                               @RequestParam(defaultValue = "20") int limit) {
        checkPage(limit, 0);
        return runLog.list(caller.org(), new RunFilter(status(status), pipelineId, null, null), limit, 0);
    }

    @GetMapping("/runs/{pipeline_logging_id}")
    RunRecord recentRun(OrgCaller caller, @PathVariable("pipeline_logging_id") String runId) {
        return found(caller.org(), runId);
    }

    /** Requests cancellation (→ CANCELLING); only runs of the caller's own org. */
    @DeleteMapping("/runs/{pipeline_logging_id}")
    TriggerResponse cancel(OrgCaller caller, @PathVariable("pipeline_logging_id") String runId) {
        return service.cancel(caller, runId);
    }

    @GetMapping("/{org_slug}/runs")
    Map<String, Object> runs(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                             @RequestParam(name = "status_filter", required = false) String status,
                             @RequestParam(name = "pipeline_id", required = false) String pipelineId,
                             @RequestParam(name = "start_date", required = false) LocalDate startDate,
                             @RequestParam(name = "end_date", required = false) LocalDate endDate,
                             @RequestParam(defaultValue = "20") int limit,
                             @RequestParam(defaultValue = "0") int offset) {
        checkPage(limit, offset);
        RunFilter filter = new RunFilter(status(status), pipelineId, startDate, endDate);
        List<RunRecord> runs = runLog.list(org, filter, limit, offset);
        return Map.of("runs", runs, "total", runLog.count(org, filter), "limit", limit, "offset", offset);
    }

    @GetMapping("/{org_slug}/runs/{pipeline_logging_id}")
    RunRecord run(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                  @PathVariable("pipeline_logging_id") String runId) {
        return found(org, runId);
    }

    private RunRecord found(OrgSlug org, String runId) {
        return runLog.find(org, runId).orElseThrow(() ->
                new CloudActException(ErrorCode.NOT_FOUND, "No run " + runId + " for " + org));
    }

    private static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > 100 || offset < 0) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "limit must be 1-100 and offset at least 0");
        }
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return RunStatus.valueOf(status.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "Unknown run status " + status);
        }
    }

    /** Query parameters every trigger accepts; they override body and form values. */
    record QueryParameters(@BindParam("date") @Pattern(regexp = TriggerRequest.DATE, message = "must be YYYY-MM-DD") String date,
                           @BindParam("start_date") @Pattern(regexp = TriggerRequest.DATE, message = "must be YYYY-MM-DD")
                           String startDate,
                           @BindParam("end_date") @Pattern(regexp = TriggerRequest.DATE, message = "must be YYYY-MM-DD")
                           String endDate,
                           @BindParam("wait") Boolean waitForResult) {

        TriggerRequest applyTo(TriggerRequest request) {
            return (request == null ? TriggerRequest.EMPTY : request).overriddenBy(date, startDate, endDate);
        }

        boolean waitForEnd() {
            return Boolean.TRUE.equals(waitForResult);
        }
    }
}
