package com.cloudact.api.integrations;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The writes to {@code org_integration_credentials}; reads go through the platform's credential vault. */
@Component
class CredentialRows {

    /** How long a replaced credential keeps working, so runs in flight and scheduled ones finish. */
    static final Duration GRACE = Duration.ofHours(24);

    private static final SqlText INSERT = central("""
            INSERT INTO ${central}.org_integration_credentials (credential_id, org_slug, provider, credential_name,
                encrypted_credential, credential_fingerprint, credential_type, provider_account_id, validation_status,
                last_validated_at, last_error, metadata, is_active, created_by_user_id, created_at, updated_at,
                expires_at)
            VALUES (@id, @org, @provider, @name, @secret, @fingerprint, @type, @account, @status, @now, @error,
                PARSE_JSON(@metadata), TRUE, @user, @now, @now, @expires)""");
    private static final SqlText SCHEDULE_REPLACED = central("""
            UPDATE ${central}.org_integration_credentials
            SET deactivation_scheduled_at = @until, updated_at = @now
            WHERE org_slug = @org AND provider = @provider AND credential_id != @keep AND is_active
              AND validation_status = 'VALID' AND created_at <= @created
              AND (deactivation_scheduled_at IS NULL OR deactivation_scheduled_at > @until)""");
    private static final SqlText DEACTIVATE_UNUSABLE = central("""
            UPDATE ${central}.org_integration_credentials SET is_active = FALSE, updated_at = @now
            WHERE org_slug = @org AND provider = @provider AND credential_id != @keep AND is_active
              AND validation_status != 'VALID'""");
    private static final SqlText RECORD_CHECK = central("""
            UPDATE ${central}.org_integration_credentials
            SET validation_status = @status, last_validated_at = @now, last_error = @error, updated_at = @now
            WHERE org_slug = @org AND credential_id = @id""");
    private static final SqlText RENAME = central("""
            UPDATE ${central}.org_integration_credentials
            SET credential_name = @name, metadata = PARSE_JSON(@metadata), updated_by_user_id = @user, updated_at = @now
            WHERE org_slug = @org AND credential_id = @id""");
    private static final SqlText DEACTIVATE_PROVIDER = central("""
            UPDATE ${central}.org_integration_credentials
            SET is_active = FALSE, updated_by_user_id = @user, updated_at = @now
            WHERE org_slug = @org AND provider = @provider AND is_active""");

    /** A new row's values; {@code metadataJson} holds user and credential-derived metadata. */
    record NewCredential(String credentialId, OrgSlug org, Provider provider, String name, byte[] encrypted,
                         String fingerprint, String type, String accountId, String validationStatus, String error,
                         String metadataJson, String userId, Instant now, Instant expiresAt) {
    }

    private final Warehouse warehouse;

    CredentialRows(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    void insert(NewCredential c) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", c.credentialId());
        params.put("org", c.org().value());
        params.put("provider", c.provider().integrationKey());
        params.put("name", c.name());
        params.put("secret", c.encrypted());
        params.put("fingerprint", c.fingerprint());
        params.put("type", c.type());
        params.put("account", c.accountId());
        params.put("status", c.validationStatus());
        params.put("error", c.error());
        params.put("metadata", c.metadataJson());
        params.put("user", c.userId());
        params.put("now", c.now());
        params.put("expires", c.expiresAt());
        warehouse.execute(INSERT, params);
    }

    /** A newly valid {@code keep} replaces the provider's older valid credentials after the grace period. */
    void scheduleReplaced(OrgSlug org, Provider provider, String keep, Instant keepCreatedAt, Instant now) {
        warehouse.execute(SCHEDULE_REPLACED, Map.of("org", org.value(), "provider", provider.integrationKey(),
                "keep", keep, "created", keepCreatedAt, "until", now.plus(GRACE), "now", now));
    }

    /** Credentials of the provider that never worked stop once another one is stored. */
    void retireUnusable(OrgSlug org, Provider provider, String keep, Instant now) {
        warehouse.execute(DEACTIVATE_UNUSABLE, Map.of("org", org.value(), "provider", provider.integrationKey(),
                "keep", keep, "now", now));
    }

    void recordCheck(OrgSlug org, String credentialId, String status, String error, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("id", credentialId);
        params.put("status", status);
        params.put("error", error);
        params.put("now", now);
        warehouse.execute(RECORD_CHECK, params);
    }

    void rename(OrgSlug org, String credentialId, String name, String metadataJson, String userId, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("id", credentialId);
        params.put("name", name);
        params.put("metadata", metadataJson);
        params.put("user", userId);
        params.put("now", now);
        warehouse.execute(RENAME, params);
    }

    long deactivate(OrgSlug org, Provider provider, String userId, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("provider", provider.integrationKey());
        params.put("user", userId);
        params.put("now", now);
        return warehouse.execute(DEACTIVATE_PROVIDER, params);
    }

    private static SqlText central(String sql) {
        return SqlText.of(sql).with("central", DatasetName.CENTRAL);
    }
}
