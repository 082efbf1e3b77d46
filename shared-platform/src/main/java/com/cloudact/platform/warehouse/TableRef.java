package com.cloudact.platform.warehouse;

import com.cloudact.model.DatasetName;
import java.util.regex.Pattern;

/** A table in a dataset; both parts are safe identifiers. */
public record TableRef(DatasetName dataset, String table) {

    private static final Pattern SAFE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    public TableRef {
        if (table == null || !SAFE.matcher(table).matches()) {
            throw new IllegalArgumentException("Unsafe table name: " + table);
        }
    }

    public static TableRef of(DatasetName dataset, String table) {
        return new TableRef(dataset, table);
    }

    @Override
    public String toString() {
        return dataset + "." + table;
    }
}
