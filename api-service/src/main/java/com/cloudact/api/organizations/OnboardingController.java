package com.cloudact.api.organizations;

import com.cloudact.platform.auth.RootCaller;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding of an organization that has signed up and paid (root key; called by the frontend). */
@RestController
class OnboardingController {

    private final OnboardingService onboarding;

    OnboardingController(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @PostMapping("/api/v1/organizations/dryrun")
    OrganizationViews.Dryrun dryrun(RootCaller root, @Valid @RequestBody DryrunRequest request) {
        return onboarding.dryrun(request);
    }

    @PostMapping("/api/v1/organizations/onboard")
    OnboardResponse onboard(RootCaller root, @Valid @RequestBody OnboardRequest request,
                            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return onboarding.onboard(request, idempotencyKey, root);
    }
}
