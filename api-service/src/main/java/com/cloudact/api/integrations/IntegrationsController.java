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

    @PostMapping("/gcp/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupGcp(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                           @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.GCP, caller, body, user);
    }

    @PostMapping("/aws/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupAws(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                           @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.AWS, caller, body, user);
    }

    @PostMapping("/azure/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupAzure(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                             @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.AZURE, caller, body, user);
    }

    @PostMapping("/oci/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupOci(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                           @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.OCI, caller, body, user);
    }

    @PostMapping("/openai/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupOpenAi(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                              @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.OPENAI, caller, body, user);
    }

    @PostMapping("/anthropic/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupAnthropic(@PathVariable("org_slug") OrgSlug org, Caller caller,
                                 @Valid @RequestBody SetupRequest body,
                                 @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.ANTHROPIC, caller, body, user);
    }

    @PostMapping("/gemini/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupGemini(@PathVariable("org_slug") OrgSlug org, Caller caller, @Valid @RequestBody SetupRequest body,
                              @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.GEMINI, caller, body, user);
    }

    @PostMapping("/deepseek/setup")
    @RateLimited(perMinute = 10)
    SetupResponse setupDeepSeek(@PathVariable("org_slug") OrgSlug org, Caller caller,
                                @Valid @RequestBody SetupRequest body,
                                @RequestHeader(name = AuthHeaders.USER_ID, required = false) @Size(max = 128) String user) {
        return setup(org, Provider.DEEPSEEK, caller, body, user);
    }

    @PostMapping("/gcp/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateGcp(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.GCP, caller);
    }

    @PostMapping("/aws/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateAws(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.AWS, caller);
    }

    @PostMapping("/azure/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateAzure(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.AZURE, caller);
    }

    @PostMapping("/oci/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateOci(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.OCI, caller);
    }

    @PostMapping("/openai/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateOpenAi(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.OPENAI, caller);
    }

    @PostMapping("/anthropic/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateAnthropic(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.ANTHROPIC, caller);
    }

    @PostMapping("/gemini/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateGemini(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.GEMINI, caller);
    }

    @PostMapping("/deepseek/validate")
    @RateLimited(perMinute = 30)
    SetupResponse validateDeepSeek(@PathVariable("org_slug") OrgSlug org, Caller caller) {
        return validate(org, Provider.DEEPSEEK, caller);
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

    private SetupResponse setup(OrgSlug org, Provider provider, Caller caller, SetupRequest body, String user) {
        caller.requireScope(SCOPE);
        return integrations.setup(org, provider, body, caller, user);
    }

    private SetupResponse validate(OrgSlug org, Provider provider, Caller caller) {
        caller.requireScope(SCOPE);
        return integrations.validate(org, provider, caller);
    }
}
