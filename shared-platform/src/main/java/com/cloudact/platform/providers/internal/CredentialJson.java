package com.cloudact.platform.providers.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a credential JSON document. Every failure is an {@link IllegalArgumentException} whose message names the
 * field and never repeats the document, since Jackson's own messages quote the input.
 */
public final class CredentialJson {

    /** Bigger than any real credential (a service-account file is about 2.3 KB). */
    public static final int MAX_CHARS = 100 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private CredentialJson() {
    }

    public static JsonNode parseObject(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is empty");
        }
        if (raw.length() > MAX_CHARS) {
            throw new IllegalArgumentException("The " + what + " is too large (over 100 KB)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The " + what + " is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The " + what + " must be a JSON object");
        }
        return node;
    }

    /** A present, non-blank string field, trimmed. */
    public static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null) {
            throw new IllegalArgumentException("Missing required field '" + field + "'");
        }
        return value;
    }

    /** The trimmed string field, or null when absent, null or blank; a non-string value is an error. */
    public static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("Field '" + field + "' must be a string");
        }
        String text = value.stringValue().trim();
        return text.isEmpty() ? null : text;
    }

    /** Reads any JSON text leniently, for provider responses; null when it is not JSON. */
    public static JsonNode readOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Reads a provider's JSON response; a body that is not JSON is an {@link IllegalStateException}. */
    public static JsonNode read(String body, String what) {
        JsonNode node = readOrNull(body);
        if (node == null || !node.isObject()) {
            throw new IllegalStateException(what + " answered with something that is not a JSON object");
        }
        return node;
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
