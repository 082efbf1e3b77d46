package com.cloudact.api.organizations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /organizations/dryrun}: the onboarding inputs to check, nothing is written. */
record DryrunRequest(@NotBlank @Size(max = 100) String orgSlug, @NotBlank @Size(max = 300) String companyName,
                     @NotBlank @Size(max = 300) String adminEmail, @NotBlank @Size(max = 40) String subscriptionPlan) {
}
