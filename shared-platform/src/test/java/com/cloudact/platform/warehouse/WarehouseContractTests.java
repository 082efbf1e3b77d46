package com.cloudact.platform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.ColumnType;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Warehouse} must do, whatever the engine (shaped like Iceberg's {@code CatalogTests}). A
 * subclass supplies the warehouse; each test works in a dataset of its own that is dropped afterwards.
 */
public abstract class WarehouseContractTests {

    protected static final LocalDate DAY_1 = LocalDate.of(2026, 1, 1);
    protected static final LocalDate DAY_2 = LocalDate.of(2026, 1, 2);
    protected static final LocalDate DAY_3 = LocalDate.of(2026, 1, 3);

    /** A table with every scalar type the catalog uses and a mixed-case column. */
    protected static final TableSpec TYPED = table("typed", List.of("name"),
            column("name", ColumnType.STRING, true),
            column("BilledCost", ColumnType.NUMERIC, false),
            column("qty", ColumnType.INT64, false),
            column("day", ColumnType.DATE, false),
            column("seen_at", ColumnType.TIMESTAMP, false),
            column("active", ColumnType.BOOL, false));

    /** A slice-keyed target: (org, run_date) is the slice; every column is required. */
    protected static final TableSpec COSTS = table("costs", List.of(),
            column("org", ColumnType.STRING, true),
            column("run_date", ColumnType.DATE, true),
            column("item", ColumnType.STRING, true),
            column("amount", ColumnType.NUMERIC, true));

    /** The same columns as {@link #COSTS}, all nullable, to feed replaceSlices with good or bad rows. */
    protected static final TableSpec INCOMING = table("incoming", List.of(),
            column("org", ColumnType.STRING, false),
            column("run_date", ColumnType.DATE, false),
            column("item", ColumnType.STRING, false),
            column("amount", ColumnType.NUMERIC, false));

    @TempDir
    protected Path files;

    protected DatasetName dataset;

    /** The warehouse under test. */
    protected abstract Warehouse warehouse();

    @BeforeEach
    void chooseAFreshDataset() {
        dataset = new DatasetName("contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    @AfterEach
    void dropTheDataset() {
        warehouse().dropDataset(dataset);
    }

    // ---------------------------------------------------------------- datasets and tables

    @Test
    void aMissingDatasetDoesNotExistAndDescribesAsEmpty() {
        assertThat(warehouse().datasetExists(dataset)).isFalse();
        assertThat(warehouse().describe(dataset)).isEmpty();
    }

    @Test
    void syncCreatesTheDatasetAndTablesAndASecondSyncCreatesNothing() {
        SyncResult first = warehouse().sync(dataset, List.of(TYPED, COSTS), SyncOptions.FULL);

        assertThat(first.succeeded()).as(first.errors().toString()).isTrue();
        assertThat(first.datasetCreated()).isTrue();
        assertThat(first.tablesCreated()).containsExactlyInAnyOrder("typed", "costs");
        assertThat(first.tablesExisting()).isEmpty();
        assertThat(warehouse().datasetExists(dataset)).isTrue();
        assertThat(warehouse().describe(dataset)).isEqualTo(Map.of(
                "typed", Set.of("name", "billedcost", "qty", "day", "seen_at", "active"),
                "costs", Set.of("org", "run_date", "item", "amount")));

        SyncResult second = warehouse().sync(dataset, List.of(TYPED, COSTS), SyncOptions.FULL);

        assertThat(second.succeeded()).isTrue();
        assertThat(second.datasetCreated()).isFalse();
        assertThat(second.tablesCreated()).isEmpty();
        assertThat(second.tablesExisting()).containsExactlyInAnyOrder("typed", "costs");
        assertThat(second.columnsAdded()).isEmpty();
    }

    @Test
    void syncWithoutCreateMissingTablesOnlyCreatesTheDataset() {
        SyncResult result = warehouse().sync(dataset, List.of(COSTS), new SyncOptions(false, true));

        assertThat(result.tablesCreated()).isEmpty();
        assertThat(warehouse().datasetExists(dataset)).isTrue();
        assertThat(warehouse().describe(dataset)).doesNotContainKey("costs");
    }

    @Test
    void syncAddsMissingColumnsAndNeverDropsAnything() {
        TableSpec v1 = table("evolving", List.of(), column("id", ColumnType.STRING, true),
                column("name", ColumnType.STRING, false));
        TableSpec v2 = table("evolving", List.of(), column("id", ColumnType.STRING, true),
                column("name", ColumnType.STRING, false), column("Note", ColumnType.STRING, true),
                column("score", ColumnType.NUMERIC, false));
        TableSpec v0 = table("evolving", List.of(), column("id", ColumnType.STRING, true));
        warehouse().sync(dataset, List.of(v1, COSTS), SyncOptions.FULL);
        warehouse().execute(sql("INSERT INTO ${ds}.evolving (id, name) VALUES (@id, @name)"),
                Map.of("id", "r1", "name", "first"));

        SyncResult added = warehouse().sync(dataset, List.of(v2), SyncOptions.FULL);

        assertThat(added.succeeded()).as(added.errors().toString()).isTrue();
        assertThat(added.columnsAdded()).isEqualTo(Map.of("evolving", List.of("Note", "score")));
        assertThat(warehouse().describe(dataset).get("evolving")).containsExactlyInAnyOrder("id", "name", "note", "score");
        Row row = warehouse().query(sql("SELECT id, name, Note, score FROM ${ds}.evolving"), Map.of()).getFirst();
        assertThat(row.string("name")).isEqualTo("first");
        assertThat(row.get("Note")).as("an added column is nullable: existing rows have no value").isNull();

        SyncResult older = warehouse().sync(dataset, List.of(v0), SyncOptions.FULL);

        assertThat(older.columnsAdded()).isEmpty();
        assertThat(warehouse().describe(dataset)).containsKey("costs");
        assertThat(warehouse().describe(dataset).get("evolving")).containsExactlyInAnyOrder("id", "name", "note", "score");
        assertThat(count("evolving")).isEqualTo(1);
    }

    @Test
    void syncWithoutAddMissingColumnsLeavesTheTableAsItIs() {
        TableSpec v1 = table("evolving", List.of(), column("id", ColumnType.STRING, true));
        TableSpec v2 = table("evolving", List.of(), column("id", ColumnType.STRING, true),
                column("extra", ColumnType.STRING, false));
        warehouse().sync(dataset, List.of(v1), SyncOptions.FULL);

        SyncResult result = warehouse().sync(dataset, List.of(v2), new SyncOptions(true, false));

        assertThat(result.columnsAdded()).isEmpty();
        assertThat(warehouse().describe(dataset).get("evolving")).containsExactly("id");
        assertThat(DatasetDrift.between(List.of(v2), warehouse().describe(dataset)).schemaDiffs())
                .containsKey("evolving");
    }

    @Test
    void dropTableRemovesOneTable() {
        warehouse().sync(dataset, List.of(TYPED, COSTS), SyncOptions.FULL);

        warehouse().dropTable(TableRef.of(dataset, "typed"));

        assertThat(warehouse().describe(dataset).keySet()).containsExactly("costs");
    }

    // ---------------------------------------------------------------- values and parameters

    @Test
    void namedParametersOfEveryTypeAreBoundAndValuesComeBackInRowTypes() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        Instant at = Instant.parse("2026-03-01T12:34:56.123456Z");
        insertTyped("alpha", new BigDecimal("0.07"), 5L, DAY_1, at, true);
        insertTyped("beta", new BigDecimal("1.81E-8"), 7L, DAY_1, at.plusSeconds(60), true);
        insertTyped("gamma", new BigDecimal("100"), 9L, DAY_2, at, false);

        List<Row> rows = warehouse().query(sql("""
                SELECT name, BilledCost, qty, day, seen_at, active FROM ${ds}.typed
                WHERE name IN UNNEST(@names) AND qty IN UNNEST(@quantities) AND day = @day AND active = @active
                  AND qty >= @minQty AND seen_at <= @until AND BilledCost < @maxCost
                ORDER BY name"""), Map.of("names", List.of("alpha", "beta", "gamma", "delta"),
                "quantities", List.of(5L, 7L, 9L), "day", DAY_1, "active", true, "minQty", 5L,
                "until", at.plusSeconds(60), "maxCost", new BigDecimal("1")));

        assertThat(rows).extracting(r -> r.get("name")).containsExactly("alpha", "beta");
        Row alpha = rows.getFirst();
        assertThat(alpha.get("name")).isInstanceOf(String.class);
        assertThat(alpha.get("BilledCost")).isInstanceOf(BigDecimal.class);
        assertThat(alpha.decimal("BilledCost")).isEqualByComparingTo("0.07");
        assertThat(rows.get(1).decimal("BilledCost")).isEqualByComparingTo("0.0000000181");
        assertThat(alpha.get("qty")).isEqualTo(5L);
        assertThat(alpha.get("day")).isEqualTo(DAY_1);
        assertThat(alpha.get("seen_at")).isEqualTo(at);
        assertThat(rows.get(1).instant("seen_at")).isEqualTo(at.plusSeconds(60));
        assertThat(alpha.get("active")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void numericSumsAreExact() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        insertTyped("a", new BigDecimal("0.07"), 1L, DAY_1, Instant.EPOCH, true);
        insertTyped("b", new BigDecimal("1.81E-8"), 2L, DAY_1, Instant.EPOCH, true);
        insertTyped("c", new BigDecimal("0.1"), 3L, DAY_1, Instant.EPOCH, true);
        insertTyped("d", new BigDecimal("0.2"), 4L, DAY_1, Instant.EPOCH, true);

        Row sums = warehouse().query(sql("""
                SELECT SUM(CASE WHEN name IN ('a', 'b') THEN BilledCost END) AS small,
                       SUM(CASE WHEN name IN ('c', 'd') THEN BilledCost END) AS tenths,
                       SUM(qty) AS total_qty, COUNT(*) AS n
                FROM ${ds}.typed"""), Map.of()).getFirst();

        assertThat(sums.get("small")).isInstanceOf(BigDecimal.class);
        assertThat(sums.decimal("small")).isEqualByComparingTo("0.0700000181");
        assertThat(sums.decimal("tenths")).isEqualByComparingTo("0.3");
        assertThat(sums.get("total_qty")).isEqualTo(10L);
        assertThat(sums.get("n")).isEqualTo(4L);
    }

    @Test
    void timestampsRoundTripToTheMicrosecondAndDatesExactly() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        Instant micro = Instant.parse("1999-12-31T23:59:59.999999Z");
        LocalDate leap = LocalDate.of(2024, 2, 29);
        insertTyped("t", BigDecimal.ONE, 1L, leap, micro, false);

        Row row = warehouse().query(sql("SELECT day, seen_at, active FROM ${ds}.typed WHERE seen_at = @at AND day = @day"),
                Map.of("at", micro, "day", leap)).getFirst();

        assertThat(row.instant("seen_at")).isEqualTo(micro);
        assertThat(row.date("day")).isEqualTo(leap);
        assertThat(row.bool("active")).isFalse();
    }

    @Test
    void anEmptyListMatchesNothing() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        insertTyped("a", BigDecimal.ONE, 1L, DAY_1, Instant.EPOCH, true);

        assertThat(warehouse().query(sql("SELECT name FROM ${ds}.typed WHERE name IN UNNEST(@names)"),
                Map.of("names", List.of()))).isEmpty();
    }

    @Test
    void nullColumnsComeBackAsNull() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        warehouse().execute(sql("INSERT INTO ${ds}.typed (name) VALUES (@name)"), Map.of("name", "only"));

        Row row = warehouse().query(sql("SELECT name, BilledCost, qty, day, seen_at, active FROM ${ds}.typed"), Map.of())
                .getFirst();

        assertThat(row.values()).containsEntry("name", "only");
        assertThat(Arrays.asList(row.get("BilledCost"), row.get("qty"), row.get("day"), row.get("seen_at"),
                row.get("active"))).containsOnlyNulls();
    }

    @Test
    void parameterValuesAreNeverPastedIntoSql() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        String hostile = "x'); DELETE FROM typed; --";
        insertTyped(hostile, BigDecimal.ONE, 1L, DAY_1, Instant.EPOCH, true);

        assertThat(warehouse().query(sql("SELECT name FROM ${ds}.typed WHERE name = @name"), Map.of("name", hostile)))
                .extracting(r -> r.string("name")).containsExactly(hostile);
    }

    @Test
    void executeReturnsTheNumberOfRowsChanged() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);

        long inserted = warehouse().execute(sql("""
                INSERT INTO ${ds}.typed (name, qty) VALUES ('a', 1), ('b', 2), ('c', 3)"""), Map.of());
        long updated = warehouse().execute(sql("UPDATE ${ds}.typed SET active = @active WHERE qty >= @min"),
                Map.of("active", true, "min", 2L));
        long none = warehouse().execute(sql("UPDATE ${ds}.typed SET qty = 0 WHERE name = @name"),
                Map.of("name", "zzz"));
        long deleted = warehouse().execute(sql("DELETE FROM ${ds}.typed WHERE TRUE"), Map.of());

        assertThat(List.of(inserted, updated, none, deleted)).containsExactly(3L, 2L, 0L, 3L);
    }

    @Test
    void aFailingStatementSurfacesAsWarehouseException() {
        assertThatThrownBy(() -> warehouse().query(sql("SELECT * FROM ${ds}.no_such_table"), Map.of()))
                .isInstanceOf(WarehouseException.class)
                .isNotInstanceOf(WriteConflictException.class);
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void executeScriptRunsEveryStatement() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);

        warehouse().executeScript(sql("""
                INSERT INTO ${ds}.typed (name, qty) VALUES (@first, 1);
                -- a comment; with a semicolon
                INSERT INTO ${ds}.typed (name, qty) VALUES ('semi;colon', 2);
                UPDATE ${ds}.typed SET qty = qty + 10 WHERE name = @first;
                """), Map.of("first", "one"));

        assertThat(warehouse().query(sql("SELECT name, qty FROM ${ds}.typed ORDER BY name"), Map.of()))
                .extracting(r -> r.get("name"), r -> r.get("qty"))
                .containsExactly(tuple("one", 11L), tuple("semi;colon", 2L));
    }

    @Test
    void executeScriptIsAtomicWhenALaterStatementFails() {
        warehouse().sync(dataset, List.of(TYPED), SyncOptions.FULL);
        insertTyped("before", BigDecimal.ONE, 1L, DAY_1, Instant.EPOCH, true);

        assertThatThrownBy(() -> warehouse().executeScript(sql("""
                INSERT INTO ${ds}.typed (name, qty) VALUES ('first', 1);
                UPDATE ${ds}.typed SET qty = 99 WHERE name = 'before';
                INSERT INTO ${ds}.typed (name, qty) VALUES (NULL, 2);
                """), Map.of())).isInstanceOf(WarehouseException.class);

        assertThat(warehouse().query(sql("SELECT name, qty FROM ${ds}.typed"), Map.of()))
                .extracting(r -> r.get("name"), r -> r.get("qty"))
                .containsExactly(tuple("before", 1L));
    }

    // ---------------------------------------------------------------- replaceSlices

    @Test
    void replaceSlicesReplacesExactlyTheSlicesInTheSourceAndIsIdempotent() {
        warehouse().sync(dataset, List.of(COSTS, INCOMING), SyncOptions.FULL);
        insertCost("costs", "acme", DAY_1, "old-1", "1.00");
        insertCost("costs", "acme", DAY_1, "old-2", "2.00");
        insertCost("costs", "acme", DAY_1, "old-3", "3.00");
        insertCost("costs", "acme", DAY_2, "keep-acme-d2", "4.00");
        insertCost("costs", "beta", DAY_1, "keep-beta-d1", "5.00");
        insertCost("incoming", "acme", DAY_1, "new-1", "10.00");
        insertCost("incoming", "acme", DAY_1, "new-2", "0.0000000181");
        insertCost("incoming", "acme", DAY_3, "new-3", "30.00");
        insertCost("incoming", "beta", DAY_2, "not-selected", "99.00");
        SqlText source = sql("SELECT org, run_date, item, amount FROM ${ds}.incoming WHERE org = @org");
        TableRef target = TableRef.of(dataset, "costs");

        long first = warehouse().replaceSlices(target, List.of("org", "run_date"), source, Map.of("org", "acme"));
        List<String> afterFirst = costItems();
        long second = warehouse().replaceSlices(target, List.of("org", "run_date"), source, Map.of("org", "acme"));

        assertThat(first).isEqualTo(3);
        assertThat(second).isEqualTo(3);
        assertThat(afterFirst).containsExactly("keep-acme-d2", "keep-beta-d1", "new-1", "new-2", "new-3");
        assertThat(costItems()).isEqualTo(afterFirst);
        assertThat(warehouse().query(sql("SELECT SUM(amount) AS total FROM ${ds}.costs"), Map.of()).getFirst()
                .decimal("total")).isEqualByComparingTo("49.0000000181");
    }

    @Test
    void replaceSlicesMatchesSourceColumnsToTargetColumnsByName() {
        warehouse().sync(dataset, List.of(COSTS), SyncOptions.FULL);
        insertCost("costs", "acme", DAY_1, "old", "1");

        long inserted = warehouse().replaceSlices(TableRef.of(dataset, "costs"), List.of("org", "run_date"),
                sql("SELECT @amount AS amount, @item AS item, @day AS run_date, @org AS org"),
                Map.of("amount", new BigDecimal("2.5"), "item", "reordered", "day", DAY_1, "org", "acme"));

        assertThat(inserted).isEqualTo(1);
        Row row = warehouse().query(sql("SELECT org, run_date, item, amount FROM ${ds}.costs"), Map.of()).getFirst();
        assertThat(row.string("org")).isEqualTo("acme");
        assertThat(row.date("run_date")).isEqualTo(DAY_1);
        assertThat(row.string("item")).isEqualTo("reordered");
        assertThat(row.decimal("amount")).isEqualByComparingTo("2.5");
    }

    @Test
    void aFailingReplaceSlicesLeavesThePreviousRowsIntact() {
        warehouse().sync(dataset, List.of(COSTS, INCOMING), SyncOptions.FULL);
        insertCost("costs", "acme", DAY_1, "old-1", "1.00");
        insertCost("costs", "acme", DAY_2, "old-2", "2.00");
        insertCost("incoming", "acme", DAY_1, "fine", "3.00");
        // amount is required in the target: the insert fails after the old slice was deleted
        warehouse().execute(sql("INSERT INTO ${ds}.incoming (org, run_date, item) VALUES ('acme', @day, 'no-amount')"),
                Map.of("day", DAY_1));
        List<String> before = costItems();

        assertThatThrownBy(() -> warehouse().replaceSlices(TableRef.of(dataset, "costs"), List.of("org", "run_date"),
                sql("SELECT org, run_date, item, amount FROM ${ds}.incoming"), Map.of()))
                .isInstanceOf(WarehouseException.class);
        assertThatThrownBy(() -> warehouse().replaceSlices(TableRef.of(dataset, "costs"), List.of("org", "run_date"),
                sql("SELECT org, run_date, item, amount FROM ${ds}.no_such_source"), Map.of()))
                .isInstanceOf(WarehouseException.class);

        assertThat(costItems()).isEqualTo(before).containsExactly("old-1", "old-2");
    }

    // ---------------------------------------------------------------- staging files

    @Test
    void aStagedCsvIsReadWithTheGivenColumnNamesAndItsHeaderSkipped() throws IOException {
        Path csv = files.resolve("lines.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);

        assertThat(readStaged(csv, FileFormat.CSV)).containsExactlyElementsOf(EXPECTED_CSV_ROWS);
    }

    @Test
    void aGzipCsvIsReadLikeAPlainOne() throws IOException {
        Path gz = files.resolve("lines.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(FileFormat.detect(gz)).isEqualTo(FileFormat.CSV_GZIP);

        assertThat(readStaged(gz, FileFormat.CSV_GZIP)).containsExactlyElementsOf(EXPECTED_CSV_ROWS);
    }

    @Test
    void aCsvWithAByteOrderMarkAndQuotedCommasIsRead() throws IOException {
        Path csv = files.resolve("bom.csv");
        Files.write(csv, ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8));
        assertThat(FileFormat.detect(csv)).isEqualTo(FileFormat.CSV);

        assertThat(readStaged(csv, FileFormat.CSV)).containsExactlyElementsOf(EXPECTED_CSV_ROWS);
    }

    @Test
    void aCsvWithAShortRowFails() throws IOException {
        Path csv = files.resolve("short.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n4,5\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readStaged(csv, FileFormat.CSV)).isInstanceOf(WarehouseException.class);
    }

    // ---------------------------------------------------------------- helpers

    private static final String CSV = String.join("\n",
            "identity/LineItemId,bill/PayerAccountId,lineItem/UnblendedCost,product/ProductName",
            "li-1,111122223333,0.07,\"Amazon Elastic Compute Cloud, Inc.\"",
            "li-2,111122223333,1.81E-8,\"Say \"\"hi\"\"\"",
            "li-3,,0,",
            "");

    private static final List<List<Object>> EXPECTED_CSV_ROWS = List.of(
            Arrays.asList("li-1", "111122223333", "0.07", "Amazon Elastic Compute Cloud, Inc."),
            Arrays.asList("li-2", "111122223333", "1.81E-8", "Say \"hi\""),
            Arrays.asList("li-3", null, "0", null));

    private List<List<Object>> readStaged(Path file, FileFormat format) {
        warehouse().sync(dataset, List.of(), SyncOptions.FULL);
        try (StagedFile staged = warehouse().stage(dataset, file, format,
                List.of("line_id", "payer", "cost", "product"))) {
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : warehouse().query(SqlText.of(
                    "SELECT line_id, payer, cost, product FROM " + staged.relation() + " ORDER BY line_id"), Map.of())) {
                rows.add(Arrays.asList(row.get("line_id"), blankAsNull(row.get("payer")), row.get("cost"),
                        blankAsNull(row.get("product"))));
            }
            return rows;
        }
    }

    /** Engines differ in whether an empty unquoted CSV field is NULL or ''; both mean "no value". */
    private static Object blankAsNull(Object value) {
        return value instanceof String s && s.isEmpty() ? null : value;
    }

    protected SqlText sql(String template) {
        return SqlText.of(template).with("ds", dataset);
    }

    protected long count(String table) {
        return warehouse().query(sql("SELECT COUNT(*) AS n FROM ${ds}." + table), Map.of()).getFirst().longValue("n");
    }

    private void insertTyped(String name, BigDecimal cost, long qty, LocalDate day, Instant at, boolean active) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", name);
        params.put("cost", cost);
        params.put("qty", qty);
        params.put("day", day);
        params.put("at", at);
        params.put("active", active);
        long changed = warehouse().execute(sql("""
                INSERT INTO ${ds}.typed (name, BilledCost, qty, day, seen_at, active)
                VALUES (@name, @cost, @qty, @day, @at, @active)"""), params);
        assertThat(changed).isEqualTo(1);
    }

    private void insertCost(String table, String org, LocalDate day, String item, String amount) {
        warehouse().execute(sql("INSERT INTO ${ds}." + table + " (org, run_date, item, amount) "
                + "VALUES (@org, @day, @item, @amount)"),
                Map.of("org", org, "day", day, "item", item, "amount", new BigDecimal(amount)));
    }

    private List<String> costItems() {
        return warehouse().query(sql("SELECT item FROM ${ds}.costs ORDER BY item"), Map.of()).stream()
                .map(r -> r.string("item")).toList();
    }

    protected static TableSpec table(String name, List<String> primaryKey, ColumnSpec... columns) {
        return new TableSpec(name, DatasetKind.ORG, "contract test table", List.of(columns), Optional.empty(),
                List.of(), primaryKey, Optional.empty());
    }

    protected static ColumnSpec column(String name, ColumnType type, boolean required) {
        return new ColumnSpec(name, type, required, false, null);
    }
}
