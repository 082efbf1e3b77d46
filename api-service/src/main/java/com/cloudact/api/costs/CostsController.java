package com.cloudact.api.costs;

import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.Caller;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cost reads over the org's FOCUS 1.3 table (org key for its own org, or the root key). */
@RestController
@RequestMapping("/api/v1/costs/{org_slug}")
class CostsController {

    private final CostReadService costs;

    private static final String SCOPE = "costs:read";

    CostsController(CostReadService costs) {
        this.costs = costs;
    }

    @GetMapping("/summary")
    CostResponse summary(@PathVariable("org_slug") OrgSlug org, Caller caller,
                         @RequestParam(name = "start_date", required = false) String startDate,
                         @RequestParam(name = "end_date", required = false) String endDate) {
        caller.requireScope(SCOPE);
        return costs.summary(org, startDate, endDate);
    }

    @GetMapping("/trend")
    CostResponse trend(@PathVariable("org_slug") OrgSlug org, Caller caller,
                       @RequestParam(required = false) String granularity,
                       @RequestParam(required = false) Integer days,
                       @RequestParam(name = "start_date", required = false) String startDate,
                       @RequestParam(name = "end_date", required = false) String endDate) {
        caller.requireScope(SCOPE);
        return costs.trend(org, granularity, days, startDate, endDate);
    }

    @PostMapping("/cache/invalidate")
    Map<String, Object> invalidate(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        caller.requireScope(SCOPE);
        int removed = costs.invalidate(org);
        return Map.of("success", true, "message", "Dropped " + removed + " cached cost entries of " + org);
    }
}
