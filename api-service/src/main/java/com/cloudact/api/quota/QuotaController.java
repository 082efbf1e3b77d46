package com.cloudact.api.quota;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.RootCaller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An org's quota, and the daily, monthly and clean-up jobs the scheduler runs (root key). */
@RestController
@RequestMapping("/api/v1")
class QuotaController {

    private final QuotaAdministration administration;

    QuotaController(QuotaAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/organizations/{org_slug}/quota")
    @RateLimited(perMinute = 100)
    QuotaView quota(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return administration.view(org);
    }

    @PostMapping("/quota/reset-daily")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.QUOTA)
    QuotaAdministration.JobResult resetDaily(RootCaller root) {
        return administration.resetDaily();
    }

    @PostMapping("/quota/reset-monthly")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.QUOTA)
    QuotaAdministration.JobResult resetMonthly(RootCaller root, @RequestParam(defaultValue = "false") boolean force) {
        return administration.resetMonthly(force);
    }

    @PostMapping("/quota/cleanup-stale")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.QUOTA)
    QuotaAdministration.JobResult cleanupStale(RootCaller root) {
        return administration.cleanupStale();
    }

    @PostMapping("/quota/cleanup-old")
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.QUOTA)
    QuotaAdministration.JobResult cleanupOld(RootCaller root, @RequestParam(name = "days", defaultValue = "90") int days) {
        return administration.cleanupOld(days);
    }

}
