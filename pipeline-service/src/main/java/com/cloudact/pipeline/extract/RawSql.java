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

    /** Text as a whole number (INT64); text that is not an integer fails the load. */
    public String integer(String column) {
        return "CAST(" + text(column) + " AS " + (dialect == Dialect.DUCKDB ? "BIGINT" : "INT64") + ")";
    }

    /**
     * Text as a UTC timestamp: ISO 8601 with or without seconds and offset, {@code YYYY-MM-DD HH:MM:SS+00:00}, or a
     * US date {@code MM/DD/YYYY} (Azure's cost details). Anything else fails the load, naming the value.
     */
    public String timestamp(String column) {
        String value = text(column);
        return dialect == Dialect.DUCKDB
                ? "COALESCE(CAST(TRY_CAST(" + value + " AS TIMESTAMPTZ) AS TIMESTAMP), TRY_STRPTIME(" + value
                        + ", ['%Y-%m-%dT%H:%MZ', '%m/%d/%Y', '%m/%d/%Y %H:%M:%S']), CASE WHEN " + value
                        + " IS NOT NULL THEN error('not a date or time: ' || " + value + ") END)"
                : "COALESCE(SAFE_CAST(" + value + " AS TIMESTAMP), SAFE.PARSE_TIMESTAMP('%Y-%m-%dT%H:%MZ', " + value
                        + "), SAFE.PARSE_TIMESTAMP('%m/%d/%Y', " + value + "), SAFE.PARSE_TIMESTAMP('%m/%d/%Y %H:%M:%S', "
                        + value + "), IF(" + value + " IS NOT NULL, ERROR(CONCAT('not a date or time: ', " + value
                        + ")), NULL))";
    }

    /**
     * The text of a member of the JSON object in a staged column. The key is CloudAct's own (a column definition),
     * never text from the file, and must be a plain identifier: BigQuery takes JSON paths only as literals.
     */
    public String jsonMember(String column, String key) {
        if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain JSON key: " + key);
        }
        return dialect == Dialect.DUCKDB
                ? "json_extract_string(" + text(column) + ", '$." + key + "')"
                : "JSON_VALUE(" + text(column) + ", '$." + key + "')";
    }

    /** true/false, y/n, 1/0 in any case; anything else fails the load. */
    public String bool(String column) {
        String value = "LOWER(" + text(column) + ")";
        return "CASE WHEN " + value + " IN ('true', 'yes', 'y', '1') THEN TRUE WHEN " + value
                + " IN ('false', 'no', 'n', '0') THEN FALSE WHEN " + value + " IS NULL THEN NULL ELSE CAST("
                + text(column) + " AS BOOL) END";
    }

    /**
     * Text as JSON: an object or array as it is; {@code "k": "v", ...} without braces (Azure's {@code Tags}) wrapped
     * in braces. Anything that is still not JSON fails the load, naming the value. BigQuery keeps wide numbers by
     * rounding them (GCP credit amounts).
     */
    public String json(String column) {
        String value = text(column);
        return dialect == Dialect.DUCKDB
                ? "COALESCE(TRY_CAST(CASE WHEN starts_with(" + value + ", '{') OR starts_with(" + value + ", '[') THEN "
                        + value + " ELSE '{' || " + value + " || '}' END AS JSON), CASE WHEN " + value
                        + " IS NOT NULL THEN error('not JSON: ' || " + value + ") END)"
                : "COALESCE(SAFE.PARSE_JSON(IF(STARTS_WITH(" + value + ", '{') OR STARTS_WITH(" + value + ", '['), "
                        + value + ", CONCAT('{', " + value + ", '}')), wide_number_mode => 'round'), IF(" + value
                        + " IS NOT NULL, ERROR(CONCAT('not JSON: ', " + value + ")), NULL))";
    }

    /** A new random UUID per row, as text. */
    public String uuid() {
        return dialect == Dialect.DUCKDB ? "CAST(uuid() AS VARCHAR)" : "GENERATE_UUID()";
    }

    /** The first day of the month of a DATE expression. */
    public String monthStart(String dateExpression) {
        return dialect == Dialect.DUCKDB ? "CAST(date_trunc('month', " + dateExpression + ") AS DATE)"
                : "DATE_TRUNC(" + dateExpression + ", MONTH)";
    }

    /** The last day of the month of a DATE expression. */
    public String monthEnd(String dateExpression) {
        return "LAST_DAY(" + dateExpression + ")";
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
