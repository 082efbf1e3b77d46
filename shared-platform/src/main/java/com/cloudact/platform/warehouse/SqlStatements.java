package com.cloudact.platform.warehouse;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script into statements at semicolons that are code, not text. */
public final class SqlStatements {

    private SqlStatements() {
    }

    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < script.length()) {
            int skipped = SqlScanner.skipNonCode(script, i);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            if (script.charAt(i) == ';') {
                addIfCode(statements, script.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        addIfCode(statements, script.substring(start));
        return statements;
    }

    private static void addIfCode(List<String> statements, String statement) {
        String trimmed = statement.strip();
        if (!withoutComments(trimmed).isBlank()) {
            statements.add(trimmed);
        }
    }

    private static String withoutComments(String sql) {
        StringBuilder code = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            int skipped = SqlScanner.skipNonCode(sql, i);
            if (skipped != i) {
                boolean comment = sql.charAt(i) == '-' || sql.charAt(i) == '/';
                if (!comment) {
                    code.append(sql, i, skipped);
                }
                i = skipped;
                continue;
            }
            code.append(sql.charAt(i++));
        }
        return code.toString();
    }
}
