package com.cloudact.platform.warehouse;

import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.ColumnType;
import java.util.Locale;

/** The SQL dialect of a warehouse; it picks the {@code procedures/{dialect}/} folder a procedure is read from. */
public enum Dialect {
    DUCKDB, BIGQUERY;

    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The SQL type of a catalog column here, for DDL and for casts. Money ({@code NUMERIC}) is exact: DECIMAL(38,18)
     * on DuckDB, BIGNUMERIC on BigQuery (NUMERIC's nine decimals cannot hold every provider's figures).
     */
    public String sqlType(ColumnSpec column) {
        String base = switch (this) {
            case DUCKDB -> switch (column.type()) {
                case STRING -> "VARCHAR";
                case INT64 -> "BIGINT";
                case FLOAT64 -> "DOUBLE";
                case NUMERIC -> "DECIMAL(38,18)";
                case BOOL -> "BOOLEAN";
                case DATE -> "DATE";
                case TIMESTAMP -> "TIMESTAMP";
                case JSON -> "JSON";
                case BYTES -> "BLOB";
            };
            case BIGQUERY -> column.type() == ColumnType.NUMERIC ? "BIGNUMERIC"
                    : column.type().name();
        };
        if (!column.repeated()) {
            return base;
        }
        return this == DUCKDB ? base + "[]" : "ARRAY<" + base + ">";
    }
}
