package com.cloudact.model.catalog;

/**
 * Column types of the table catalog, named as BigQuery names them. {@link #NUMERIC} is exact decimal for money
 * that users reconcile against a bill; it is never stored as a float.
 */
public enum ColumnType {
    STRING, INT64, FLOAT64, NUMERIC, BOOL, DATE, TIMESTAMP, JSON, BYTES
}
