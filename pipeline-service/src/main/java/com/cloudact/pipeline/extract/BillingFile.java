package com.cloudact.pipeline.extract;

import com.cloudact.model.CloudActException;
import com.cloudact.model.CsvLine;
import com.cloudact.model.ErrorCode;
import com.cloudact.platform.warehouse.FileFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A billing export file as it arrived (CSV, gzip-compressed CSV or Parquet), with its header. Columns are found by name,
 * ignoring case, punctuation and a byte-order mark, so {@code lineItem/UnblendedCost} (CUR 1.0) and
 * {@code line_item_unblended_cost} (CUR 2.0) are the same column. In SQL the columns are {@code c0, c1, ...},
 * so nothing from the file is ever pasted into a statement.
 */
public record BillingFile(Path path, String displayName, FileFormat format, List<String> headers) {

    public static BillingFile open(Path path, String displayName) {
        FileFormat format = FileFormat.detect(path);
        List<String> headers = format == FileFormat.PARQUET ? parquetHeader(path, displayName)
                : readHeader(path, format, displayName);
        return new BillingFile(path, displayName, format, headers);
    }

    /** The normalized name used to match headers: lower case, letters and digits only. */
    public static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Position of the first header matching any candidate name, in the candidates' order. */
    public Optional<Integer> find(List<String> candidates) {
        for (String candidate : candidates) {
            String wanted = key(candidate);
            for (int i = 0; i < headers.size(); i++) {
                if (key(headers.get(i)).equals(wanted)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    public List<String> stagingColumns() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            names.add(column(i));
        }
        return names;
    }

    public static String column(int index) {
        return "c" + index;
    }

    /** The column names of a Parquet file, read from its footer by an in-memory DuckDB. */
    private static List<String> parquetHeader(Path path, String displayName) {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement describe = duckdb.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
            describe.setString(1, path.toAbsolutePath().toString());
            List<String> headers = new ArrayList<>();
            try (ResultSet columns = describe.executeQuery()) {
                while (columns.next()) {
                    headers.add(columns.getString("column_name"));
                }
            }
            return headers;
        } catch (SQLException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                    displayName + " cannot be read as Parquet: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<String> readHeader(Path path, FileFormat format, String displayName) {
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = format == FileFormat.CSV_GZIP ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line == null || line.isBlank()) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, displayName + " is empty");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            List<String> headers = CsvLine.parse(line).stream().map(String::strip).toList();
            if (headers.size() < 2) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                        displayName + " does not look like a CSV billing export (one column in its header)");
            }
            return headers;
        } catch (IOException | IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                    displayName + " cannot be read as CSV: " + e.getMessage(), e);
        }
    }
}
