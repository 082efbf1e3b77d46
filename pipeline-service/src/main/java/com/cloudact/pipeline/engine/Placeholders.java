package com.cloudact.pipeline.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${name}} in step configuration from the run's variables. A value that is exactly one
 * placeholder takes the variable itself (a date stays a date); inside longer text it is inserted as text.
 * {@code ${name?}} resolves to null when the variable is absent; a plain {@code ${name}} that is absent is kept
 * as written, so the processor can report it.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(\\??)}");

    private Placeholders() {
    }

    static Map<String, Object> resolve(Map<String, Object> config, Map<String, Object> variables) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        config.forEach((key, value) -> resolved.put(key, resolveValue(value, variables)));
        return resolved;
    }

    @SuppressWarnings("unchecked")
    private static Object resolveValue(Object value, Map<String, Object> variables) {
        if (value instanceof String text) {
            return resolveText(text, variables);
        }
        if (value instanceof Map<?, ?> map) {
            return resolve((Map<String, Object>) map, variables);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolveValue(item, variables)));
            return out;
        }
        return value;
    }

    private static Object resolveText(String text, Map<String, Object> variables) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            String name = whole.group(1);
            if (variables.containsKey(name) || !whole.group(2).isEmpty()) {
                return variables.get(name);
            }
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = variables.get(m.group(1));
            String replacement = value != null ? String.valueOf(value) : m.group(2).isEmpty() ? m.group() : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
