package com.cloudact.api.audit;

import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.RootCaller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of one organization (root key). */
@RestController
class AuditController {

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/admin/audit-logs/{org_slug}")
    AuditQueries.Page logs(@PathVariable("org_slug") OrgSlug org, RootCaller root,
                           @RequestParam(required = false) String action,
                           @RequestParam(name = "resource_type", required = false) String resourceType,
                           @RequestParam(required = false) String status,
                           @RequestParam(name = "start_date", required = false) String startDate,
                           @RequestParam(name = "end_date", required = false) String endDate,
                           @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return queries.page(org, new AuditQueries.Filter(action, resourceType, status, startDate, endDate), limit, offset);
    }
}
