package com.cloudact.pipeline.extract.gcp;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.extract.BillingFile;
import com.cloudact.platform.warehouse.FileFormat;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
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
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A GCP billing export file rewritten so that SQL can read it: every repeated field becomes canonical JSON (labels
 * as one object {@code {"env":"prod"}}, credits, tags and project ancestors as arrays), and the credits of each line
 * are summed exactly into an added {@code credits_total} column. All other cells are copied as they are. The file is
 * read by an in-memory DuckDB (CSV, gzip-compressed CSV or Parquet with text cells), so its quoting rules are those
 * the warehouse applies when it stages the rewritten copy.
 */
final class GcpExportFile {

    /** The added column: the sum of the line's {@code credits[].amount} (negative), exact. */
    static final String CREDITS_TOTAL = "credits_total";

    /** Repeated fields by header key, and how each is rewritten. */
    private static final Map<String, Role> REPEATED = Map.of(
            "labels", Role.KEY_VALUES,
            "systemlabels", Role.KEY_VALUES,
            "projectlabels", Role.KEY_VALUES,
            "tags", Role.LIST,
            "projectancestors", Role.LIST,
            "credits", Role.CREDITS);

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private enum Role { PLAIN, KEY_VALUES, LIST, CREDITS, DROPPED }

    private GcpExportFile() {
    }

    /** The rewritten copy in {@code scratch}, or the file itself when it has no repeated field to rewrite. */
    static BillingFile rewrite(BillingFile file, Path scratch) throws IOException {
        List<Role> roles = file.headers().stream().map(GcpExportFile::role).toList();
        if (roles.stream().noneMatch(r -> r == Role.KEY_VALUES || r == Role.LIST || r == Role.CREDITS)) {
            return file;
        }
        boolean credits = roles.contains(Role.CREDITS);
        Path target = Files.createTempFile(scratch, "gcp-billing-", ".csv");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:", streaming());
             PreparedStatement read = duckdb.prepareStatement(readSql(file));
             Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            read.setString(1, file.path().toAbsolutePath().toString());
            List<String> header = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                if (roles.get(i) != Role.DROPPED) {
                    header.add(file.headers().get(i));
                }
            }
            if (credits) {
                header.add(CREDITS_TOTAL);
            }
            writeLine(out, header);
            long line = 1;
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    line++;
                    writeLine(out, rewriteRow(file, roles, rows, line, credits));
                }
            }
        } catch (SQLException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, file.displayName()
                    + " could not be read; nothing was changed: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return BillingFile.open(target, file.displayName());
    }

    private static List<String> rewriteRow(BillingFile file, List<Role> roles, ResultSet rows, long line,
                                           boolean credits) throws SQLException {
        List<String> cells = new ArrayList<>(roles.size() + 1);
        BigDecimal creditsTotal = null;
        for (int i = 0; i < roles.size(); i++) {
            Role role = roles.get(i);
            if (role == Role.DROPPED) {
                continue;
            }
            String cell = rows.getString(i + 1);
            if (role == Role.PLAIN || cell == null || cell.isBlank()) {
                cells.add(cell);
                continue;
            }
            try {
                ArrayNode records = RepeatedRecords.parse(cell);
                if (role == Role.CREDITS) {
                    creditsTotal = sum(records);
                }
                cells.add(JSON.writeValueAsString(role == Role.KEY_VALUES ? RepeatedRecords.keyValues(records) : records));
            } catch (IllegalArgumentException e) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, file.displayName() + ": the "
                        + file.headers().get(i) + " cell of line " + line + " " + e.getMessage()
                        + "; nothing was changed", e);
            }
        }
        if (credits) {
            cells.add(creditsTotal == null ? null : creditsTotal.toPlainString());
        }
        return cells;
    }

    private static BigDecimal sum(ArrayNode credits) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode credit : credits) {
            JsonNode amount = credit.get("amount");
            if (amount == null || !amount.isNumber()) {
                throw new IllegalArgumentException("holds a credit without a numeric amount");
            }
            total = total.add(amount.decimalValue());
        }
        return total;
    }

    private static Role role(String header) {
        String key = BillingFile.key(header);
        if (key.equals(BillingFile.key(CREDITS_TOTAL))) {
            return Role.DROPPED; // always recomputed from the credits themselves
        }
        return REPEATED.getOrDefault(key, Role.PLAIN);
    }

    /** The file's cells as text, by position; only the path is a parameter, the rest is fixed text. */
    private static String readSql(BillingFile file) {
        if (file.format() == FileFormat.PARQUET) {
            return "SELECT * FROM read_parquet(?)";
        }
        String columns = IntStream.range(0, file.headers().size())
                .mapToObj(i -> "'" + BillingFile.column(i) + "': 'VARCHAR'").collect(Collectors.joining(", "));
        return "SELECT * FROM read_csv(?, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
                + " strict_mode = true, compression = '" + (file.format() == FileFormat.CSV_GZIP ? "gzip" : "none")
                + "', columns = {" + columns + "})";
    }

    private static Properties streaming() {
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        return properties;
    }

    /** One CSV record (RFC 4180); null is an empty cell. The reader writes its files with it too. */
    static void writeLine(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i);
            if (cell == null) {
                continue;
            }
            if (cell.isEmpty() || cell.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                    || !cell.equals(cell.strip())) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write('\n');
    }
}
