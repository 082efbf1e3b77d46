package com.cloudact.api.organizations;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
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

    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final SqlText INSERT = SqlText.of("""
            INSERT INTO ${central}.org_api_keys (org_api_key_id, org_slug, org_api_key_hash, encrypted_org_api_key,
                key_fingerprint, scopes, description, is_active, expires_at, created_at)
            VALUES (@id, @org, @hash, @encrypted, @fingerprint, @scopes, @description, TRUE, @expires, @now)""")
            .with("central", CENTRAL);
    private static final SqlText ACTIVE = SqlText.of("""
            SELECT * FROM ${central}.org_api_keys
            WHERE org_slug = @org AND is_active ORDER BY created_at DESC""").with("central", CENTRAL);
    private static final SqlText REVOKE_ALL = SqlText.of("""
            UPDATE ${central}.org_api_keys SET is_active = FALSE, revoked_at = @now
            WHERE org_slug = @org AND is_active""").with("central", CENTRAL);
    private static final SqlText BY_HASH = SqlText.of("SELECT * FROM ${central}.org_api_keys WHERE org_api_key_hash = @hash")
            .with("central", CENTRAL);
    private static final SqlText REVOKE_HASH = SqlText.of("""
            UPDATE ${central}.org_api_keys SET is_active = FALSE, revoked_at = @now
            WHERE org_api_key_hash = @hash AND is_active""").with("central", CENTRAL);
    private static final SqlText COUNT = SqlText.of("SELECT COUNT(*) AS n FROM ${central}.org_api_keys WHERE org_slug = @org")
            .with("central", CENTRAL);
    private static final SqlText DELETE_ALL = SqlText.of("DELETE FROM ${central}.org_api_keys WHERE org_slug = @org")
            .with("central", CENTRAL);

    /** A key as stored, without its secret. */
    record StoredKey(String id, OrgSlug org, String hash, String fingerprint, List<String> scopes, boolean active,
                     Instant createdAt, Instant expiresAt, String description) {
    }

    /** A freshly issued key: its plaintext and how it is stored. */
    record IssuedKey(String plaintext, StoredKey stored) {
    }

    private final Warehouse warehouse;
    private final CredentialCipher cipher;
    private final Clock clock;

    OrgApiKeyStore(Warehouse warehouse, CredentialCipher cipher, Clock clock) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.clock = clock;
    }

    IssuedKey issue(OrgSlug org, String description, List<String> scopes, Instant expiresAt) {
        String key = ApiKeys.generate(org);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("hash", ApiKeys.hash(key));
        params.put("encrypted", encrypt(org, key));
        params.put("fingerprint", ApiKeys.fingerprint(key));
        params.put("scopes", scopes);
        params.put("description", description);
        params.put("expires", expiresAt);
        params.put("now", now);
        warehouse.execute(INSERT, params);
        return new IssuedKey(key, new StoredKey(id, org, ApiKeys.hash(key), ApiKeys.fingerprint(key), scopes, true, now,
                expiresAt, description));
    }

    List<StoredKey> active(OrgSlug org) {
        return warehouse.query(ACTIVE, Map.of("org", org.value())).stream().map(OrgApiKeyStore::map).toList();
    }

    /** The newest active key, decrypted, if the org has one. */
    Optional<String> activePlaintext(OrgSlug org) {
        return warehouse.query(ACTIVE, Map.of("org", org.value())).stream().findFirst()
                .map(row -> row.bytes("encrypted_org_api_key"))
                .map(encrypted -> cipher.decryptString(encrypted, AppOrganizations.apiKeyContext(org)));
    }

    long revokeAll(OrgSlug org) {
        return warehouse.execute(REVOKE_ALL, Map.of("org", org.value(), "now", clock.instant()));
    }

    Optional<StoredKey> byHash(String hash) {
        return warehouse.query(BY_HASH, Map.of("hash", hash)).stream().findFirst().map(OrgApiKeyStore::map);
    }

    boolean revoke(String hash) {
        return warehouse.execute(REVOKE_HASH, Map.of("hash", hash, "now", clock.instant())) > 0;
    }

    long count(OrgSlug org) {
        return warehouse.query(COUNT, Map.of("org", org.value())).getFirst().longValue("n");
    }

    byte[] encrypt(OrgSlug org, String key) {
        return cipher.encryptString(key, AppOrganizations.apiKeyContext(org));
    }

    void deleteAll(OrgSlug org) {
        warehouse.execute(DELETE_ALL, Map.of("org", org.value()));
    }

    private static StoredKey map(Row row) {
        return new StoredKey(row.string("org_api_key_id"), OrgSlug.of(row.string("org_slug")),
                row.string("org_api_key_hash"), row.string("key_fingerprint"),
                row.list("scopes").stream().map(String::valueOf).toList(), Boolean.TRUE.equals(row.bool("is_active")),
                row.instant("created_at"), row.instant("expires_at"), row.string("description"));
    }
}
