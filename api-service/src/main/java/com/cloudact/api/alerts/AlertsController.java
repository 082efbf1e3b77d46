package com.cloudact.api.alerts;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.platform.auth.RootCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The scheduler's daily alert evaluation (root key). */
@RestController
class AlertsController {

    private final AlertProcessor processor;

    AlertsController(AlertProcessor processor) {
        this.processor = processor;
    }

    /** Body of process-all; every field is optional. */
    record ProcessAllRequest(@Pattern(regexp = "^[a-zA-Z0-9_]{3,50}$", message = "is not a valid slug") String orgSlug,
                             @Size(max = 10) List<@Pattern(regexp = "cost_threshold|absolute_threshold|budget_percent"
                                     + "|budget_forecast|hierarchy_budget|anomaly_percent_change|anomaly_std_deviation",
                                     message = "is not an alert type") String> alertTypes,
                             Boolean sendNotifications, Boolean dryRun) {
    }

    @PostMapping("/api/v1/admin/alerts/process-all")
    @Audited(action = AuditLog.Action.EXECUTE, resource = AuditLog.Resource.ALERT)
    Map<String, Object> processAll(RootCaller root, @Valid @RequestBody(required = false) ProcessAllRequest request) {
        ProcessAllRequest body = request == null ? new ProcessAllRequest(null, null, null, null) : request;
        return processor.processAll(new AlertProcessor.Request(body.orgSlug(), body.alertTypes(),
                !Boolean.FALSE.equals(body.sendNotifications()), Boolean.TRUE.equals(body.dryRun())));
    }
}
