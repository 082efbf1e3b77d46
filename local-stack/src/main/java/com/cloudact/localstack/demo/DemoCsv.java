package com.cloudact.localstack.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes the demo generators' billing files: RFC 4180 CSV, gzip-compressed as the providers deliver them. */
public final class DemoCsv {

    private DemoCsv() {
    }

    /** What a generator wrote: its files, the line count and the exact total a provider's invoice would show. */
    public record Written(List<Path> files, long rows, BigDecimal total) {
    }

    static void write(Path file, List<String> header, List<List<String>> rows) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                 BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                writer.write(line(header));
                writer.newLine();
                for (List<String> row : rows) {
                    writer.write(line(row));
                    writer.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String field = fields.get(i);
            if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        return line.toString();
    }
}
