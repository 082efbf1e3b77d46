package com.cloudact.api.integrations;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.genai.GenAiIntegrationSeeding;
import com.cloudact.api.integrations.IntegrationViews.Deleted;
import com.cloudact.api.integrations.IntegrationViews.IntegrationList;
import com.cloudact.api.integrations.IntegrationViews.IntegrationStatus;
import com.cloudact.api.integrations.IntegrationViews.SetupRequest;
import com.cloudact.api.integrations.IntegrationViews.SetupResponse;
import com.cloudact.api.integrations.IntegrationViews.UpdateRequest;
import com.cloudact.api.organizations.OrgProfiles;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.QuotaLimits;
import com.cloudact.platform.appdb.AppOrganization;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.providers.CheckResult;
import com.cloudact.platform.providers.ConnectionStatus;
import com.cloudact.platform.providers.CredentialProfile;
import com.cloudact.platform.providers.ProviderCheckers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores, checks, lists and removes an org's provider credentials. A credential is format-checked locally, then
 * checked against the provider's real API, encrypted with the credential cipher (bound to its org and row) and
 * stored with its outcome; a credential the provider refused is kept so the user can see why, but pipelines only
 * use valid, unexpired ones. A valid new credential replaces the old one after a 24-hour grace period.
 */
@Service
class IntegrationService {

    static final String NOT_CONFIGURED = "NOT_CONFIGURED";
    /** Stored credentials expire so that they are rotated; the credential-expiry alert warns before. */
    static final Duration LIFETIME = Duration.ofDays(90);
    private static final int UNLIMITED = 999_999;
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CredentialVault vault;
    private final CredentialRows rows;
    private final CredentialCipher cipher;
    private final ProviderCheckers checkers;
    private final OrgProfiles profiles;
    private final AppOrganizations appOrganizations;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxCredentialBytes;
    private final GenAiIntegrationSeeding genAiSeeding;

    IntegrationService(CredentialVault vault, CredentialRows rows, CredentialCipher cipher, ProviderCheckers checkers,
                       OrgProfiles profiles, AppOrganizations appOrganizations, AuditLog audit, Clock clock,
                       @Value("${cloudact.integrations.max-credential-bytes:102400}") int maxCredentialBytes,
                       GenAiIntegrationSeeding genAiSeeding) {
        this.vault = vault;
        this.rows = rows;
        this.cipher = cipher;
        this.checkers = checkers;
        this.profiles = profiles;
        this.appOrganizations = appOrganizations;
        this.audit = audit;
        this.clock = clock;
        this.maxCredentialBytes = maxCredentialBytes;
        this.genAiSeeding = genAiSeeding;
    }

    /** The provider an URL segment or stored name means, if a credential can be stored for it. */
    static Provider provider(String name) {
        return Provider.find(name).filter(CredentialProfile.CONNECTABLE::contains).orElseThrow(() ->
                new CloudActException(ErrorCode.INVALID_PARAMETER, "Unknown integration provider '" + name
                        + "'; supported: " + CredentialProfile.CONNECTABLE.stream().map(Provider::id).toList()));
    }

    SetupResponse setup(OrgSlug org, Provider provider, SetupRequest request, Caller caller, String userId) {
        AppOrganization account = requireAccount(org);
        requireSize(request.credential(), request.metadata());
        CredentialProfile profile = readCredential(provider, request.credential());
        Map<String, String> metadata = MetadataRules.check(provider, request.metadata(), profile.derivedMetadata());
        requireProviderSlot(org, provider, account.limits());
        return store(org, provider, request.credential().strip(), profile, request.credentialName(), metadata,
                caller, userId);
    }

    SetupResponse validate(OrgSlug org, Provider provider, Caller caller) {
        requireAccount(org);
        StoredCredential current = vault.current(org, provider).orElse(null);
        if (current == null) {
            return new SetupResponse(false, provider.integrationKey(), null, NOT_CONFIGURED,
                    "No " + provider.displayName() + " integration is configured", "Set up the integration first",
                    null, null, null);
        }
        CheckResult check = check(provider, vault.decrypt(current));
        String status = validationStatus(check);
        Instant now = clock.instant();
        rows.recordCheck(org, current.credentialId(), status, check.isValid() ? null : check.message(), now);
        if (check.isValid()) {
            rows.scheduleReplaced(org, provider, current.credentialId(), current.createdAt(), now);
            genAiSeeding.afterValidation(org, provider);
        }
        audit.success(org, caller, AuditLog.Action.EXECUTE, AuditLog.Resource.INTEGRATION, current.credentialId(),
                Map.of("provider", provider.integrationKey(), "operation", "validate", "validation_status", status));
        return response(provider, current.credentialId(), current.credentialType(), current.fingerprint(),
                current.expiresAt(), check, "Credential re-validated");
    }

