package com.cloudact.platform.warehouse;

/**
 * Walks SQL text and tells code from string literals, quoted identifiers and comments, so parameter markers and
 * statement separators are only recognised in code.
 */
public final class SqlScanner {

    private SqlScanner() {
    }

    /** Index just past the literal, identifier or comment starting at {@code i}, or {@code i} if none starts there. */
    public static int skipNonCode(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                if (sql.charAt(j) == '\\' && c != '"') {
                    j++;
                }
                j++;
            }
            return sql.length();
        }
        if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end;
        }
        if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return i;
    }
}
