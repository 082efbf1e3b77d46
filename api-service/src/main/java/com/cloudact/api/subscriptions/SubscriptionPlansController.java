package com.cloudact.api.subscriptions;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.subscriptions.PlanRequests.CreatePlan;
import com.cloudact.api.subscriptions.PlanRequests.EditVersion;
import com.cloudact.api.subscriptions.PlanRequests.UpdatePlan;
import com.cloudact.api.subscriptions.PlanViews.AllPlans;
import com.cloudact.api.subscriptions.PlanViews.PlanCreated;
import com.cloudact.api.subscriptions.PlanViews.PlanEnded;
import com.cloudact.api.subscriptions.PlanViews.PlanList;
import com.cloudact.api.subscriptions.PlanViews.PlanToggled;
import com.cloudact.api.subscriptions.PlanViews.PlanUpdated;
import com.cloudact.api.subscriptions.PlanViews.ProviderDisabled;
import com.cloudact.api.subscriptions.PlanViews.ProviderEnabled;
import com.cloudact.api.subscriptions.PlanViews.ProviderList;
import com.cloudact.api.subscriptions.PlanViews.Templates;
import com.cloudact.api.subscriptions.PlanViews.VersionCreated;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.OrgCaller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * SaaS Subscription Plans router (spec §1.5, 12 routes): the org's plans per provider, the shipped templates,
 * versioned edits, cancellation and the dashboard's list of every plan. Costs are computed by the subscription
 * cost pipeline; a plan that starts (or a change that takes effect) in the past starts its backfill.
 */
@RestController
@RequestMapping("/api/v1/subscriptions/{org_slug}")
class SubscriptionPlansController {

    private static final java.util.regex.Pattern SUBSCRIPTION_ID = java.util.regex.Pattern.compile("^[a-z0-9_]{3,200}$");
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("^[A-Za-z0-9_.:-]{1,100}$");

    private final SubscriptionPlanService plans;

    SubscriptionPlansController(SubscriptionPlanService plans) {
        this.plans = plans;
    }

    /**
     * The subscription id of a path (checked here, not by a constraint annotation: a constraint on a parameter would
     * turn the body's validation errors into 400s instead of 422s).
     */
    private static String id(String subscriptionId) {
        if (!SUBSCRIPTION_ID.matcher(subscriptionId).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "subscription_id is not a subscription id");
        }
        return subscriptionId;
    }

    @GetMapping("/providers")
    ProviderList providers(@PathVariable("org_slug") OrgSlug org, OrgCaller caller) {
        return plans.providers(org);
    }

    @PostMapping("/providers/{provider}/enable")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    ProviderEnabled enable(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                           @RequestParam(required = false) Boolean force) {
        return plans.enable(org, SaasProviders.provider(provider));
    }

    /** The reference's reset: enable with {@code force}, which it ignores too. */
    @PostMapping("/providers/{provider}/reset")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    ProviderEnabled reset(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider) {
        return plans.enable(org, SaasProviders.provider(provider));
    }

    @PostMapping("/providers/{provider}/disable")
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    ProviderDisabled disable(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider) {
        return plans.disable(org, SaasProviders.provider(provider));
    }

    @GetMapping("/providers/{provider}/plans")
    PlanList list(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                  @RequestParam(name = "include_disabled", defaultValue = "true") boolean includeDisabled) {
        return plans.list(org, SaasProviders.provider(provider), includeDisabled);
    }

    @GetMapping("/providers/{provider}/available-plans")
    Templates available(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider) {
        return plans.available(org, SaasProviders.provider(provider));
    }

    @PostMapping("/providers/{provider}/plans")
    @ResponseStatus(HttpStatus.CREATED)
    @Audited(action = AuditLog.Action.CREATE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    PlanCreated create(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                       @RequestHeader(name = AuthHeaders.API_KEY, required = false) String apiKey,
                       @RequestParam(name = "idempotency_key", required = false) String idempotencyKey,
                       @Valid @RequestBody CreatePlan body) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "idempotency_key is not an idempotency key");
        }
        return plans.create(org, SaasProviders.provider(provider), body, apiKey);
    }

    @PutMapping("/providers/{provider}/plans/{subscription_id}")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    PlanUpdated update(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                       @PathVariable("subscription_id") String subscriptionId,
                       @Valid @RequestBody UpdatePlan body) {
        return plans.update(org, SaasProviders.provider(provider), id(subscriptionId), body);
    }

    @PostMapping("/providers/{provider}/plans/{subscription_id}/edit-version")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    VersionCreated editVersion(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                               @PathVariable("subscription_id") String subscriptionId,
                               @RequestHeader(name = AuthHeaders.API_KEY, required = false) String apiKey,
                               @Valid @RequestBody EditVersion body) {
        return plans.editVersion(org, SaasProviders.provider(provider), id(subscriptionId), body, apiKey);
    }

    @DeleteMapping("/providers/{provider}/plans/{subscription_id}")
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    PlanEnded end(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                  @PathVariable("subscription_id") String subscriptionId,
                  @RequestHeader(name = AuthHeaders.API_KEY, required = false) String apiKey,
                  @RequestParam(name = "end_date", required = false) LocalDate endDate) {
        return plans.end(org, SaasProviders.provider(provider), id(subscriptionId), endDate, apiKey);
    }

    @PostMapping("/providers/{provider}/toggle/{subscription_id}")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.SUBSCRIPTION_PLAN)
    PlanToggled toggle(@PathVariable("org_slug") OrgSlug org, OrgCaller caller, @PathVariable String provider,
                       @PathVariable("subscription_id") String subscriptionId) {
        return plans.toggle(org, SaasProviders.provider(provider), id(subscriptionId));
    }

    @GetMapping("/all-plans")
    AllPlans all(@PathVariable("org_slug") OrgSlug org, OrgCaller caller,
                 @RequestParam(name = "enabled_only", defaultValue = "false") boolean enabledOnly,
                 @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                 @RequestParam(name = "page_size", defaultValue = "100") @Min(1) @Max(500) int pageSize) {
        return plans.all(org, enabledOnly, page, pageSize);
    }
}
