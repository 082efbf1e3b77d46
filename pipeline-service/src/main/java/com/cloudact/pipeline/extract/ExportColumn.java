package com.cloudact.pipeline.extract;

import java.util.List;

/**
 * One raw-table column and the export headers it may come from; the first header present wins. Headers match by
 * {@link BillingFile#key}, so casing, punctuation and a byte-order mark do not matter.
 */
public record ExportColumn(String rawColumn, Kind kind, boolean required, List<String> headers) {

    /** How the text of the file becomes the column's value. */
    public enum Kind { TEXT, DECIMAL, TIMESTAMP, DATE, BOOL, JSON }

    public ExportColumn {
        headers = List.copyOf(headers);
    }

    public static ExportColumn text(String column, String... headers) {
        return new ExportColumn(column, Kind.TEXT, false, List.of(headers));
    }

    public static ExportColumn decimal(String column, String... headers) {
        return new ExportColumn(column, Kind.DECIMAL, false, List.of(headers));
    }

    public static ExportColumn timestamp(String column, String... headers) {
        return new ExportColumn(column, Kind.TIMESTAMP, false, List.of(headers));
    }

    public static ExportColumn date(String column, String... headers) {
        return new ExportColumn(column, Kind.DATE, false, List.of(headers));
    }

    public static ExportColumn bool(String column, String... headers) {
        return new ExportColumn(column, Kind.BOOL, false, List.of(headers));
    }

    /** JSON text (an object or array the export writes into one cell); text that is not JSON fails the load. */
    public static ExportColumn json(String column, String... headers) {
        return new ExportColumn(column, Kind.JSON, false, List.of(headers));
    }

    public static ExportColumn required(Kind kind, String column, String... headers) {
        return new ExportColumn(column, kind, true, List.of(headers));
    }
}
