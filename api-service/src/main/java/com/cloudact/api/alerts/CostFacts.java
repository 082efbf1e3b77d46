package com.cloudact.api.alerts;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cost figures alert rules compare with, read from the org's FOCUS table. */
final class CostFacts {

    private static final SqlText TOTAL = SqlText.of("""
            SELECT COALESCE(SUM(BilledCost), 0) AS total FROM ${org}.cost_data_standard_1_3
            WHERE x_org_slug = @org AND CAST(ChargePeriodStart AS DATE) BETWEEN @from AND @to
              AND (CAST(@cost_type AS STRING) IS NULL OR x_cost_type = @cost_type)
              AND (CAST(@provider AS STRING) IS NULL OR LOWER(ServiceProviderName) = LOWER(@provider)
                   OR x_cloud_provider = LOWER(@provider) OR x_genai_provider = LOWER(@provider))
              AND (CAST(@entity AS STRING) IS NULL OR x_hierarchy_entity_id = @entity
                   OR STRPOS(COALESCE(x_hierarchy_path, ''), CONCAT('/', @entity, '/')) > 0)""");
    private static final SqlText DAILY = SqlText.of("""
            SELECT CAST(ChargePeriodStart AS DATE) AS day, SUM(BilledCost) AS total
            FROM ${org}.cost_data_standard_1_3
            WHERE x_org_slug = @org AND CAST(ChargePeriodStart AS DATE) BETWEEN @from AND @to
            GROUP BY 1 ORDER BY 1""");

    private final Warehouse warehouse;
    private final OrgSlug org;
    private final DatasetName dataset;

    CostFacts(Warehouse warehouse, OrgSlug org, DatasetName dataset) {
        this.warehouse = warehouse;
        this.org = org;
        this.dataset = dataset;
    }

    /** Billed cost between two days (inclusive), optionally of one cost type, provider and hierarchy entity. */
    BigDecimal total(LocalDate from, LocalDate to, String costType, String provider, String entity) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("from", from);
        params.put("to", to);
        params.put("cost_type", costType);
        params.put("provider", provider);
        params.put("entity", entity);
        return warehouse.query(TOTAL.with("org", dataset), params).getFirst().decimal("total");
    }

    /** Billed cost per day between two days; days without cost are absent. */
    Map<LocalDate, BigDecimal> daily(LocalDate from, LocalDate to) {
        List<Row> rows = warehouse.query(DAILY.with("org", dataset), Map.of("org", org.value(), "from", from, "to", to));
        Map<LocalDate, BigDecimal> days = new java.util.TreeMap<>();
        rows.forEach(r -> days.put(r.date("day"), r.decimal("total")));
        return days;
    }
}
