package com.cloudact.pipeline.extract.genai;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reading fields of provider answer pages: absent and null are told apart from zero, numbers may come as JSON
 * numbers or as strings, and a value of the wrong kind fails the read naming the field (never silently zero).
 */
public final class PageFields {

    private PageFields() {
    }

    /** A whole count; absent or null is 0. */
    public static long count(JsonNode node, String field) {
        Long value = optionalCount(node, field);
        return value == null ? 0 : value;
    }

    /** A whole count, or null when absent or null. */
    public static Long optionalCount(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        BigDecimal number = decimal(value, field);
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw bad(field + " is not a whole number: " + number.toPlainString());
        }
    }

    /** Text, or null when absent, null or empty. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        return text.isBlank() ? null : text;
    }

    /** A JSON number or a numeric string as an exact decimal, or null when absent or null. */
    public static BigDecimal optionalDecimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : decimal(value, field);
    }

    /** A JSON number or a numeric string as an exact decimal. */
    public static BigDecimal decimal(JsonNode value, String field) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.asString().strip());
            } catch (NumberFormatException e) {
                throw bad(field + " is not a number: " + shorten(value.asString()));
            }
        }
        throw bad(field + " is not a number");
    }

    /** The UTC day of an epoch-seconds field. */
    public static LocalDate epochDay(JsonNode node, String field) {
        Long seconds = optionalCount(node, field);
        if (seconds == null) {
            throw bad("a bucket lacks " + field);
        }
        return LocalDate.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    /** The UTC day of an ISO 8601 timestamp field ({@code 2025-01-08T00:00:00Z}). */
    public static LocalDate isoDay(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            throw bad("a bucket lacks " + field);
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw bad(field + " is not an ISO 8601 time: " + shorten(text));
        }
    }

    /** An INVALID_BILLING_FILE error about a page's content. */
    public static CloudActException bad(String message) {
        return new CloudActException(ErrorCode.INVALID_BILLING_FILE, message);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
