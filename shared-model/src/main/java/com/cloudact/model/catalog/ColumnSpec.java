package com.cloudact.model.catalog;

import java.util.Objects;

/** One column of a catalog table. {@code repeated} columns are arrays of {@code type}. */
public record ColumnSpec(String name, ColumnType type, boolean required, boolean repeated, String description) {

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!TableSpec.IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Column name is not a plain identifier: " + name);
        }
        description = description == null ? "" : description;
    }
}
