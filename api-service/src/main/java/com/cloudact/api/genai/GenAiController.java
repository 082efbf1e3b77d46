package com.cloudact.api.genai;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.genai.GenAiPricingService.CustomResult;
import com.cloudact.api.genai.GenAiViews.AllPricing;
import com.cloudact.api.genai.GenAiViews.CostSummary;
import com.cloudact.api.genai.GenAiViews.CustomPricingRequest;
import com.cloudact.api.genai.GenAiViews.FlowPricing;
import com.cloudact.api.genai.GenAiViews.OverrideRequest;
import com.cloudact.api.genai.GenAiViews.PricingChange;
import com.cloudact.api.genai.GenAiViews.SeedResult;
import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GenAI pricing per cost flow ({@code payg}, {@code commitment}, {@code infrastructure}) with org overrides and
 * custom prices, and reads of the unified GenAI usage and cost tables. Org key for its own org, or the root key.
 * {@code seed-defaults} is a literal path and is matched before {@code /pricing/{flow}} (the reference shadows it).
 */
@RestController
@RequestMapping("/api/v1/genai/{org_slug}")
class GenAiController {

    private static final String WRITE = "integrations:write";
    private static final String READ_COSTS = "costs:read";

    private final GenAiPricingService pricing;
    private final GenAiCostReads reads;

    GenAiController(GenAiPricingService pricing, GenAiCostReads reads) {
        this.pricing = pricing;
        this.reads = reads;
    }

    @GetMapping("/pricing")
    @RateLimited(perMinute = 100)
    @Operation(summary = "The org's PAYG, commitment and infrastructure prices (deleted and deprecated rows only "
            + "with include_inactive)")
    AllPricing all(@PathVariable("org_slug") OrgSlug org, Caller caller,
                   @RequestParam(required = false) String provider,
                   @RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive) {
        return pricing.all(org, provider, includeInactive);
    }

    @GetMapping("/pricing/{flow}")
    @RateLimited(perMinute = 100)
    @Operation(summary = "One flow's prices")
    FlowPricing flow(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String flow,
                     @RequestParam(required = false) String provider,
                     @RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive) {
        return pricing.flow(org, flow, provider, includeInactive);
    }

    @PostMapping("/pricing/seed-defaults")
    @RateLimited(perMinute = 10)
    @Audited(action = AuditLog.Action.CREATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Copy CloudAct's shipped price list into the org's tables",
            description = "flow: payg, commitment or infrastructure (default: all three). replace=false (default) "
                    + "adds the shipped prices the org lacks and keeps its own rows, deletions and overrides; "
                    + "replace=true restores the shipped rows (clearing overrides set on them); custom rows stay.")
    SeedResult seedDefaults(@PathVariable("org_slug") OrgSlug org, Caller caller,
                            @RequestParam(required = false) String flow,
                            @RequestParam(defaultValue = "false") boolean replace) {
        caller.requireScope(WRITE);
        return pricing.seedDefaults(org, flow, replace);
    }

    @PostMapping("/pricing/{flow}")
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.CREATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Add a custom price, or update the row with the same price key (201 created, 200 updated)")
    ResponseEntity<CustomResult> custom(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String flow,
                                        @Valid @RequestBody CustomPricingRequest body) {
        caller.requireScope(WRITE);
        CustomResult result = pricing.custom(org, flow, body);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
    }

