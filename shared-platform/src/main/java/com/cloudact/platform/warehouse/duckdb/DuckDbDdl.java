package com.cloudact.platform.warehouse.duckdb;

import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** DDL for DuckDB, generated from the catalog. Datasets are schemas; partitioning and clustering do not apply. */
final class DuckDbDdl {

    private DuckDbDdl() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String qualified(DatasetName dataset, String table) {
        return quote(dataset.value()) + "." + quote(table);
    }

    static String createSchema(DatasetName dataset) {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(dataset.value());
    }

    static String createTable(DatasetName dataset, TableSpec table) {
        List<String> lines = new ArrayList<>();
        for (ColumnSpec column : table.columns()) {
            lines.add("  " + quote(column.name()) + " " + Dialect.DUCKDB.sqlType(column)
                    + (column.required() ? " NOT NULL" : ""));
        }
        if (!table.primaryKey().isEmpty()) {
            lines.add("  PRIMARY KEY (" + table.primaryKey().stream().map(DuckDbDdl::quote)
                    .collect(Collectors.joining(", ")) + ")");
        }
        return "CREATE TABLE IF NOT EXISTS " + qualified(dataset, table.name()) + " (\n"
                + String.join(",\n", lines) + "\n)";
    }

    /** Added columns are nullable: existing rows have no value for them. */
    static String addColumn(DatasetName dataset, String table, ColumnSpec column) {
        return "ALTER TABLE " + qualified(dataset, table) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + " "
                + Dialect.DUCKDB.sqlType(column);
    }
}
