package com.cloudact.platform.warehouse.duckdb;

import com.cloudact.platform.warehouse.SqlScanner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns CloudAct's {@code @name} parameters into JDBC's {@code ?} markers, in order. A collection bound to
 * {@code UNNEST(@name)} (BigQuery's way to write {@code IN UNNEST(@list)}) becomes a marker list {@code (?, ?)};
 * anywhere else a collection is bound as one array value.
 */
record PositionalSql(String sql, List<Object> values) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern UNNEST_BEFORE = Pattern.compile("(?i)UNNEST\\s*\\(\\s*$");

    static PositionalSql translate(String sql, Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            int skipped = SqlScanner.skipNonCode(sql, i);
            if (skipped != i) {
                out.append(sql, i, skipped);
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '@') {
                Matcher m = NAME.matcher(sql).region(i + 1, sql.length());
                if (m.lookingAt()) {
                    String name = m.group();
                    if (!params.containsKey(name)) {
                        throw new IllegalArgumentException("SQL uses @" + name + " but no value was bound");
                    }
                    Object value = params.get(name);
                    int end = m.end();
                    Matcher before = UNNEST_BEFORE.matcher(out);
                    if (value instanceof Collection<?> list && before.find()) {
                        int close = skipSpaces(sql, end);
                        if (close >= sql.length() || sql.charAt(close) != ')') {
                            throw new IllegalArgumentException("UNNEST(@" + name + ") is not closed");
                        }
                        out.setLength(before.start());
                        out.append('(');
                        if (list.isEmpty()) {
                            out.append("NULL");
                        }
                        int n = 0;
                        for (Object item : list) {
                            out.append(n++ == 0 ? "?" : ", ?");
                            values.add(item);
                        }
                        out.append(')');
                        i = close + 1;
                    } else {
                        out.append('?');
                        values.add(value);
                        i = end;
                    }
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return new PositionalSql(out.toString(), values);
    }

    private static int skipSpaces(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
