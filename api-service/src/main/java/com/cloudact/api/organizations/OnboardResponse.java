package com.cloudact.api.organizations;

import java.util.List;

/** Result of onboarding; {@code api_key} is the only time the plaintext key is shown. */
record OnboardResponse(String orgSlug, String apiKey, String subscriptionPlan, String defaultCurrency,
                       String defaultCountry, String defaultLanguage, String defaultTimezone, String datasetLocation,
                       String orgDatasetId, boolean datasetCreated, List<String> tablesCreated, String dryrunStatus,
                       String message) {

    /** The answer as kept for replays of the same Idempotency-Key: the key is never stored. */
    OnboardResponse withRedactedKey() {
        return new OnboardResponse(orgSlug, "[redacted]", subscriptionPlan, defaultCurrency, defaultCountry,
                defaultLanguage, defaultTimezone, datasetLocation, orgDatasetId, datasetCreated, tablesCreated,
                "CACHED", message);
    }
}
