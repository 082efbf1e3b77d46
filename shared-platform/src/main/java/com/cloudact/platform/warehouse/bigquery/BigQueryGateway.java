package com.cloudact.platform.warehouse.bigquery;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The few BigQuery calls CloudAct makes, so the warehouse can be tested against a fake and the SDK stays in one
 * class. Values in and out are CloudAct's Java types (see {@link com.cloudact.platform.warehouse.Row}).
 */
interface BigQueryGateway {

    boolean datasetExists(String dataset);

    void createDataset(String dataset, String location);

    void deleteDataset(String dataset);

    void deleteTable(String dataset, String table);

    /** Runs a query or script; DML reports the rows it changed in {@link QueryOutcome#affectedRows()}. */
    QueryOutcome query(String sql, Map<String, ?> params);

    /** The output column names of a query, from a dry run (nothing is read or billed). */
    List<String> dryRunColumns(String sql, Map<String, ?> params);

    /** Loads a CSV (header skipped, every column a STRING named as given) or Parquet file into a new table. */
    void loadFile(String dataset, String table, Path file, boolean parquet, boolean gzip, List<String> columnNames);

    /** A table's column names, in order. */
    List<String> columnNames(String dataset, String table);

    record QueryOutcome(List<Map<String, Object>> rows, long affectedRows) {
    }
}
