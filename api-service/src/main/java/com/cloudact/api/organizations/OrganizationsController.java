package com.cloudact.api.organizations;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.RootCaller;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organization's lifecycle after onboarding: dataset status and sync, keys, subscription, locale, offboarding. */
@RestController
@RequestMapping("/api/v1")
class OrganizationsController {

    private final OrgDatasets datasets;
    private final OrganizationService organizations;
    private final ApiKeyService apiKeys;

    OrganizationsController(OrgDatasets datasets, OrganizationService organizations, ApiKeyService apiKeys) {
        this.datasets = datasets;
        this.organizations = organizations;
        this.apiKeys = apiKeys;
    }

    @GetMapping("/organizations")
    OrganizationViews.OrgList list(RootCaller root, @RequestParam(defaultValue = "1") int page,
                                   @RequestParam(name = "page_size", defaultValue = "50") int pageSize,
                                   @RequestParam(required = false) String status) {
        return organizations.list(page, pageSize, status);
    }

    @GetMapping("/organizations/{org_slug}/status")
    OrgDatasets.Status status(@PathVariable("org_slug") OrgSlug org, RootCaller root) {
        return datasets.status(org);
    }

    @PostMapping("/organizations/{org_slug}/sync")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.DATASET)
    OrgDatasets.Sync sync(@PathVariable("org_slug") OrgSlug org, RootCaller root,
                          @Valid @RequestBody(required = false) OrganizationViews.SyncRequest request) {
        OrganizationViews.SyncRequest options = request == null ? new OrganizationViews.SyncRequest(null, null, null)
                : request;
        return datasets.sync(org, options.tables(), options.columns(), options.views());
    }

    @PostMapping("/{org_slug}/repair-tables")
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.DATASET)
    OrgDatasets.Repair repair(@PathVariable("org_slug") OrgSlug org, RootCaller root) {
        return datasets.repair(org);
    }

    @PostMapping("/organizations/{org_slug}/api-key/rotate")
    @RateLimited(perMinute = 5)
    OrganizationViews.Rotated rotate(@PathVariable("org_slug") OrgSlug org, Caller caller,
                                     @Valid @RequestBody(required = false) OrganizationViews.RotateRequest request) {
        caller.requireScope("org:admin");
        OrganizationViews.RotateRequest body = request == null ? new OrganizationViews.RotateRequest(null, null, null)
                : request;
        Instant expires = body.expiresInDays() == null ? null
                : Instant.now().plus(body.expiresInDays(), ChronoUnit.DAYS);
        ApiKeyService.NewKey key = apiKeys.rotate(org, caller, body.description() == null ? "Rotated" : body.description(),
                body.scopes() == null ? List.of() : body.scopes(), expires);
        return new OrganizationViews.Rotated(org.value(), key.plaintext(), key.fingerprint(), key.revoked() > 0,
                "API key rotated; store the new key now, it is shown once");
    }

    @GetMapping("/organizations/{org_slug}/api-key")
    OrganizationViews.ApiKeyView apiKey(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        ApiKeyService.ActiveKey key = apiKeys.activeKey(org).orElseThrow(() ->
                new CloudActException(ErrorCode.NOT_FOUND, "Organization " + org + " has no active API key"));
        return new OrganizationViews.ApiKeyView(org.value(), key.fingerprint(), key.active(), key.createdAt(),
                key.expiresAt(), key.scopes());
    }

    @GetMapping("/organizations/{org_slug}/subscription")
    OrganizationViews.Subscription subscription(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return organizations.subscription(org);
    }

    @PutMapping("/organizations/{org_slug}/subscription")
    OrganizationViews.SubscriptionUpdate updateSubscription(@PathVariable("org_slug") OrgSlug org, RootCaller root,
            @Valid @RequestBody OrganizationViews.UpdateSubscription request) {
        return organizations.updateSubscription(org, request, root);
    }

    @GetMapping("/organizations/{org_slug}/locale")
    OrganizationViews.LocaleView locale(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return organizations.locale(org);
    }

    @PutMapping("/organizations/{org_slug}/locale")
    OrganizationViews.LocaleView updateLocale(@PathVariable("org_slug") OrgSlug org, Caller caller,
                                              @Valid @RequestBody OrganizationViews.UpdateLocale request) {
        caller.requireScope("org:admin");
        return organizations.updateLocale(org, request, caller);
    }

    @GetMapping("/organizations/{org_slug}/members/emails")
    OrganizationViews.Members members(@PathVariable("org_slug") OrgSlug org, RootCaller root,
                                      @RequestParam(required = false) String role) {
        return organizations.members(org, role);
    }

    @DeleteMapping("/organizations/{org_slug}")
    OrganizationViews.Offboarding offboard(@PathVariable("org_slug") OrgSlug org, RootCaller root,
                                           @Valid @RequestBody(required = false) OrganizationViews.Offboard request) {
        return organizations.offboard(org, request, root);
    }
}