    IntegrationList list(OrgSlug org) {
        requireProfile(org);
        List<StoredCredential> current = vault.current(org);
        Map<String, IntegrationStatus> integrations = new LinkedHashMap<>();
        for (Provider provider : CredentialProfile.CONNECTABLE) {
            integrations.put(provider.integrationKey(), current.stream().filter(c -> c.provider() == provider)
                    .findFirst().map(this::status).orElseGet(() -> notConfigured(provider)));
        }
        List<String> configured = integrations.values().stream()
                .filter(s -> !NOT_CONFIGURED.equals(s.status())).map(IntegrationStatus::provider).toList();
        boolean allValid = !configured.isEmpty() && integrations.values().stream()
                .filter(s -> !NOT_CONFIGURED.equals(s.status()))
                .allMatch(s -> StoredCredential.VALID.equals(s.status()) && !s.expired());
        return new IntegrationList(org.value(), integrations, allValid, configured);
    }

    IntegrationStatus get(OrgSlug org, Provider provider) {
        requireProfile(org);
        return vault.current(org, provider).map(this::status).orElseGet(() -> notConfigured(provider));
    }

    SetupResponse update(OrgSlug org, Provider provider, UpdateRequest request, Caller caller, String userId) {
        requireAccount(org);
        StoredCredential current = vault.current(org, provider).orElseThrow(() -> notFound(provider));
        String name = request.credentialName() == null ? current.credentialName() : request.credentialName();
        Map<String, String> userMetadata = metadataStrings(current);
        userMetadata.keySet().removeAll(readCredential(provider, vault.decrypt(current)).derivedMetadata().keySet());
        if (request.credential() != null) {
            requireSize(request.credential(), request.metadata());
            CredentialProfile profile = readCredential(provider, request.credential());
            userMetadata.keySet().removeAll(profile.derivedMetadata().keySet());
            userMetadata.putAll(MetadataRules.check(provider, request.metadata(), profile.derivedMetadata()));
            return store(org, provider, request.credential().strip(), profile, name, userMetadata, caller, userId);
        }
        requireSize("", request.metadata());
        Map<String, String> metadata = metadataStrings(current);
        Map<String, String> derived = new LinkedHashMap<>(metadata);
        derived.keySet().removeAll(userMetadata.keySet());
        metadata.putAll(MetadataRules.check(provider, request.metadata(), derived));
        rows.rename(org, current.credentialId(), name, JSON.writeValueAsString(metadata), userId, clock.instant());
        audit.success(org, caller, AuditLog.Action.UPDATE, AuditLog.Resource.INTEGRATION, current.credentialId(),
                Map.of("provider", provider.integrationKey(), "credential_name_changed", request.credentialName() != null,
                        "metadata_changed", request.metadata() != null));
        return new SetupResponse(current.isUsable(clock.instant()), provider.integrationKey(), current.credentialId(),
                current.validationStatus(), current.lastError(), "Integration updated", current.credentialType(),
                current.fingerprint(), current.expiresAt());
    }

    Deleted delete(OrgSlug org, Provider provider, Caller caller, String userId) {
        requireProfile(org);
        long removed = rows.deactivate(org, provider, userId, clock.instant());
        if (removed == 0) {
            throw notFound(provider);
        }
        audit.success(org, caller, AuditLog.Action.DELETE, AuditLog.Resource.INTEGRATION, provider.integrationKey(),
                Map.of("provider", provider.integrationKey(), "credentials_deactivated", removed));
        return new Deleted(true, provider.displayName() + " integration removed", provider.integrationKey());
    }

