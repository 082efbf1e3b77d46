package com.cloudact.platform.health;

import com.cloudact.model.DatasetName;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.util.Map;
import java.util.Set;

/** Whether the warehouse answers, and whether the central dataset has been bootstrapped. */
public class WarehouseReadiness {

    private static final Set<String> CORE_TABLES = Set.of("org_profiles", "org_api_keys", "org_usage_quotas");

    private final Warehouse warehouse;

    public WarehouseReadiness(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public boolean warehouseAnswers() {
        try {
            warehouse.query(SqlText.of("SELECT 1 AS ok"), Map.of());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean bootstrapped() {
        try {
            return warehouse.describe(DatasetName.CENTRAL).keySet().containsAll(CORE_TABLES);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
