package com.cloudact.platform.credentials;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads stored provider credentials, always for one org. A credential is <em>current</em> while it is active and its
 * replacement grace period ({@code deactivation_scheduled_at}) has not run out; the newest current row of a provider
 * is the one shown and used. Only {@link #decrypt} ever touches the secret.
 */
public class CredentialVault {

    /** The columns every read selects; never the encrypted secret. */
    static final String COLUMNS = """
            credential_id, org_slug, provider, credential_name, credential_type, credential_fingerprint,
            provider_account_id, validation_status, last_validated_at, last_error, metadata, created_at, updated_at,
            expires_at, deactivation_scheduled_at""";
    private static final SqlText CURRENT = SqlText.of("SELECT " + COLUMNS + """
             FROM ${central}.org_integration_credentials
            WHERE org_slug = @org AND is_active
              AND (deactivation_scheduled_at IS NULL OR deactivation_scheduled_at > @now)
            ORDER BY created_at DESC""").with("central", DatasetName.CENTRAL);
    /** What {@link #usable} means, for every active org at once: valid, current, unexpired, newest per provider. */
    private static final SqlText USABLE_OF_ACTIVE_ORGS = SqlText.of("SELECT " + COLUMNS + """
             FROM ${central}.org_integration_credentials
            WHERE is_active AND validation_status = 'VALID'
              AND (deactivation_scheduled_at IS NULL OR deactivation_scheduled_at > @now)
              AND (expires_at IS NULL OR expires_at > @now)
              AND (CAST(@org AS STRING) IS NULL OR org_slug = @org)
              AND org_slug IN (SELECT org_slug FROM ${central}.org_profiles WHERE status = 'ACTIVE')
            QUALIFY ROW_NUMBER() OVER (PARTITION BY org_slug, provider ORDER BY created_at DESC) = 1
            ORDER BY org_slug, provider""").with("central", DatasetName.CENTRAL);
    private static final SqlText SECRET = SqlText.of("""
            SELECT encrypted_credential FROM ${central}.org_integration_credentials
            WHERE org_slug = @org AND credential_id = @id""").with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;
    private final CredentialCipher cipher;
    private final Clock clock;

    public CredentialVault(Warehouse warehouse, CredentialCipher cipher, Clock clock) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The cipher context binding a secret to its org and row, so a ciphertext copied to another row won't open. */
    public static String cipherContext(OrgSlug org, String credentialId) {
        return "org_integration_credentials:" + org.value() + ":" + credentialId;
    }

    /** Every current credential of the org, newest first (a provider can have two during a grace period). */
    public List<StoredCredential> current(OrgSlug org) {
        return warehouse.query(CURRENT, Map.of("org", org.value(), "now", clock.instant())).stream()
                .map(CredentialVault::toCredential)
                .toList();
    }

    /** The providers with a current credential; what the plan's providers limit counts. */
    public Set<Provider> configuredProviders(OrgSlug org) {
        return current(org).stream().map(StoredCredential::provider).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Provider.class)));
    }

    /** The provider's newest current credential, whatever its validation status. */
    public Optional<StoredCredential> current(OrgSlug org, Provider provider) {
        return current(org).stream().filter(c -> c.provider() == provider).findFirst();
    }

    /** The newest current credential pipelines may use: validated and not expired. */
    public Optional<StoredCredential> usable(OrgSlug org, Provider provider) {
        return current(org).stream()
                .filter(c -> c.provider() == provider && c.isUsable(clock.instant()))
                .findFirst();
    }

    /**
     * The credential pipelines may use of every provider of every active org (or of one org): the platform's daily
     * fan-out. Reads across orgs, so only platform-level callers use it.
     */
    public List<StoredCredential> usableOfActiveOrgs(Optional<OrgSlug> onlyOrg) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", onlyOrg.map(OrgSlug::value).orElse(null));
        params.put("now", clock.instant());
        return warehouse.query(USABLE_OF_ACTIVE_ORGS, params).stream().map(CredentialVault::toCredential).toList();
    }

    /** The plaintext credential as the user gave it. */
    public String decrypt(StoredCredential credential) {
        List<Row> rows = warehouse.query(SECRET, Map.of("org", credential.org().value(),
                "id", credential.credentialId()));
        if (rows.isEmpty()) {
            throw new IllegalStateException("Credential " + credential.credentialId() + " no longer exists");
        }
        return cipher.decryptString(rows.getFirst().bytes("encrypted_credential"),
                cipherContext(credential.org(), credential.credentialId()));
    }

    static StoredCredential toCredential(Row row) {
        return new StoredCredential(row.string("credential_id"), OrgSlug.of(row.string("org_slug")),
                Provider.find(row.string("provider")).orElse(null), row.string("credential_name"),
                row.string("credential_type"), row.string("credential_fingerprint"),
                row.string("provider_account_id"), row.string("validation_status"), row.instant("last_validated_at"),
                row.string("last_error"), row.string("metadata"), row.instant("created_at"),
                row.instant("updated_at"), row.instant("expires_at"), row.instant("deactivation_scheduled_at"));
    }
}
