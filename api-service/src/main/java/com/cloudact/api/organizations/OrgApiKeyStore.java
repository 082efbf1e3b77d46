package com.cloudact.api.organizations;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Repository;

/**
 * Org API keys in the central {@code org_api_keys} table: the hash for lookup and an encrypted copy for recovery.
 * The plaintext exists only in the response that issues it.
 */
@Repository
class OrgApiKeyStore {

    private static final SqlText INSERT = SqlText.of("""
            INSERT INTO ${central}.org_api_keys (org_api_key_id, org_slug, org_api_key_hash, encrypted_org_api_key,
                key_fingerprint, scopes, description, is_active, created_at)
            VALUES (@id, @org, @hash, @encrypted, @fingerprint, @scopes, @description, TRUE, @now)""")
            .with("central", DatasetName.CENTRAL);
    private static final SqlText ACTIVE = SqlText.of("""
            SELECT encrypted_org_api_key FROM ${central}.org_api_keys
            WHERE org_slug = @org AND is_active ORDER BY created_at DESC LIMIT 1""").with("central", DatasetName.CENTRAL);
    private static final SqlText DELETE_ALL = SqlText.of("DELETE FROM ${central}.org_api_keys WHERE org_slug = @org")
            .with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;
    private final CredentialCipher cipher;
    private final Clock clock;

    OrgApiKeyStore(Warehouse warehouse, CredentialCipher cipher, Clock clock) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Issues a new active key and returns its plaintext. */
    String issue(OrgSlug org) {
        String key = ApiKeys.generate(org);
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("org", org.value());
        params.put("hash", ApiKeys.hash(key));
        params.put("encrypted", encrypt(org, key));
        params.put("fingerprint", ApiKeys.fingerprint(key));
        params.put("scopes", List.of());
        params.put("description", "Issued at onboarding");
        params.put("now", clock.instant());
        warehouse.execute(INSERT, params);
        return key;
    }

    /** The newest active key, decrypted, if the org has one. */
    Optional<String> activeKey(OrgSlug org) {
        return warehouse.query(ACTIVE, Map.of("org", org.value())).stream().findFirst()
                .map(row -> row.bytes("encrypted_org_api_key"))
                .map(encrypted -> cipher.decryptString(encrypted, AppOrganizations.apiKeyContext(org)));
    }

    byte[] encrypt(OrgSlug org, String key) {
        return cipher.encryptString(key, AppOrganizations.apiKeyContext(org));
    }

    void deleteAll(OrgSlug org) {
        warehouse.execute(DELETE_ALL, Map.of("org", org.value()));
    }
}
