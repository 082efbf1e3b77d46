package com.cloudact.platform.warehouse.bigquery;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.model.catalog.ViewSpec;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.FileFormat;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.StagedFile;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseException;
import com.google.cloud.bigquery.BigQueryOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The production warehouse: the central {@code organizations} dataset and one dataset per org in one project.
 * DDL and SQL are generated here and sent through {@link BigQueryGateway}; multi-statement work runs as a
 * BigQuery script inside a transaction that is rolled back on any error.
 */
public final class BigQueryWarehouse implements Warehouse {

    private final BigQueryGateway gateway;
    private final BigQueryDdl ddl;
    private final String project;
    private final String location;

    public BigQueryWarehouse(String project, String location) {
        this(new SdkBigQueryGateway(BigQueryOptions.newBuilder().setProjectId(project).setLocation(location)
                .build().getService(), project, location), project, location);
    }

    BigQueryWarehouse(BigQueryGateway gateway, String project, String location) {
        this.gateway = gateway;
        this.project = project;
        this.location = location;
        this.ddl = new BigQueryDdl(project);
    }

    @Override
    public Dialect dialect() {
        return Dialect.BIGQUERY;
    }

    @Override
    public boolean datasetExists(DatasetName dataset) {
        return gateway.datasetExists(dataset.value());
    }

    @Override
    public Map<String, Set<String>> describe(DatasetName dataset) {
        Map<String, Set<String>> tables = new TreeMap<>();
        if (!datasetExists(dataset)) {
            return tables;
        }
        for (Map<String, Object> row : gateway.query("SELECT table_name, column_name FROM " + ddl.dataset(dataset)
                + ".INFORMATION_SCHEMA.COLUMNS ORDER BY table_name, ordinal_position", Map.of()).rows()) {
            tables.computeIfAbsent((String) row.get("table_name"), t -> new TreeSet<>())
                    .add(((String) row.get("column_name")).toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    @Override
    public SyncResult sync(DatasetName dataset, List<TableSpec> tables, SyncOptions options) {
        boolean created = false;
        if (!datasetExists(dataset)) {
            gateway.createDataset(dataset.value(), location);
            created = true;
        }
        Map<String, Set<String>> existing = describe(dataset);
        List<String> tablesCreated = new ArrayList<>();
        List<String> tablesExisting = new ArrayList<>();
        Map<String, List<String>> columnsAdded = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (TableSpec table : tables) {
            try {
                Set<String> columns = existing.get(table.name());
                if (columns == null) {
                    if (options.createMissingTables()) {
                        gateway.query(ddl.createTable(dataset, table), Map.of());
                        tablesCreated.add(table.name());
                    }
                    continue;
                }
                tablesExisting.add(table.name());
                if (options.addMissingColumns()) {
                    for (ColumnSpec column : table.columns()) {
                        if (!columns.contains(column.name().toLowerCase(Locale.ROOT))) {
                            gateway.query(ddl.addColumn(dataset, table.name(), column), Map.of());
                            columnsAdded.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(column.name());
                        }
                    }
                }
            } catch (WarehouseException e) {
                errors.add(table.name() + ": " + e.firstLine());
            }
        }
        return new SyncResult(created, tablesCreated, tablesExisting, columnsAdded, errors);
    }

    @Override
    public void dropTable(TableRef table) {
        gateway.deleteTable(table.dataset().value(), table.table());
    }

    @Override
    public boolean createView(DatasetName dataset, ViewSpec view, OrgSlug org, boolean replace) {
        if (!replace && describe(dataset).containsKey(view.name())) {
            return false;
        }
        gateway.query(ddl.createView(dataset, view, render(SqlText.of(view.sql(org))
                .with("central", DatasetName.CENTRAL)), replace), Map.of());
        return true;
    }

    @Override
    public void dropDataset(DatasetName dataset) {
        gateway.deleteDataset(dataset.value());
    }

    @Override
    public List<Row> query(SqlText sql, Map<String, ?> params) {
        return gateway.query(render(sql), params).rows().stream().map(Row::new).toList();
    }

    @Override
    public long execute(SqlText sql, Map<String, ?> params) {
        return gateway.query(render(sql), params).affectedRows();
    }

    @Override
    public void executeScript(SqlText script, Map<String, ?> params) {
        gateway.query(transactional(render(script)), params);
    }

    @Override
    public long replaceSlices(TableRef target, List<String> sliceColumns, SqlText source, Map<String, ?> params) {
        String sourceSql = render(source);
        List<String> columns = gateway.dryRunColumns(sourceSql, params);
        String script = replaceSlicesScript(target, sliceColumns, sourceSql, columns);
        Map<String, Object> result = gateway.query(script, params).rows().getFirst();
        return ((Number) result.get("inserted")).longValue();
    }

    String replaceSlicesScript(TableRef target, List<String> sliceColumns, String sourceSql, List<String> columns) {
        String table = ddl.table(target.dataset(), target.table());
        String matches = sliceColumns.stream().map(k -> "t." + k + " = i." + k).collect(Collectors.joining(" AND "));
        String columnList = BigQueryDdl.columnList(columns);
        return "DECLARE inserted INT64 DEFAULT 0;\n" + transactional("CREATE TEMP TABLE _incoming AS " + sourceSql + ";\n"
                + "DELETE FROM " + table + " t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE " + matches + ");\n"
                + "INSERT INTO " + table + " (" + columnList + ") SELECT " + columnList + " FROM _incoming;\n"
                + "SET inserted = @@row_count;") + "\nSELECT inserted;";
    }

    @Override
    public StagedFile stage(DatasetName dataset, Path file, FileFormat format, List<String> columnNames) {
        String table = "_staging_" + UUID.randomUUID().toString().replace("-", "");
        gateway.loadFile(dataset.value(), table, file, format == FileFormat.PARQUET, format == FileFormat.CSV_GZIP,
                columnNames);
        String loaded = ddl.table(dataset, table);
        // Parquet keeps the file's names and types: select by position, as text, under the names asked for.
        String relation = format != FileFormat.PARQUET ? loaded : positional(gateway.columnNames(dataset.value(), table),
                columnNames, loaded);
        return new StagedFile() {
            @Override
            public String relation() {
                return relation;
            }

            @Override
            public void close() {
                gateway.deleteTable(dataset.value(), table);
            }
        };
    }

    private static String positional(List<String> fileColumns, List<String> columnNames, String table) {
        return "(SELECT " + IntStream.range(0, Math.min(fileColumns.size(), columnNames.size()))
                .mapToObj(i -> "CAST(`" + fileColumns.get(i).replace("\\", "\\\\").replace("`", "\\`")
                        + "` AS STRING) AS " + columnNames.get(i))
                .collect(Collectors.joining(", ")) + " FROM " + table + ")";
    }

    /** Wraps statements in a transaction that is rolled back, and the error re-raised, when any statement fails. */
    static String transactional(String statements) {
        return "BEGIN\n  BEGIN TRANSACTION;\n" + statements.strip().replaceAll("(?m)^", "  ")
                + (statements.strip().endsWith(";") ? "" : ";")
                + "\n  COMMIT TRANSACTION;\nEXCEPTION WHEN ERROR THEN\n  ROLLBACK TRANSACTION;\n"
                + "  RAISE USING MESSAGE = @@error.message;\nEND;";
    }

    private String render(SqlText sql) {
        return sql.render(ddl::dataset);
    }

    @Override
    public String toString() {
        return "BigQueryWarehouse[" + project + ", " + location + "]";
    }
}