    private SetupResponse store(OrgSlug org, Provider provider, String credential, CredentialProfile profile,
                                String name, Map<String, String> userMetadata, Caller caller, String userId) {
        CheckResult check = check(provider, credential);
        String status = validationStatus(check);
        String credentialId = UUID.randomUUID().toString();
        byte[] encrypted = cipher.encryptString(credential, CredentialVault.cipherContext(org, credentialId));
        if (Arrays.equals(encrypted, credential.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException("The credential cipher returned the plaintext");
        }
        Map<String, String> metadata = new LinkedHashMap<>(userMetadata);
        metadata.putAll(profile.derivedMetadata());
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        rows.insert(new CredentialRows.NewCredential(credentialId, org, provider,
                name == null ? provider.displayName() : name, encrypted, profile.fingerprint(),
                profile.credentialType(), profile.accountId(), status, check.isValid() ? null : check.message(),
                JSON.writeValueAsString(metadata), userId, now, expires));
        rows.retireUnusable(org, provider, credentialId, now);
        if (check.isValid()) {
            rows.scheduleReplaced(org, provider, credentialId, now, now);
            genAiSeeding.afterValidation(org, provider);
        }
        audit.success(org, caller, AuditLog.Action.CREATE, AuditLog.Resource.INTEGRATION, credentialId,
                Map.of("provider", provider.integrationKey(), "credential_type", profile.credentialType(),
                        "validation_status", status));
        LOG.info("Stored {} credential {} of {}: {}", provider.integrationKey(), credentialId, org, status);
        return response(provider, credentialId, profile.credentialType(), profile.fingerprint(), expires, check,
                check.isValid() ? "Integration configured" : "Credential stored but not usable: " + check.message());
    }

    private CheckResult check(Provider provider, String credential) {
        try {
            return checkers.forProvider(provider).check(credential);
        } catch (RuntimeException e) {
            // Checkers report every provider answer as a result; this is a bug on our side, so keep its class only.
            LOG.error("Credential check for {} failed with {}", provider.integrationKey(), e.getClass().getName());
            return CheckResult.of(ConnectionStatus.UNREACHABLE,
                    "The connection check could not run");
        }
    }

    /** The stored status for a check outcome: VALID, INVALID (provider refused), FAILED (no answer), PENDING. */
    static String validationStatus(CheckResult check) {
        return switch (check.status()) {
            case VALID -> StoredCredential.VALID;
            case INVALID, FORBIDDEN, MALFORMED, BLOCKED -> "INVALID";
            case UNREACHABLE -> "FAILED";
            case PENDING -> "PENDING";
        };
    }

    private static SetupResponse response(Provider provider, String credentialId, String type, String fingerprint,
                                          Instant expires, CheckResult check, String message) {
        return new SetupResponse(check.isValid(), provider.integrationKey(), credentialId, validationStatus(check),
                check.isValid() ? null : check.message(), message, type, fingerprint, expires);
    }

    private IntegrationStatus status(StoredCredential c) {
        return new IntegrationStatus(c.provider().integrationKey(), c.validationStatus(), c.credentialId(),
                c.credentialName(), c.credentialType(), c.fingerprint(), c.accountId(), c.lastValidatedAt(),
                c.lastError(), c.createdAt(), c.expiresAt(), c.isExpired(clock.instant()), metadata(c));
    }

    private static IntegrationStatus notConfigured(Provider provider) {
        return new IntegrationStatus(provider.integrationKey(), NOT_CONFIGURED, null, null, null, null, null, null,
                null, null, null, false, Map.of());
    }

    private static Map<String, Object> metadata(StoredCredential c) {
        if (c.metadataJson() == null) {
            return Map.of();
        }
        return JSON.readValue(c.metadataJson(), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The stored metadata as strings, in a map the caller may change. */
    private static Map<String, String> metadataStrings(StoredCredential c) {
        Map<String, String> values = new LinkedHashMap<>();
        metadata(c).forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
        return values;
    }

    private void requireSize(String credential, Map<String, Object> metadata) {
        if (credential.getBytes(StandardCharsets.UTF_8).length > maxCredentialBytes) {
            throw new CloudActException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Credential is larger than " + maxCredentialBytes + " bytes");
        }
        if (metadata != null && JSON.writeValueAsBytes(metadata).length > MetadataRules.MAX_BYTES) {
            throw new CloudActException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Metadata is larger than " + MetadataRules.MAX_BYTES + " bytes");
        }
    }

    private static CredentialProfile readCredential(Provider provider, String credential) {
        try {
            return CredentialProfile.read(provider, credential);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
    }

    private void requireProviderSlot(OrgSlug org, Provider provider, QuotaLimits limits) {
        Set<Provider> configured = vault.configuredProviders(org);
        if (!configured.contains(provider) && limits.providers() < UNLIMITED
                && configured.size() >= limits.providers()) {
            throw new CloudActException(ErrorCode.QUOTA_EXCEEDED, "Integration limit reached. Your plan allows "
                    + limits.providers() + " integrations. Upgrade to add more.");
        }
    }

    private void requireProfile(OrgSlug org) {
        profiles.find(org).filter(p -> p.active()).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded or not active"));
    }

    private AppOrganization requireAccount(OrgSlug org) {
        requireProfile(org);
        AppOrganization account = appOrganizations.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " has no account"));
        if (!account.subscriptionActive()) {
            throw new CloudActException(ErrorCode.SUBSCRIPTION_INACTIVE, "Subscription is "
                    + account.subscriptionStatus() + "; integrations need an active or trial plan");
        }
        return account;
    }

    private static CloudActException notFound(Provider provider) {
        return new CloudActException(ErrorCode.NOT_FOUND, "No active " + provider.displayName() + " integration");
    }
}
