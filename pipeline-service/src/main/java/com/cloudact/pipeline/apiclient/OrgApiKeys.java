package com.cloudact.pipeline.apiclient;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An org's API key when no request brought it: after a restart, the quota slot of an interrupted run is released
 * with the org's own key, recovered from the encrypted copy the API service keeps ({@code org_api_keys}). The key
 * the run was started with is preferred while it is still active.
 */
@Component
public class OrgApiKeys {

    private static final SqlText ACTIVE = SqlText.of("""
            SELECT org_api_key_id, encrypted_org_api_key, created_at FROM ${central}.org_api_keys
            WHERE org_slug = @org AND is_active AND encrypted_org_api_key IS NOT NULL
              AND (expires_at IS NULL OR expires_at > @now)""").with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;
    private final CredentialCipher cipher;
    private final Clock clock;

    OrgApiKeys(Warehouse warehouse, CredentialCipher cipher, Clock clock) {
        this.warehouse = warehouse;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Optional<String> activeKey(OrgSlug org, String preferredKeyId) {
        List<Row> keys = warehouse.query(ACTIVE, Map.of("org", org.value(), "now", clock.instant()));
        return keys.stream()
                .sorted(Comparator.comparing((Row r) -> !Objects.equals(r.string("org_api_key_id"), preferredKeyId))
                        .thenComparing(r -> r.instant("created_at"), Comparator.reverseOrder()))
                .findFirst()
                .map(r -> cipher.decryptString(r.bytes("encrypted_org_api_key"), AppOrganizations.apiKeyContext(org)));
    }
}
