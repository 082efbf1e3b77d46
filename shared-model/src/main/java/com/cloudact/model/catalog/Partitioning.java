package com.cloudact.model.catalog;

/** Time partitioning of a table on a DATE or TIMESTAMP column, optionally with partition expiry. */
public record Partitioning(String field, Granularity granularity, Integer expirationDays) {

    public enum Granularity { DAY, MONTH }
}
