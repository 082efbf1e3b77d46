package com.cloudact.api.organizations;

import com.cloudact.platform.auth.RootCaller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding of an organization that has signed up and paid (root key; called by the frontend). */
@RestController
class OnboardingController {

    private final OnboardingService onboarding;

    OnboardingController(OnboardingService onboarding) {
        this.onboarding = onboarding;
    }

    @PostMapping("/api/v1/organizations/onboard")
    @ResponseStatus(HttpStatus.OK)
    OnboardResponse onboard(RootCaller root, @Valid @RequestBody OnboardRequest request) {
        return onboarding.onboard(request);
    }
}
