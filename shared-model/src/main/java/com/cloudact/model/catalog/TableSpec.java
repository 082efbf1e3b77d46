package com.cloudact.model.catalog;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table as the catalog defines it; every engine's DDL is generated from this. {@code seed} names a CSV on the
 * classpath whose rows the table holds (reference data, rewritten on every bootstrap and sync).
 */
public record TableSpec(String name, DatasetKind kind, String description, List<ColumnSpec> columns,
                        Optional<Partitioning> partitioning, List<String> clustering, List<String> primaryKey,
                        Optional<String> seed) {

    static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    public TableSpec {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Table name is not a plain identifier: " + name);
        }
        columns = List.copyOf(columns);
        clustering = List.copyOf(clustering);
        primaryKey = List.copyOf(primaryKey);
        description = description == null ? "" : description;
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    public boolean hasColumn(String columnName) {
        return column(columnName).isPresent();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }
}
