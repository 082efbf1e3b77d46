package com.cloudact.api.integrations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the integrations router. Unknown request fields are refused. */
final class IntegrationViews {

    private IntegrationViews() {
    }

    /**
     * Body of every {@code …/setup} endpoint. The credential is an API key, or the JSON document the provider's
     * console produces; its size limit ({@code cloudact.integrations.max-credential-bytes}) answers 413.
     */
    record SetupRequest(@NotBlank @Size(min = 10, message = "must be at least 10 characters") String credential,
                        @Size(min = 3, max = 200) String credentialName,
                        Map<String, Object> metadata) {
    }

    /** Body of {@code PUT /integrations/{org}/{provider}}: a new credential re-runs the setup; else a rename. */
    record UpdateRequest(@Size(min = 10, message = "must be at least 10 characters") String credential,
                         @Size(min = 3, max = 200) String credentialName,
                         Map<String, Object> metadata) {
    }

    /** Answer of setup, validate and update; {@code success} only when the provider accepted the credential. */
    record SetupResponse(boolean success, String provider, String credentialId, String validationStatus,
                         String validationError, String message, String credentialType, String credentialFingerprint,
                         Instant expiresAt) {
    }

    /** One provider's integration; the credential itself is never part of it. */
    record IntegrationStatus(String provider, String status, String credentialId, String credentialName,
                             String credentialType, String credentialFingerprint, String providerAccountId,
                             Instant lastValidatedAt, String lastError, Instant createdAt, Instant expiresAt,
                             boolean expired, Map<String, Object> metadata) {
    }

    record IntegrationList(String orgSlug, Map<String, IntegrationStatus> integrations, boolean allValid,
                           List<String> providersConfigured) {
    }

    record Deleted(boolean success, String message, String provider) {
    }
}
