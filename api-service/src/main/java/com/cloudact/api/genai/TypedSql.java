package com.cloudact.api.genai;

import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.Dialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes of API-maintained rows with their values bound as parameters and cast to the catalog type of their column,
 * so a NULL or a decimal binds the same way in DuckDB and BigQuery (whose untyped NULL parameter is a STRING).
 * Column names come from the catalog only; a value's parameter is {@code v_<column>}.
 */
public final class TypedSql {

    private TypedSql() {
    }

    /** {@code INSERT INTO ${ds}.table (a, b) VALUES (CAST(@v_a AS T), CAST(@v_b AS U))}. */
    public static String insert(TableSpec table, Collection<String> columns, Dialect dialect) {
        return "INSERT INTO ${ds}." + table.name() + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> cast(table, c, dialect)).collect(Collectors.joining(", ")) + ")";
    }

    /** One INSERT of several rows; row {@code r}'s value of column {@code c} is the parameter {@code r<r>_<c>}. */
    public static String insertRows(TableSpec table, List<String> columns, int rows, Dialect dialect) {
        List<String> tuples = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String prefix = "r" + r + "_";
            tuples.add("(" + columns.stream().map(c -> cast(table, c, dialect, prefix))
                    .collect(Collectors.joining(", ")) + ")");
        }
        return "INSERT INTO ${ds}." + table.name() + " (" + String.join(", ", columns) + ") VALUES\n"
                + String.join(",\n", tuples);
    }

    /** Adds row {@code r}'s values as the parameters {@code r<r>_<column>}. */
    public static void bindRows(Map<String, Object> params, List<String> columns, List<Map<String, Object>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            for (String column : columns) {
                params.put("r" + r + "_" + column, rows.get(r).get(column));
            }
        }
    }

    /** {@code a = CAST(@v_a AS T), b = CAST(@v_b AS U)}. */
    public static String assignments(TableSpec table, Collection<String> columns, Dialect dialect) {
        return columns.stream().map(c -> c + " = " + cast(table, c, dialect)).collect(Collectors.joining(", "));
    }

    /** Adds each value as the parameter {@code v_<column>}. */
    public static void bind(Map<String, Object> params, Map<String, ?> values) {
        values.forEach((column, value) -> params.put("v_" + column, value));
    }

    static String cast(TableSpec table, String column, Dialect dialect) {
        return cast(table, column, dialect, "v_");
    }

    /** {@code CAST(@<prefix><column> AS T)}, T the column's catalog type in this dialect. */
    public static String cast(TableSpec table, String column, Dialect dialect, String prefix) {
        ColumnSpec spec = table.column(column).orElseThrow(() ->
                new IllegalArgumentException("No column " + column + " in " + table.name()));
        return "CAST(@" + prefix + column + " AS " + dialect.sqlType(spec) + ")";
    }
}