    @PutMapping("/pricing/{flow}/{identifier}/override")
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Set the org's price for a model (payg, commitment) or instance type (infrastructure)",
            description = "Applies from effective_from (default today, −30..+365 days) to every row of the entry "
                    + "that is not deleted. price_type picks the price: payg input (default) or output per 1M tokens, "
                    + "commitment hourly (default) or monthly, infrastructure hourly. expected_last_updated (the "
                    + "entry's last_updated as read) makes the write fail with 409 when someone changed it since.")
    PricingChange override(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String flow,
                           @PathVariable String identifier, @RequestParam(required = false) String provider,
                           @RequestParam(required = false) String region, @Valid @RequestBody OverrideRequest body) {
        caller.requireScope(WRITE);
        return pricing.override(org, flow, identifier, provider, region, body);
    }

    @DeleteMapping("/pricing/{flow}/{identifier}/override")
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Clear the org's override; list prices apply again")
    PricingChange clearOverride(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String flow,
                                @PathVariable String identifier, @RequestParam(required = false) String provider,
                                @RequestParam(required = false) String region) {
        caller.requireScope(WRITE);
        return pricing.clearOverride(org, flow, identifier, provider, region);
    }

    @DeleteMapping("/pricing/{flow}/{identifier}")
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Soft-delete a price entry (status deleted); repeating it is harmless",
            description = "Rows that carry an override are refused with 400: clear the override first.")
    PricingChange delete(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String flow,
                         @PathVariable String identifier, @RequestParam(required = false) String provider,
                         @RequestParam(required = false) String region) {
        caller.requireScope(WRITE);
        return pricing.delete(org, flow, identifier, provider, region);
    }

    @GetMapping("/usage")
    @RateLimited(perMinute = 100)
    @Operation(summary = "Daily GenAI usage of all flows (start_date..end_date, at most 365 days, not in the future)")
    List<Map<String, Object>> usage(@PathVariable("org_slug") OrgSlug org, Caller caller,
                                    @RequestParam("start_date") @DateTimeFormat(iso = ISO.DATE) LocalDate start,
                                    @RequestParam("end_date") @DateTimeFormat(iso = ISO.DATE) LocalDate end,
                                    @RequestParam(required = false) String flow,
                                    @RequestParam(required = false) String provider,
                                    @RequestParam(name = "hierarchy_entity_id", required = false) String entity,
                                    @RequestParam(name = "hierarchy_path", required = false) String path,
                                    @RequestParam(defaultValue = "1000") int limit) {
        caller.requireScope(READ_COSTS);
        return reads.usage(org, reads.query(start, end, flow, provider, entity, path), limit);
    }

    @GetMapping("/costs")
    @RateLimited(perMinute = 100)
    @Operation(summary = "Daily GenAI costs in USD of all flows (same filters as usage)")
    List<Map<String, Object>> costs(@PathVariable("org_slug") OrgSlug org, Caller caller,
                                    @RequestParam("start_date") @DateTimeFormat(iso = ISO.DATE) LocalDate start,
                                    @RequestParam("end_date") @DateTimeFormat(iso = ISO.DATE) LocalDate end,
                                    @RequestParam(required = false) String flow,
                                    @RequestParam(required = false) String provider,
                                    @RequestParam(name = "hierarchy_entity_id", required = false) String entity,
                                    @RequestParam(name = "hierarchy_path", required = false) String path,
                                    @RequestParam(defaultValue = "1000") int limit) {
        caller.requireScope(READ_COSTS);
        return reads.costs(org, reads.query(start, end, flow, provider, entity, path), limit);
    }

    @GetMapping("/costs/summary")
    @RateLimited(perMinute = 100)
    @Operation(summary = "GenAI cost totals by flow, provider and (include_models) model; exact decimals")
    CostSummary summary(@PathVariable("org_slug") OrgSlug org, Caller caller,
                        @RequestParam("start_date") @DateTimeFormat(iso = ISO.DATE) LocalDate start,
                        @RequestParam("end_date") @DateTimeFormat(iso = ISO.DATE) LocalDate end,
                        @RequestParam(required = false) String flow,
                        @RequestParam(required = false) String provider,
                        @RequestParam(name = "hierarchy_entity_id", required = false) String entity,
                        @RequestParam(name = "hierarchy_path", required = false) String path,
                        @RequestParam(name = "include_models", defaultValue = "false") boolean includeModels) {
        caller.requireScope(READ_COSTS);
        return reads.summary(org, reads.query(start, end, flow, provider, entity, path), includeModels);
    }
}
