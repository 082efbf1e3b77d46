package com.cloudact.platform.credentials;

import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import java.time.Instant;

/**
 * One row of {@code org_integration_credentials} without its secret: what may be shown or logged.
 *
 * @param provider         the registry provider; null for a row whose provider name is no longer known
 * @param validationStatus VALID, INVALID, PENDING or FAILED
 * @param metadataJson     the metadata column as JSON text, or null
 */
public record StoredCredential(
        String credentialId,
        OrgSlug org,
        Provider provider,
        String credentialName,
        String credentialType,
        String fingerprint,
        String accountId,
        String validationStatus,
        Instant lastValidatedAt,
        String lastError,
        String metadataJson,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        Instant deactivationScheduledAt) {

    public static final String VALID = "VALID";

    public boolean isValid() {
        return VALID.equals(validationStatus);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Whether pipelines may read the provider with it now. */
    public boolean isUsable(Instant now) {
        return isValid() && !isExpired(now);
    }
}
