package com.cloudact.api.organizations;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** Answers of requests sent with an {@code Idempotency-Key}, kept 24 hours ({@code org_idempotency_keys}). */
@Repository
class IdempotencyKeys {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final SqlText FIND = SqlText.of("""
            SELECT org_slug, request_hash, response_data FROM ${central}.org_idempotency_keys
            WHERE idempotency_key = @key AND created_at > @since AND operation_type = @operation""")
            .with("central", DatasetName.CENTRAL);
    private static final SqlText STORE = SqlText.of("""
            INSERT INTO ${central}.org_idempotency_keys (idempotency_key, org_slug, request_hash, response_data,
                operation_type, status, created_at, completed_at, expires_at)
            VALUES (@key, @org, @request, @response, @operation, 'completed', @now, @now, @expires)""")
            .with("central", DatasetName.CENTRAL);

    /** @param requestHash SHA-256 hex of the request the key was first used with */
    record Stored(OrgSlug org, String requestHash, String responseJson) {
    }

    private final Warehouse warehouse;
    private final Clock clock;

    IdempotencyKeys(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    Optional<Stored> find(String key, String operation) {
        return warehouse.query(FIND, Map.of("key", key, "operation", operation,
                        "since", clock.instant().minus(RETENTION))).stream().findFirst()
                .map(row -> new Stored(OrgSlug.of(row.string("org_slug")), row.string("request_hash"),
                        row.string("response_data")));
    }

    void store(String key, String operation, OrgSlug org, String requestHash, String responseJson) {
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("key", key);
        params.put("org", org.value());
        params.put("request", requestHash);
        params.put("response", responseJson);
        params.put("operation", operation);
        params.put("now", now);
        params.put("expires", now.plus(RETENTION));
        warehouse.execute(STORE, params);
    }
}
