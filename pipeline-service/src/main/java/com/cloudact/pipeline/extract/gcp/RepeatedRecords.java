package com.cloudact.pipeline.extract.gcp;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One cell of a repeated field of the GCP billing export ({@code labels}, {@code credits}, {@code project.labels},
 * {@code system_labels}, {@code tags}, {@code project.ancestors}) read into JSON. BigQuery writes such a cell as JSON
 * ({@code [{"key":"env","value":"prod"}]}); a table read with pandas and saved as CSV holds Python literals instead
 * ({@code [{'key': 'env', 'value': 'prod'}]}, {@code True}, {@code None}), as the Koku sample does. Both are read by
 * this one parser. Numbers become exact decimals, so credit amounts keep every digit the cell had.
 */
final class RepeatedRecords {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int at;

    private RepeatedRecords(String text) {
        this.text = text;
    }

    /**
     * The cell's array.
     *
     * @throws IllegalArgumentException naming what is wrong and where, when the cell is neither JSON nor a Python
     *                                  literal list
     */
    static ArrayNode parse(String cell) {
        RepeatedRecords parser = new RepeatedRecords(cell);
        JsonNode value = parser.value();
        parser.skipSpace();
        if (parser.at != cell.length()) {
            throw parser.error("unexpected text after the list");
        }
        if (!(value instanceof ArrayNode array)) {
            throw new IllegalArgumentException("is not a list of records");
        }
        return array;
    }

    /** {@code [{key, value}, ...]} (labels) as one object {@code {key: value}}; a repeated key keeps its last value. */
    static ObjectNode keyValues(ArrayNode records) {
        ObjectNode object = NODES.objectNode();
        for (JsonNode record : records) {
            JsonNode key = record.get("key");
            if (key == null || key.isNull()) {
                throw new IllegalArgumentException("holds a label without a key");
            }
            JsonNode value = record.get("value");
            object.set(key.asString(), value == null ? NODES.nullNode() : value);
        }
        return object;
    }

    private JsonNode value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("ends early");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '[' -> array();
            case '{' -> object();
            case '\'', '"' -> NODES.stringNode(string());
            default -> c == '-' || c == '+' || c == '.' || Character.isDigit(c) ? number() : word();
        };
    }

    private ArrayNode array() {
        ArrayNode array = NODES.arrayNode();
        at++;
        skipSpace();
        while (!consume(']')) {
            array.add(value());
            skipSpace();
            if (!consume(',')) {
                expect(']');
                break;
            }
            skipSpace();
        }
        return array;
    }

    private ObjectNode object() {
        ObjectNode object = NODES.objectNode();
        at++;
        skipSpace();
        while (!consume('}')) {
            JsonNode key = value();
            if (!key.isString()) {
                throw error("has a record key that is not text");
            }
            skipSpace();
            expect(':');
            object.set(key.asString(), value());
            skipSpace();
            if (!consume(',')) {
                expect('}');
                break;
            }
            skipSpace();
        }
        return object;
    }

    private String string() {
        char quote = text.charAt(at++);
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("has an unterminated text");
            }
            char c = text.charAt(at++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("has an unterminated text");
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'x' -> out.append((char) hex(2));
                case 'u' -> out.append((char) hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> out.append(escaped); // \\ \' \" \/
            }
        }
    }

    private int hex(int digits) {
        if (at + digits > text.length()) {
            throw error("has a broken escape");
        }
        try {
            int value = Integer.parseInt(text.substring(at, at + digits), 16);
            at += digits;
            return value;
        } catch (NumberFormatException e) {
            throw error("has a broken escape");
        }
    }

    private JsonNode number() {
        int start = at;
        while (at < text.length() && "+-.0123456789eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        try {
            return NODES.numberNode(new BigDecimal(text.substring(start, at)));
        } catch (NumberFormatException e) {
            at = start;
            throw error("has a number that is not one");
        }
    }

    private JsonNode word() {
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        return switch (text.substring(start, at)) {
            case "true", "True" -> NODES.booleanNode(true);
            case "false", "False" -> NODES.booleanNode(false);
            case "null", "None" -> NODES.nullNode();
            default -> {
                at = start;
                throw error("has an unknown value");
            }
        };
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("lacks '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (at + 1));
    }
}
