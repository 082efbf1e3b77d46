package com.cloudact.platform.warehouse;

import java.util.Locale;

/** The SQL dialect of a warehouse; it picks the {@code procedures/{dialect}/} folder a procedure is read from. */
public enum Dialect {
    DUCKDB, BIGQUERY;

    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
