package com.cloudact.platform.warehouse.duckdb;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.model.catalog.ViewSpec;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.FileFormat;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlStatements;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.StagedFile;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseException;
import com.cloudact.platform.warehouse.WriteConflictException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.duckdb.DuckDBConnection;

/**
 * The embedded warehouse: one DuckDB database file, datasets as schemas. Every operation runs on its own
 * duplicate of one root connection, so callers on many threads share one database instance; DuckDB's optimistic
 * concurrency reports a conflicting concurrent write as {@link WriteConflictException}.
 */
public final class DuckDbWarehouse implements Warehouse, AutoCloseable {

    private final DuckDBConnection root;

    public DuckDbWarehouse(Path file, String memoryLimit, Integer threads) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = root.createStatement()) {
                s.execute("SET GLOBAL TimeZone = 'UTC'");
                if (memoryLimit != null && !memoryLimit.isBlank()) {
                    s.execute("SET GLOBAL memory_limit = '" + memoryLimit.replace("'", "") + "'");
                }
                if (threads != null && threads > 0) {
                    s.execute("SET GLOBAL threads = " + threads);
                }
                // BigQuery functions that SQL shared by both engines uses.
                s.execute("CREATE OR REPLACE MACRO parse_json(s) AS json(s)");
                s.execute("CREATE OR REPLACE MACRO generate_uuid() AS CAST(uuid() AS VARCHAR)");
            }
        } catch (SQLException | IOException e) {
            throw new WarehouseException("Cannot open DuckDB database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.DUCKDB;
    }

    @Override
    public boolean datasetExists(DatasetName dataset) {
        return !query(SqlText.of("SELECT schema_name FROM information_schema.schemata WHERE schema_name = @name"),
                Map.of("name", dataset.value())).isEmpty();
    }

    @Override
    public Map<String, Set<String>> describe(DatasetName dataset) {
        Map<String, Set<String>> tables = new TreeMap<>();
        for (Row row : query(SqlText.of("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = @name ORDER BY table_name, ordinal_position"""), Map.of("name", dataset.value()))) {
            tables.computeIfAbsent(row.string("table_name"), t -> new TreeSet<>())
                    .add(row.string("column_name").toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    @Override
    public SyncResult sync(DatasetName dataset, List<TableSpec> tables, SyncOptions options) {
        boolean created = !datasetExists(dataset);
        List<String> tablesCreated = new ArrayList<>();
        List<String> tablesExisting = new ArrayList<>();
        Map<String, List<String>> columnsAdded = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        try (Connection c = root.duplicate(); Statement s = c.createStatement()) {
            s.execute(DuckDbDdl.createSchema(dataset));
            Map<String, Set<String>> existing = describe(dataset);
            for (TableSpec table : tables) {
                try {
                    Set<String> columns = existing.get(table.name());
                    if (columns == null) {
                        if (options.createMissingTables()) {
                            s.execute(DuckDbDdl.createTable(dataset, table));
                            tablesCreated.add(table.name());
                        }
                        continue;
                    }
                    tablesExisting.add(table.name());
                    if (options.addMissingColumns()) {
                        for (ColumnSpec column : table.columns()) {
                            if (!columns.contains(column.name().toLowerCase(Locale.ROOT))) {
                                s.execute(DuckDbDdl.addColumn(dataset, table.name(), column));
                                columnsAdded.computeIfAbsent(table.name(), t -> new ArrayList<>()).add(column.name());
                            }
                        }
                    }
                } catch (SQLException e) {
                    errors.add(table.name() + ": " + firstLine(e));
                }
            }
        } catch (SQLException e) {
            throw translate("sync " + dataset, e);
        }
        return new SyncResult(created, tablesCreated, tablesExisting, columnsAdded, errors);
    }

    @Override
    public void dropTable(TableRef table) {
        run("DROP TABLE IF EXISTS " + DuckDbDdl.qualified(table.dataset(), table.table()));
    }

    @Override
    public boolean createView(DatasetName dataset, ViewSpec view, OrgSlug org, boolean replace) {
        if (!replace && describe(dataset).containsKey(view.name())) {
            return false;
        }
        // DuckDB has no materialized views; a plain view reads the central tables live.
        run("CREATE OR REPLACE VIEW " + DuckDbDdl.qualified(dataset, view.name()) + " AS "
                + render(SqlText.of(view.sql(org)).with("central", DatasetName.CENTRAL)));
        return true;
    }

    @Override
    public void dropDataset(DatasetName dataset) {
        run("DROP SCHEMA IF EXISTS " + DuckDbDdl.quote(dataset.value()) + " CASCADE");
    }

    @Override
    public List<Row> query(SqlText sql, Map<String, ?> params) {
        try (Connection c = root.duplicate()) {
            return select(c, render(sql), params);
        } catch (SQLException e) {
            throw translate(sql.template(), e);
        }
    }

    @Override
    public long execute(SqlText sql, Map<String, ?> params) {
        try (Connection c = root.duplicate()) {
            return update(c, render(sql), params);
        } catch (SQLException e) {
            throw translate(sql.template(), e);
        }
    }

    @Override
    public void executeScript(SqlText script, Map<String, ?> params) {
        inTransaction(c -> {
            for (String statement : SqlStatements.split(render(script))) {
                update(c, statement, params);
            }
            return null;
        }, script.template());
    }

    @Override
    public long replaceSlices(TableRef target, List<String> sliceColumns, SqlText source, Map<String, ?> params) {
        String incoming = DuckDbDdl.quote("incoming_" + UUID.randomUUID().toString().replace("-", ""));
        String table = DuckDbDdl.qualified(target.dataset(), target.table());
        String matches = sliceColumns.stream()
                .map(k -> "t." + DuckDbDdl.quote(k) + " = i." + DuckDbDdl.quote(k))
                .collect(Collectors.joining(" AND "));
        return inTransaction(c -> {
            update(c, "CREATE TEMP TABLE " + incoming + " AS " + render(source), params);
            update(c, "DELETE FROM " + table + " t WHERE EXISTS (SELECT 1 FROM " + incoming + " i WHERE "
                    + matches + ")", Map.of());
            long inserted = update(c, "INSERT INTO " + table + " BY NAME SELECT * FROM " + incoming, Map.of());
            // Not in a finally: after a failure the transaction is aborted, a DROP would fail and hide the real
            // error; the rollback removes the temp table instead.
            update(c, "DROP TABLE IF EXISTS " + incoming, Map.of());
            return inserted;
        }, "replace slices of " + target);
    }

    @Override
    public StagedFile stage(DatasetName dataset, Path file, FileFormat format, List<String> columnNames) {
        String path = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        String relation = switch (format) {
            case PARQUET -> parquetByPosition(path, columnNames);
            case CSV, CSV_GZIP -> "read_csv(" + path + ", header = true, auto_detect = false, delim = ',',"
                    + " quote = '\"', escape = '\"', strict_mode = true, compression = '"
                    + (format == FileFormat.CSV_GZIP ? "gzip" : "none") + "', columns = {"
                    + columnNames.stream().map(n -> "'" + n.replace("'", "''") + "': 'VARCHAR'")
                    .collect(Collectors.joining(", ")) + "})";
        };
        return new StagedFile() {
            @Override
            public String relation() {
                return relation;
            }

            @Override
            public void close() {
                // DuckDB reads the file in place; there is nothing to clean up.
            }
        };
    }

    /**
     * A Parquet file by position, as text, under the names asked for: nothing from the file is pasted into SQL.
     * Maps, structs and lists (CUR 2.0's {@code resource_tags}, {@code product}) become JSON text.
     */
    private String parquetByPosition(String path, List<String> columnNames) {
        List<String> types = query(SqlText.of("SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(" + path
                + "))"), Map.of()).stream().map(r -> r.string("column_type")).toList();
        return "(SELECT " + IntStream.range(0, Math.min(types.size(), columnNames.size()))
                .mapToObj(i -> (nested(types.get(i)) ? "CAST(to_json(#" + (i + 1) + ") AS VARCHAR)"
                        : "CAST(#" + (i + 1) + " AS VARCHAR)") + " AS " + DuckDbDdl.quote(columnNames.get(i)))
                .collect(Collectors.joining(", ")) + " FROM read_parquet(" + path + "))";
    }

    private static boolean nested(String type) {
        return type.startsWith("MAP(") || type.startsWith("STRUCT(") || type.endsWith("[]");
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw translate("close", e);
        }
    }

    private String render(SqlText sql) {
        return sql.render(d -> DuckDbDdl.quote(d.value()));
    }

    private void run(String sql) {
        try (Connection c = root.duplicate(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw translate(sql, e);
        }
    }

    private interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(TransactionWork<T> work, String what) {
        try (Connection c = root.duplicate()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                if (Thread.currentThread().isInterrupted()) {
                    // The caller was stopped (a step timed out or its run was cancelled) while the work ran:
                    // nothing of it may become visible.
                    throw new WarehouseException("Interrupted before commit; the work was rolled back", null);
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the transaction is already gone; nothing was committed
        }
    }

    private static List<Row> select(Connection c, String sql, Map<String, ?> params) throws SQLException {
        PositionalSql positional = PositionalSql.translate(sql, params);
        try (PreparedStatement ps = prepare(c, positional); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.put(meta.getColumnLabel(i), read(rs, i, meta.getColumnTypeName(i)));
                }
                rows.add(new Row(values));
            }
            return rows;
        }
    }

    private static long update(Connection c, String sql, Map<String, ?> params) throws SQLException {
        PositionalSql positional = PositionalSql.translate(sql, params);
        try (PreparedStatement ps = prepare(c, positional)) {
            boolean hasResults = ps.execute();
            if (hasResults) {
                // DuckDB answers INSERT/UPDATE/DELETE with a one-row "Count" result.
                try (ResultSet rs = ps.getResultSet()) {
                    return rs.next() && rs.getMetaData().getColumnCount() == 1 ? rs.getLong(1) : 0;
                }
            }
            return Math.max(ps.getUpdateCount(), 0);
        }
    }

    private static PreparedStatement prepare(Connection c, PositionalSql positional) throws SQLException {
        PreparedStatement ps = c.prepareStatement(positional.sql());
        for (int i = 0; i < positional.values().size(); i++) {
            ps.setObject(i + 1, bindable(c, positional.values().get(i)));
        }
        return ps;
    }

    private static Object bindable(Connection c, Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Instant instant -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            case OffsetDateTime odt -> odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            case Collection<?> list -> c.createArrayOf("VARCHAR", list.toArray());
            case Enum<?> e -> e.name();
            default -> value;
        };
    }

    private static Object read(ResultSet rs, int i, String typeName) throws SQLException {
        Object value = rs.getObject(i);
        if (value == null) {
            return null;
        }
        String type = typeName.toUpperCase(Locale.ROOT);
        if (type.equals("TIMESTAMP") || type.startsWith("TIMESTAMP ") || type.equals("TIMESTAMP_NS")) {
            return rs.getObject(i, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
        if (type.equals("TIMESTAMP WITH TIME ZONE")) {
            return rs.getObject(i, OffsetDateTime.class).toInstant();
        }
        if (type.equals("DATE")) {
            return rs.getObject(i, LocalDate.class);
        }
        return switch (value) {
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : big;
            case Integer small -> small.longValue();
            case java.sql.Blob blob -> blob.getBytes(1, (int) blob.length());
            case Array array -> Arrays.asList((Object[]) array.getArray());
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case LocalDate d -> d;
            default -> value.toString();
        };
    }

    private static WarehouseException translate(String what, SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("conflict")) {
            return new WriteConflictException(message, e);
        }
        return new WarehouseException(message + (what == null ? "" : "\n-- while running: " + abbreviate(what)), e);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
