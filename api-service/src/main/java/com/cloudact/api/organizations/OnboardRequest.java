package com.cloudact.api.organizations;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /organizations/onboard}. Unknown fields are refused. */
record OnboardRequest(
        @NotBlank @Pattern(regexp = "^[a-zA-Z0-9_]{3,50}$", message = "must be 3-50 letters, digits or underscores")
        String orgSlug,
        @NotBlank @Size(min = 2, max = 200) @Pattern(regexp = "^[^<>`\\\\]*$", message = "must not contain < > ` or \\")
        String companyName,
        @NotBlank @Email @Size(max = 254) String adminEmail,
        @NotBlank String subscriptionPlan,
        String defaultCurrency,
        String defaultTimezone,
        @Pattern(regexp = "^[A-Za-z0-9-]{2,40}$", message = "is not a warehouse location") String datasetLocation,
        boolean forceRecreateDataset,
        boolean forceRecreateTables,
        boolean regenerateApiKeyIfExists) {
}
