package com.cloudact.pipeline.extract;

import java.util.List;

/**
 * One raw-table column and the export headers it may come from; the first header present wins. Headers match by
 * {@link BillingFile#key}, so casing, punctuation and a byte-order mark do not matter. When none is present, the
 * value may come from a key of a JSON-object column ({@code inJson}), as CUR 2.0 keeps product attributes in a map.
 */
public record ExportColumn(String rawColumn, Kind kind, boolean required, List<String> headers, JsonKey inJson) {

    /**
     * How the text of the file becomes the column's value. {@code JSON} is a JSON object or array; text that lacks the
     * outer braces (Azure's {@code Tags}: {@code "k": "v","k2": "v2"}) is wrapped in them first.
     */
    public enum Kind { TEXT, DECIMAL, TIMESTAMP, DATE, BOOL, JSON, INTEGER }

    public ExportColumn {
        headers = List.copyOf(headers);
    }

    public ExportColumn(String rawColumn, Kind kind, boolean required, List<String> headers) {
        this(rawColumn, kind, required, headers, null);
    }

    /** A key of a JSON-object column: {@code header} names the column, {@code key} the member. */
    public record JsonKey(String header, String key) {
    }

    /** The same column, also read from {@code key} of the JSON object in column {@code header}. */
    public ExportColumn orInJson(String header, String key) {
        return new ExportColumn(rawColumn, kind, required, headers, new JsonKey(header, key));
    }

    public static ExportColumn text(String column, String... headers) {
        return new ExportColumn(column, Kind.TEXT, false, List.of(headers));
    }

    public static ExportColumn decimal(String column, String... headers) {
        return new ExportColumn(column, Kind.DECIMAL, false, List.of(headers));
    }

    /** A whole number (an INT64 column); a fraction or text that is not a number fails the load. */
    public static ExportColumn integer(String column, String... headers) {
        return new ExportColumn(column, Kind.INTEGER, false, List.of(headers));
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
