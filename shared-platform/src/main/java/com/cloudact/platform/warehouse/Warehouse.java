package com.cloudact.platform.warehouse;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.model.catalog.ViewSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one door to cost data (BigQuery in production, DuckDB embedded). Datasets and tables are created from the
 * catalog; SQL is a {@link SqlText} whose values are always bound as parameters. Engine errors surface as
 * {@link WarehouseException} (and {@link WriteConflictException} when a concurrent write won), never as a vendor
 * exception.
 */
public interface Warehouse {

    Dialect dialect();

    boolean datasetExists(DatasetName dataset);

    /** The tables of a dataset with their column names (lower case); empty when the dataset does not exist. */
    Map<String, Set<String>> describe(DatasetName dataset);

    /**
     * Creates the dataset if missing and, as the options say, the missing tables and the missing columns of
     * existing tables. Never drops a table or a column.
     */
    SyncResult sync(DatasetName dataset, List<TableSpec> tables, SyncOptions options);

    void dropTable(TableRef table);

    /**
     * Creates a per-org view from the catalog (materialized where the engine has that), reading the central
     * dataset; with {@code replace} an existing one is recreated, otherwise left as it is.
     *
     * @return whether the view was (re)created
     */
    boolean createView(DatasetName dataset, ViewSpec view, OrgSlug org, boolean replace);

    /** Drops a dataset with everything in it (offboarding, forced re-bootstrap). */
    void dropDataset(DatasetName dataset);

    List<Row> query(SqlText sql, Map<String, ?> params);

    /** Runs one DML or DDL statement and returns the number of rows it changed. */
    long execute(SqlText sql, Map<String, ?> params);

    /** Runs a multi-statement script as one transaction: all of it takes effect, or none of it. */
    void executeScript(SqlText script, Map<String, ?> params);

    /**
     * Replaces slices of {@code target} in one transaction: the rows of {@code source} are computed, every target
     * row whose {@code sliceColumns} values equal those of some source row is deleted, and the source rows are
     * inserted (matched to target columns by name). A re-run with the same source therefore never duplicates rows.
     *
     * @return the number of rows inserted
     */
    long replaceSlices(TableRef target, List<String> sliceColumns, SqlText source, Map<String, ?> params);

    /**
     * Makes a local file readable from SQL. Every column is read as a string named as {@code columnNames} says, in
     * file order: CSV without type guessing, skipping the header line; Parquet by position. The returned
     * handle gives the relation to select from; closing it removes whatever staging the engine needed.
     */
    StagedFile stage(DatasetName dataset, Path file, FileFormat format, List<String> columnNames);
}
