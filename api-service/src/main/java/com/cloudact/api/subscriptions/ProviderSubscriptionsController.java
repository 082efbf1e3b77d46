package com.cloudact.api.subscriptions;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.subscriptions.PlanRequests.CreateProviderSubscription;
import com.cloudact.api.subscriptions.PlanRequests.UpdateProviderSubscription;
import com.cloudact.api.subscriptions.PlanViews.ProviderSubscription;
import com.cloudact.api.subscriptions.PlanViews.ProviderSubscriptionList;
import com.cloudact.api.subscriptions.PlanViews.ProviderSubscriptionsReset;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.OrgCaller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider-level subscriptions of the GenAI integrations (spec §1.4, the 6 {@code /subscriptions} rows of the GenAI
 * Pricing router); {@code {provider}} is openai, anthropic, gemini, deepseek or custom. With provider {@code openai}
 * these same handlers are the legacy OpenAI Data routes {@code /integrations/{org}/openai/subscriptions[...]}
 * (spec §1.17): one implementation, no second copy.
 */
@RestController
@RequestMapping("/api/v1/integrations/{org_slug}/{provider}/subscriptions")
class ProviderSubscriptionsController {

    static final String LEGACY = " Also the legacy OpenAI Data route (spec §1.17) with provider = openai.";
    private static final java.util.regex.Pattern PLAN_NAME = java.util.regex.Pattern.compile(PlanRequests.PLAN_NAME);

    private final ProviderSubscriptionService subscriptions;

    ProviderSubscriptionsController(ProviderSubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The plan name of a path, checked here so that body errors stay 422s (see SubscriptionPlansController). */
    private static String name(String planName) {
        if (!PLAN_NAME.matcher(planName).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "plan_name is not a plan name");
        }
        return planName;
    }

    @GetMapping
    @Operation(summary = "List provider subscriptions", description = "Rows of subscription_plans of the provider (and "
            + "custom ones with include_custom)." + LEGACY)
    ProviderSubscriptionList list(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                                  @RequestParam(name = "include_custom", defaultValue = "false") boolean includeCustom,
                                  @RequestParam(name = "is_enabled", required = false) Boolean isEnabled,
                                  @RequestParam(defaultValue = "500") @Min(0) @Max(500) int limit,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int offset) {
        return subscriptions.list(org, ProviderSubscriptionService.provider(provider), includeCustom, isEnabled, limit,
                offset);
    }

    @GetMapping("/{plan_name}")
    @Operation(summary = "One provider subscription", description = "The active version of the tier, else the newest."
            + LEGACY)
    ProviderSubscription get(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                             @PathVariable("plan_name") String planName) {
        return subscriptions.get(org, ProviderSubscriptionService.provider(provider), name(planName));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(action = AuditLog.Action.CREATE, resource = AuditLog.Resource.SUBSCRIPTION)
    @Operation(summary = "Add a provider subscription", description = "A tier with its quantity, price, billing period "
            + "and rate limits." + LEGACY)
    ProviderSubscription create(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                                @Valid @RequestBody CreateProviderSubscription body) {
        return subscriptions.create(org, ProviderSubscriptionService.provider(provider), body);
    }

    @PostMapping("/reset")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION)
    @Operation(summary = "Re-seed provider subscriptions", description = "Replaces the provider's tiers with the shipped "
            + "list." + LEGACY)
    ProviderSubscriptionsReset reset(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                                     @PathVariable String provider) {
        return subscriptions.reset(org, ProviderSubscriptionService.provider(provider));
    }

    @PutMapping("/{plan_name}")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION)
    @Operation(summary = "Change a provider subscription", description = "Fields left out stay as they are." + LEGACY)
    ProviderSubscription update(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                                @PathVariable("plan_name") String planName,
                                @Valid @RequestBody UpdateProviderSubscription body) {
        return subscriptions.update(org, ProviderSubscriptionService.provider(provider), name(planName), body);
    }

    @DeleteMapping("/{plan_name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.SUBSCRIPTION)
    @Operation(summary = "Delete a provider subscription", description = "Deletes every version of the tier." + LEGACY)
    void delete(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                @PathVariable("plan_name") String planName) {
        subscriptions.delete(org, ProviderSubscriptionService.provider(provider), name(planName));
    }
}
