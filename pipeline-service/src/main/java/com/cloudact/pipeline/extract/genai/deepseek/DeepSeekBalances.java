package com.cloudact.pipeline.extract.genai.deepseek;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The DeepSeek balance snapshots an org already has: rows of {@code genai_provider_costs_raw} with line item
 * {@link DeepSeekUsageSource#SNAPSHOT} written by earlier runs with the same credential, one per day and currency.
 */
@Component
class DeepSeekBalances {

    /** A closing balance recorded for a day. */
    record Snapshot(LocalDate day, String currency, BigDecimal balance) {
    }

    private static final SqlText DATASET = SqlText.of("""
            SELECT org_dataset_id FROM ${central}.org_profiles WHERE org_slug = @org""")
            .with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;

    DeepSeekBalances(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The latest snapshot of the currency before {@code day}, if the org has one. */
    Optional<Snapshot> before(OrgSlug org, String credentialId, String currency, LocalDate day) {
        List<Row> profile = warehouse.query(DATASET, Map.of("org", org.value()));
        if (profile.isEmpty() || profile.getFirst().string("org_dataset_id") == null) {
            return Optional.empty();
        }
        DatasetName dataset = new DatasetName(profile.getFirst().string("org_dataset_id"));
        List<Row> rows = warehouse.query(SqlText.of("""
                SELECT cost_date, quantity FROM ${ds}.genai_provider_costs_raw
                WHERE x_org_slug = @org AND provider = 'deepseek' AND line_item = @snapshot
                  AND x_credential_id = @credential AND quantity_unit = @currency AND cost_date < @day
                ORDER BY cost_date DESC LIMIT 1""").with("ds", dataset),
                Map.of("org", org.value(), "snapshot", DeepSeekUsageSource.SNAPSHOT, "credential", credentialId,
                        "currency", currency, "day", day));
        return rows.stream().findFirst()
                .map(r -> new Snapshot(r.date("cost_date"), currency, r.decimal("quantity")));
    }
}
