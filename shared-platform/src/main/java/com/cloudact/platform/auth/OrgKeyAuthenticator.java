package com.cloudact.platform.auth;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves an org API key to its organization: the key's SHA-256 hash is looked up among active keys of active
 * organizations. Lookups are cached briefly (30 s) so the warehouse is not asked on every request; revocations
 * made through this service evict at once.
 */
public class OrgKeyAuthenticator implements AutoCloseable {

    private static final SqlText LOOKUP = SqlText.of("""
            SELECT k.org_api_key_id, k.org_slug, k.org_api_key_hash, k.scopes, k.expires_at
            FROM ${central}.org_api_keys k
            JOIN ${central}.org_profiles p ON p.org_slug = k.org_slug
            WHERE k.org_api_key_hash = @hash AND k.is_active AND p.status = 'ACTIVE'""")
            .with("central", DatasetName.CENTRAL);

    private static final SqlText TOUCH = SqlText.of("""
            UPDATE ${central}.org_api_keys SET last_used_at = @now WHERE org_api_key_id IN UNNEST(@ids)""")
            .with("central", DatasetName.CENTRAL);
    private static final Logger LOG = LoggerFactory.getLogger(OrgKeyAuthenticator.class);

    private final Warehouse warehouse;
    private final Clock clock;
    private final Cache<String, Optional<KeyRecord>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();
    /** Keys used since the last flush; their last_used_at is written once a minute, not on every request. */
    private final Set<String> usedKeys = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("api-key-last-used").daemon(true).factory());

    private record KeyRecord(OrgCaller caller, String hash, Instant expiresAt) {
    }

    public OrgKeyAuthenticator(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
        flusher.scheduleWithFixedDelay(this::flushQuietly, 60, 60, TimeUnit.SECONDS);
    }

    public OrgCaller authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            throw new CloudActException(ErrorCode.MISSING_API_KEY, "X-API-Key header is required");
        }
        if (presentedKey.length() > 256) {
            throw new CloudActException(ErrorCode.INVALID_API_KEY, "Invalid or inactive API key");
        }
        String hash = ApiKeys.hash(presentedKey);
        KeyRecord key = cache.get(hash, this::lookup)
                .filter(k -> ApiKeys.matchesHash(presentedKey, k.hash()))
                .orElseThrow(() -> new CloudActException(ErrorCode.INVALID_API_KEY, "Invalid or inactive API key"));
        if (key.expiresAt() != null && !key.expiresAt().isAfter(clock.instant())) {
            throw new CloudActException(ErrorCode.API_KEY_EXPIRED, "API key has expired");
        }
        usedKeys.add(key.caller().apiKeyId());
        return key.caller();
    }

    /** Writes last_used_at of the keys used since the last flush. */
    public void flushLastUsed() {
        List<String> ids = List.copyOf(usedKeys);
        if (ids.isEmpty()) {
            return;
        }
        usedKeys.removeAll(ids);
        warehouse.execute(TOUCH, Map.of("ids", ids, "now", clock.instant()));
    }

    private void flushQuietly() {
        try {
            flushLastUsed();
        } catch (RuntimeException e) {
            LOG.warn("Recording when API keys were last used failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }

    /** Forgets cached lookups, e.g. after a key of this org was revoked or rotated. */
    public void evictAll() {
        cache.invalidateAll();
    }

    private Optional<KeyRecord> lookup(String hash) {
        List<Row> rows = warehouse.query(LOOKUP, Map.of("hash", hash));
        return rows.stream().findFirst().map(row -> new KeyRecord(
                new OrgCaller(OrgSlug.of(row.string("org_slug")), row.string("org_api_key_id"),
                        row.list("scopes").stream().map(String::valueOf).toList()),
                row.string("org_api_key_hash"), row.instant("expires_at")));
    }
}
