package com.cloudact.api.pipelinesproxy;

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

/** The scheduler's daily pipeline fan-out (root key). */
@RestController
class RunAllController {

    private final RunAllService runAll;

    RunAllController(RunAllService runAll) {
        this.runAll = runAll;
    }

    /** Body of run-all; every field is optional. */
    record RunAllRequest(@Pattern(regexp = "^[a-zA-Z0-9_]{3,50}$", message = "is not a valid slug") String orgSlug,
                         @Size(max = 3) List<@Pattern(regexp = "[a-z]{3,20}") String> categories,
                         @Size(max = 50) List<@Pattern(regexp = "[A-Za-z_]{2,40}") String> providers,
                         @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$", message = "must be YYYY-MM-DD") String date,
                         Boolean dryRun, @Pattern(regexp = "api|scheduler|manual") String triggerType) {
    }

    @PostMapping("/api/v1/admin/pipelines/run-all")
    @Audited(action = AuditLog.Action.EXECUTE, resource = AuditLog.Resource.PIPELINE)
    Map<String, Object> runAll(RootCaller root, @Valid @RequestBody(required = false) RunAllRequest request) {
        RunAllRequest body = request == null ? new RunAllRequest(null, null, null, null, false, null) : request;
        return runAll.runAll(new RunAllService.Request(body.orgSlug(), body.categories(), body.providers(), body.date(),
                Boolean.TRUE.equals(body.dryRun())), body.triggerType() == null ? "api" : body.triggerType());
    }
}
