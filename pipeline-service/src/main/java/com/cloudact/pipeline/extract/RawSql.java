package com.cloudact.pipeline.extract;

import com.cloudact.platform.warehouse.Dialect;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL expressions that turn staged text columns into typed raw-table values, per dialect. Empty text is NULL;
 * a value that is not a number or a time fails the load instead of being dropped.
 */
public final class RawSql {

    private final Dialect dialect;

    public RawSql(Dialect dialect) {
        this.dialect = dialect;
    }

    public String text(String column) {
        return "NULLIF(TRIM(" + column + "), '')";
    }

    public String decimal(String column) {
        return "CAST(" + text(column) + " AS " + (dialect == Dialect.DUCKDB ? "DECIMAL(38,18)" : "BIGNUMERIC") + ")";
    }

    /** ISO 8601 text (with or without an offset) as a UTC timestamp. */
    public String timestamp(String column) {
        return dialect == Dialect.DUCKDB
                ? "CAST(CAST(" + text(column) + " AS TIMESTAMPTZ) AS TIMESTAMP)"
                : "CAST(" + text(column) + " AS TIMESTAMP)";
    }

    public String date(String timestampExpression) {
        return "CAST(" + timestampExpression + " AS DATE)";
    }

    /** A JSON object of the non-empty values; keys are query parameters, never text from the file. */
    public String jsonObject(List<KeyColumn> entries) {
        if (entries.isEmpty()) {
            return "NULL";
        }
        if (dialect == Dialect.DUCKDB) {
            return "to_json(map_from_entries(list_filter(["
                    + entries.stream().map(e -> "{'k': @" + e.keyParameter() + ", 'v': " + text(e.column()) + "}")
                    .collect(Collectors.joining(", "))
                    + "], lambda e: e.v IS NOT NULL)))";
        }
        return "JSON_STRIP_NULLS(JSON_OBJECT("
                + entries.stream().map(e -> "@" + e.keyParameter() + ", " + text(e.column()))
                .collect(Collectors.joining(", ")) + "))";
    }

    /** A key (bound as a parameter) and the staged column holding its value. */
    public record KeyColumn(String keyParameter, String column) {
    }
}
