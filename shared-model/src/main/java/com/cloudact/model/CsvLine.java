package com.cloudact.model;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV record (RFC 4180: comma separated, double quotes, doubled quotes as escapes). */
public final class CsvLine {

    private CsvLine() {
    }

    public static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quoted field in CSV line");
        }
        fields.add(field.toString());
        return fields;
    }
}
