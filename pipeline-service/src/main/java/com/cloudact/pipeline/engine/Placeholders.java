package com.cloudact.pipeline.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves placeholders in step configuration from the run's variables.
 * <ul>
 * <li>{@code ${name}}: the variable; when absent it is kept as written, so the processor can report it.</li>
 * <li>{@code ${name?}}: optional; null when absent.</li>
 * <li>{@code ${name:DEFAULT}}: the default when absent; a date keyword ({@link RunDates}) becomes its date.</li>
 * <li>{@code {org_slug}}, {@code {category}}, {@code {provider}}, {@code {domain}}, {@code {template_name}},
 * {@code {pipeline_id}}: the template pass of the pipeline spec; other {@code {x}} are left alone.</li>
 * </ul>
 * A value that is exactly one placeholder takes the variable itself (a date stays a date); inside longer text it
 * is inserted as text.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(\\?|:([^}]*))?}");
    private static final Pattern TEMPLATE = Pattern.compile(
            "(?<!\\$)\\{(org_slug|category|provider|domain|template_name|pipeline_id)}");

    private Placeholders() {
    }

    static Map<String, Object> resolve(Map<String, Object> config, Map<String, Object> variables, RunDates dates) {
        return resolve(config, variables, Map.of(), dates);
    }

    static Map<String, Object> resolve(Map<String, Object> config, Map<String, Object> variables,
                                       Map<String, String> template, RunDates dates) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        config.forEach((key, value) -> resolved.put(key, resolveValue(value, variables, template, dates)));
        return resolved;
    }

    @SuppressWarnings("unchecked")
    private static Object resolveValue(Object value, Map<String, Object> variables, Map<String, String> template,
                                       RunDates dates) {
        if (value instanceof String text) {
            return resolveText(applyTemplate(text, template), variables, dates);
        }
        if (value instanceof Map<?, ?> map) {
            return resolve((Map<String, Object>) map, variables, template, dates);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolveValue(item, variables, template, dates)));
            return out;
        }
        return value;
    }

    static String applyTemplate(String text, Map<String, String> template) {
        if (template.isEmpty() || text.indexOf('{') < 0) {
            return text;
        }
        Matcher m = TEMPLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = template.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object resolveText(String text, Map<String, Object> variables, RunDates dates) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            return lookup(whole, variables, dates, text);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = lookup(m, variables, dates, m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object lookup(Matcher m, Map<String, Object> variables, RunDates dates, String asWritten) {
        Object value = variables.get(m.group(1));
        if (value != null) {
            return value;
        }
        if (m.group(3) != null) {
            return dates.defaultValue(m.group(3));
        }
        return "?".equals(m.group(2)) ? null : asWritten;
    }
}
