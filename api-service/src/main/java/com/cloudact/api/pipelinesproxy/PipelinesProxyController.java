package com.cloudact.api.pipelinesproxy;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.OrgCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Runs pipelines through the API service (the frontend's and customers' entry point): the request goes to the
 * pipeline service with the caller's own key and request id. Also today's pipeline status per org.
 */
@RestController
@RequestMapping("/api/v1/pipelines")
class PipelinesProxyController {

    private static final String DATE = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$";

    private final PipelineServiceClient pipelines;
    private final PipelineStatusService status;

    PipelinesProxyController(PipelineServiceClient pipelines, PipelineStatusService status) {
        this.pipelines = pipelines;
        this.status = status;
    }

    /** Body of a trigger; every field is optional. */
    record TriggerBody(@Pattern(regexp = DATE, message = "must be YYYY-MM-DD") String startDate,
                       @Pattern(regexp = DATE, message = "must be YYYY-MM-DD") String endDate,
                       @Pattern(regexp = DATE, message = "must be YYYY-MM-DD") String date,
                       @Pattern(regexp = "^[A-Za-z0-9_.:-]{1,100}$", message = "is not a credential id") String credentialId,
                       @Size(max = 500) String filePath) {

        Map<String, Object> forward() {
            Map<String, Object> body = new LinkedHashMap<>();
            put(body, "start_date", startDate);
            put(body, "end_date", endDate);
            put(body, "date", date);
            put(body, "credential_id", credentialId);
            put(body, "file_path", filePath);
            body.put("trigger_by", "api-service");
            return body;
        }

        private static void put(Map<String, Object> body, String key, String value) {
            if (value != null) {
                body.put(key, value);
            }
        }
    }

    @GetMapping("/metrics/cache")
    Map<String, Object> cacheMetrics(OrgCaller caller) {
        return status.metrics();
    }

    @GetMapping("/status/{org_slug}")
    @RateLimited(perMinute = 60)
    Map<String, Object> status(@PathVariable("org_slug") OrgSlug org, OrgCaller caller) {
        caller.requireScope("pipelines:read");
        return status.status(org);
    }

    @PostMapping("/trigger/{org_slug}/{provider}/{domain}/{pipeline}")
    @Audited(action = AuditLog.Action.EXECUTE, resource = AuditLog.Resource.PIPELINE)
    @RateLimited(perMinute = 30)
    Map<String, Object> trigger(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                @RequestHeader(AuthHeaders.API_KEY) String apiKey, @PathVariable String provider,
                                @PathVariable String domain, @PathVariable String pipeline,
                                @Valid @RequestBody(required = false) TriggerBody body) {
        return forward(org, caller, apiKey, PipelinePath.of(provider, domain, pipeline), body);
    }

    @PostMapping("/run/{org_slug}/{provider}/{domain}/{pipeline}")
    @Audited(action = AuditLog.Action.EXECUTE, resource = AuditLog.Resource.PIPELINE)
    @RateLimited(perMinute = 30)
    Map<String, Object> run(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                            @RequestHeader(AuthHeaders.API_KEY) String apiKey, @PathVariable String provider,
                            @PathVariable String domain, @PathVariable String pipeline,
                            @Valid @RequestBody(required = false) TriggerBody body) {
        return forward(org, caller, apiKey, PipelinePath.of(provider, domain, pipeline), body);
    }

    @PostMapping("/run/{org_slug}/{category}/{provider}/{domain}/{pipeline}")
    @Audited(action = AuditLog.Action.EXECUTE, resource = AuditLog.Resource.PIPELINE)
    @RateLimited(perMinute = 30)
    Map<String, Object> runCloud(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                 @RequestHeader(AuthHeaders.API_KEY) String apiKey, @PathVariable String category,
                                 @PathVariable String provider, @PathVariable String domain,
                                 @PathVariable String pipeline, @Valid @RequestBody(required = false) TriggerBody body) {
        return forward(org, caller, apiKey, PipelinePath.of(category, provider, domain, pipeline), body);
    }

    private Map<String, Object> forward(OrgSlug org, OrgCaller caller, String apiKey, PipelinePath path,
                                       TriggerBody body) {
        caller.requireScope("pipelines:execute");
        JsonNode answer = pipelines.trigger(org, apiKey, path,
                body == null ? Map.of("trigger_by", "api-service") : body.forward());
        status.invalidate(org);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("pipeline_logging_id", answer.path("pipeline_logging_id").asString(null));
        response.put("pipeline_id", answer.path("pipeline_id").asString(path.trackingId(org)));
        response.put("org_slug", org.value());
        response.put("status", answer.path("status").asString("PENDING"));
        response.put("message", answer.path("message").asString("Pipeline triggered"));
        response.put("request_id", com.cloudact.platform.web.RequestId.current());
        return response;
    }
}
