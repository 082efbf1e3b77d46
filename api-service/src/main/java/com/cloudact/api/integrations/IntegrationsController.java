package com.cloudact.api.integrations;

import com.cloudact.api.integrations.IntegrationViews.Deleted;
import com.cloudact.api.integrations.IntegrationViews.IntegrationList;
import com.cloudact.api.integrations.IntegrationViews.IntegrationStatus;
import com.cloudact.api.integrations.IntegrationViews.SetupRequest;
import com.cloudact.api.integrations.IntegrationViews.SetupResponse;
import com.cloudact.api.integrations.IntegrationViews.UpdateRequest;
import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Provider credentials of an org. Setup and validate have one path per provider, as the reference has (plus AWS,
 * Azure and OCI, which it lacks); the rest take the provider as a path segment, by id or alias.
 */
@RestController
@RequestMapping("/api/v1/integrations/{org_slug}")
class IntegrationsController {

    private static final String SCOPE = "integrations:write";

    private final IntegrationService integrations;

    IntegrationsController(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @PostMapping({"/gcp/setup", "/aws/setup", "/azure/setup", "/oci/setup", "/openai/setup", "/anthropic/setup",
            "/gemini/setup", "/deepseek/setup"})
    @RateLimited(perMinute = 10)
    SetupResponse setup(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                        @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user,
                        HttpServletRequest request) {
        caller.requireScope(SCOPE);
        return integrations.setup(org, routeProvider(request), body, caller, user);
    }

    @PostMapping({"/gcp/validate", "/aws/validate", "/azure/validate", "/oci/validate", "/openai/validate",
            "/anthropic/validate", "/gemini/validate", "/deepseek/validate"})
    @RateLimited(perMinute = 30)
    SetupResponse validate(@PathVariable("org_slug") OrgSlug org, Caller caller, HttpServletRequest request) {
        caller.requireScope(SCOPE);
        return integrations.validate(org, routeProvider(request), caller);
    }

    @GetMapping
    @RateLimited(perMinute = 100)
    IntegrationList list(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return integrations.list(org);
    }

    @GetMapping("/{provider}")
    @RateLimited(perMinute = 100)
    IntegrationStatus get(@PathVariable("org_slug") OrgSlug org, @PathVariable String provider, Caller caller) {
        return integrations.get(org, IntegrationService.provider(provider));
    }

    @PutMapping("/{provider}")
    @RateLimited(perMinute = 10)
    SetupResponse update(@PathVariable("org_slug") OrgSlug org, @PathVariable String provider, Caller caller,
                         @Valid @RequestBody UpdateRequest body,
                         @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        caller.requireScope(SCOPE);
        return integrations.update(org, IntegrationService.provider(provider), body, caller, user);
    }

    @DeleteMapping("/{provider}")
    @RateLimited(perMinute = 10)
    Deleted delete(@PathVariable("org_slug") OrgSlug org, @PathVariable String provider, Caller caller,
                   @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        caller.requireScope(SCOPE);
        return integrations.delete(org, IntegrationService.provider(provider), caller, user);
    }

    /** The provider a setup or validate route names: the segment after the org in the matched pattern. */
    private static Provider routeProvider(HttpServletRequest request) {
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String[] segments = pattern.split("/");
        return IntegrationService.provider(segments[segments.length - 2]);
    }
}
