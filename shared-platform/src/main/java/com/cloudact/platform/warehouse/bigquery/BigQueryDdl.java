package com.cloudact.platform.warehouse.bigquery;

import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.ColumnType;
import com.cloudact.model.catalog.Partitioning;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.model.catalog.ViewSpec;
import com.cloudact.platform.warehouse.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * BigQuery DDL generated from the catalog, with the catalog's time partitioning, clustering and (unenforced)
 * primary key. Money ({@code NUMERIC} in the catalog) is BIGNUMERIC: NUMERIC's nine decimals cannot hold the
 * sub-nano-dollar line items real bills contain.
 */
final class BigQueryDdl {

    private final String project;

    BigQueryDdl(String project) {
        this.project = project;
    }

    String dataset(DatasetName dataset) {
        return "`" + project + "." + dataset.value() + "`";
    }

    String table(DatasetName dataset, String table) {
        return "`" + project + "." + dataset.value() + "." + table + "`";
    }

    String createTable(DatasetName dataset, TableSpec table) {
        List<String> lines = new ArrayList<>();
        for (ColumnSpec column : table.columns()) {
            lines.add("  " + column.name() + " " + Dialect.BIGQUERY.sqlType(column)
                    + (column.required() && !column.repeated() ? " NOT NULL" : "")
                    + (column.description().isBlank() ? "" : " OPTIONS(description=" + literal(column.description()) + ")"));
        }
        if (!table.primaryKey().isEmpty()) {
            lines.add("  PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ") NOT ENFORCED");
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(dataset, table.name()))
                .append(" (\n").append(String.join(",\n", lines)).append("\n)");
        table.partitioning().ifPresent(p -> ddl.append("\nPARTITION BY ").append(partitionExpression(table, p)));
        if (!table.clustering().isEmpty()) {
            ddl.append("\nCLUSTER BY ").append(String.join(", ", table.clustering()));
        }
        List<String> options = new ArrayList<>();
        if (!table.description().isBlank()) {
            options.add("description=" + literal(table.description().strip()));
        }
        table.partitioning().map(Partitioning::expirationDays).ifPresent(days -> options.add("partition_expiration_days=" + days));
        if (!options.isEmpty()) {
            ddl.append("\nOPTIONS(").append(String.join(", ", options)).append(")");
        }
        return ddl.toString();
    }

    /** A materialized view refreshed every {@code refresh_minutes}, readable up to {@code max_staleness} old. */
    String createView(DatasetName dataset, ViewSpec view, String select, boolean replace) {
        String head = replace ? "CREATE OR REPLACE " : "CREATE ";
        String kind = view.materialized() ? "MATERIALIZED VIEW " : "VIEW ";
        String target = table(dataset, view.name());
        String options = view.materialized()
                ? "\nOPTIONS(enable_refresh = true, refresh_interval_minutes = " + Math.max(1, view.refreshMinutes())
                + ", max_staleness = INTERVAL \"" + view.maxStalenessHours() + ":0:0\" HOUR TO SECOND, description = "
                + literal(view.description().strip()) + ")"
                : "\nOPTIONS(description = " + literal(view.description().strip()) + ")";
        return head + kind + (replace ? "" : "IF NOT EXISTS ") + target + options + "\nAS " + select;
    }

    String addColumn(DatasetName dataset, String table, ColumnSpec column) {
        return "ALTER TABLE " + table(dataset, table) + " ADD COLUMN IF NOT EXISTS " + column.name() + " "
                + Dialect.BIGQUERY.sqlType(column);
    }

    private static String partitionExpression(TableSpec table, Partitioning p) {
        boolean timestamp = table.column(p.field()).orElseThrow().type() == ColumnType.TIMESTAMP;
        return switch (p.granularity()) {
            case DAY -> timestamp ? "TIMESTAMP_TRUNC(" + p.field() + ", DAY)" : p.field();
            case MONTH -> timestamp ? "TIMESTAMP_TRUNC(" + p.field() + ", MONTH)" : "DATE_TRUNC(" + p.field() + ", MONTH)";
        };
    }

    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", " ") + "'";
    }

    static String columnList(List<String> columns) {
        return columns.stream().collect(Collectors.joining(", "));
    }
}
