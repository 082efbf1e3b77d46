package com.cloudact.api.organizations;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.OrgKeyAuthenticator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * An org's API key lifecycle: issue, rotate (revoke all, issue one), revoke one by hash, and read metadata.
 * Every change is audited, keeps the frontend's encrypted copy current, and drops cached key lookups at once.
 */
@Service
public class ApiKeyService {

    /** Scopes a key may hold; an empty list means all of them. */
    public static final List<String> SCOPES = List.of("pipelines:read", "pipelines:write", "pipelines:execute",
            "costs:read", "integrations:write", "org:admin");

    private final OrgApiKeyStore keys;
    private final OrgProfiles profiles;
    private final AppOrganizations appOrganizations;
    private final OrgKeyAuthenticator authenticator;
    private final AuditLog audit;

    ApiKeyService(OrgApiKeyStore keys, OrgProfiles profiles, AppOrganizations appOrganizations,
                  OrgKeyAuthenticator authenticator, AuditLog audit) {
        this.keys = keys;
        this.profiles = profiles;
        this.appOrganizations = appOrganizations;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    /** A key that was just issued; {@code plaintext} is shown to the caller once. */
    public record NewKey(OrgSlug org, String plaintext, String hash, String fingerprint, Instant createdAt,
                         String description, long revoked) {
    }

    /** Revokes every active key of the org and issues a new one. */
    public NewKey rotate(OrgSlug org, Caller caller, String description, List<String> scopes, Instant expiresAt) {
        requireActive(org);
        checkScopes(scopes);
        long revoked = keys.revokeAll(org);
        OrgApiKeyStore.IssuedKey issued = keys.issue(org, description, scopes, expiresAt);
        appOrganizations.storeApiKey(org, keys.encrypt(org, issued.plaintext()), issued.stored().fingerprint());
        authenticator.evictAll();
        audit.success(org, caller, AuditLog.Action.ROTATE, AuditLog.Resource.API_KEY, issued.stored().id(),
                Map.of("revoked_keys", revoked, "fingerprint", issued.stored().fingerprint()));
        return new NewKey(org, issued.plaintext(), issued.stored().hash(), issued.stored().fingerprint(),
                issued.stored().createdAt(), description, revoked);
    }

    /** Issues a key for an org that has none active (409 otherwise). */
    public NewKey issueFirst(OrgSlug org, Caller caller, String description) {
        requireActive(org);
        if (!keys.active(org).isEmpty()) {
            throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                    "Organization " + org + " already has an active API key; rotate it instead");
        }
        OrgApiKeyStore.IssuedKey issued = keys.issue(org, description, List.of(), null);
        appOrganizations.storeApiKey(org, keys.encrypt(org, issued.plaintext()), issued.stored().fingerprint());
        audit.success(org, caller, AuditLog.Action.CREATE, AuditLog.Resource.API_KEY, issued.stored().id(),
                Map.of("fingerprint", issued.stored().fingerprint()));
        return new NewKey(org, issued.plaintext(), issued.stored().hash(), issued.stored().fingerprint(),
                issued.stored().createdAt(), description, 0);
    }

    /** Revokes one key by its hash; returns the org it belonged to. */
    public OrgSlug revoke(String hash, Caller caller) {
        if (hash == null || !hash.matches("^[0-9a-f]{64}$")) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "The key hash must be 64 lower-case hex characters");
        }
        OrgApiKeyStore.StoredKey key = keys.byHash(hash).orElseThrow(() ->
                new CloudActException(ErrorCode.NOT_FOUND, "No API key with that hash"));
        keys.revoke(hash);
        authenticator.evictAll();
        audit.success(key.org(), caller, AuditLog.Action.DELETE, AuditLog.Resource.API_KEY, key.id(),
                Map.of("fingerprint", key.fingerprint()));
        return key.org();
    }

    /** The active key's metadata (never its secret). */
    public Optional<ActiveKey> activeKey(OrgSlug org) {
        return keys.active(org).stream().findFirst().map(k -> new ActiveKey(org, k.hash().substring(60), k.active(),
                k.createdAt(), k.expiresAt(), k.scopes()));
    }

    /** Metadata of an org's active key; the fingerprint is the last 4 characters of the key's hash. */
    public record ActiveKey(OrgSlug org, String fingerprint, boolean active, Instant createdAt, Instant expiresAt,
                            List<String> scopes) {
    }

    /** The org's active key in clear, for the platform's own calls on the org's behalf (batch runs). */
    public Optional<String> keyForServiceCalls(OrgSlug org) {
        return keys.activePlaintext(org);
    }

    long keyCount(OrgSlug org) {
        return keys.count(org);
    }

    private void requireActive(OrgSlug org) {
        OrgProfile profile = profiles.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded"));
        if (!profile.active()) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Organization " + org + " is " + profile.status());
        }
    }

    private static void checkScopes(List<String> scopes) {
        for (String scope : scopes) {
            if (!SCOPES.contains(scope)) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                        "Unknown scope '" + scope + "'; scopes are " + SCOPES);
            }
        }
    }
}
