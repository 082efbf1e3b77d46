package com.cloudact.api.admin;

import com.cloudact.platform.warehouse.DatasetDrift;
import java.util.List;
import java.util.Map;

/** The central dataset compared with the catalog: SYNCED, OUT_OF_SYNC or NOT_BOOTSTRAPPED. */
record BootstrapStatus(String status, boolean datasetExists, int tablesExpected, List<String> tablesExisting,
                       List<String> tablesMissing, List<String> tablesExtra,
                       Map<String, DatasetDrift.ColumnDrift> schemaDiffs, String message) {
}
