package com.cloudact.api.admin;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.platform.auth.RootCaller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creates and keeps in sync the central {@code organizations} dataset (root key only). */
@RestController
@RequestMapping("/api/v1/admin/bootstrap")
class BootstrapController {

    private final BootstrapService bootstrap;

    BootstrapController(BootstrapService bootstrap) {
        this.bootstrap = bootstrap;
    }

    @PostMapping
    @Audited(action = AuditLog.Action.CREATE, resource = AuditLog.Resource.DATASET)
    BootstrapResult bootstrap(RootCaller root, @RequestBody(required = false) BootstrapRequest request) {
        return bootstrap.bootstrap(request == null ? new BootstrapRequest(false, false) : request);
    }

    @GetMapping("/status")
    BootstrapStatus status(RootCaller root) {
        return bootstrap.status();
    }

    @PostMapping("/sync")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.DATASET)
    BootstrapSyncResult sync(RootCaller root, @RequestBody(required = false) BootstrapSyncRequest request) {
        return bootstrap.sync(request == null ? new BootstrapSyncRequest(true, false) : request);
    }
}
