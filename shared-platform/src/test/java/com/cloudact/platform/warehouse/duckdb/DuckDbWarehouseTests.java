package com.cloudact.platform.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cloudact.model.catalog.ColumnType;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseContractTests;
import com.cloudact.platform.warehouse.WarehouseException;
import com.cloudact.platform.warehouse.WriteConflictException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse contract on a real DuckDB file, plus what only the embedded engine does. */
class DuckDbWarehouseTests extends WarehouseContractTests {

    @TempDir
    static Path folder;

    private static DuckDbWarehouse warehouse;

    @BeforeAll
    static void open() {
        warehouse = new DuckDbWarehouse(folder.resolve("data/warehouse.duckdb"), "512MB", 2);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Override
    protected Warehouse warehouse() {
        return warehouse;
    }

    @Test
    void speaksTheDuckDbDialect() {
        assertThat(warehouse.dialect()).isEqualTo(Dialect.DUCKDB);
    }

    @Test
    void concurrentUpdatesOfOneRowSurfaceAsWriteConflicts() throws InterruptedException {
        warehouse.sync(dataset, List.of(table("counter", List.of(), column("id", ColumnType.STRING, true),
                column("n", ColumnType.INT64, true))), SyncOptions.FULL);
        warehouse.execute(sql("INSERT INTO ${ds}.counter (id, n) VALUES ('only', 0)"), Map.of());
        int threads = 4;
        int updatesPerThread = 150;
        AtomicInteger succeeded = new AtomicInteger();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < updatesPerThread; i++) {
                    try {
                        // two statements in one transaction keep it open long enough to overlap with the others
                        warehouse.executeScript(sql("""
                                UPDATE ${ds}.counter SET n = n + 1 WHERE id = 'only';
                                UPDATE ${ds}.counter SET n = n WHERE id = 'only';"""), Map.of());
                        succeeded.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).as("some updates must collide").isNotEmpty();
        assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(WriteConflictException.class));
        assertThat(((WriteConflictException) failures.peek()).code().httpStatus()).isEqualTo(503);
        assertThat(warehouse.query(sql("SELECT n FROM ${ds}.counter"), Map.of()).getFirst().longValue("n"))
                .as("no update is lost and no failed one is half-applied").isEqualTo(succeeded.get());
    }

    @Test
    void committedDataSurvivesReopeningTheFile(@TempDir Path other) {
        Path file = other.resolve("reopen.duckdb");
        try (DuckDbWarehouse first = new DuckDbWarehouse(file, null, null)) {
            first.sync(dataset, List.of(COSTS), SyncOptions.FULL);
            first.execute(SqlText.of("INSERT INTO ${ds}.costs VALUES ('acme', DATE '2026-01-01', 'kept', 1.5)")
                    .with("ds", dataset), Map.of());
        }
        try (DuckDbWarehouse second = new DuckDbWarehouse(file, null, null)) {
            assertThat(second.datasetExists(dataset)).isTrue();
            assertThat(second.query(SqlText.of("SELECT item, amount FROM ${ds}.costs").with("ds", dataset), Map.of()))
                    .singleElement().satisfies(row -> {
                        assertThat(row.string("item")).isEqualTo("kept");
                        assertThat(row.decimal("amount")).isEqualByComparingTo("1.5");
                    });
        }
    }

    @Test
    void anUnboundParameterIsRejectedBeforeTheEngineRunsAnything() {
        assertThat(catchThrowable(() -> warehouse.query(SqlText.of("SELECT @missing AS x"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@missing");
    }

    @Test
    void aFailingReplaceSlicesReportsTheEnginesReasonNotAFollowUpError() {
        warehouse.sync(dataset, List.of(COSTS), SyncOptions.FULL);

        assertThat(catchThrowable(() -> warehouse.replaceSlices(TableRef.of(dataset, "costs"), List.of("org"),
                SqlText.of("SELECT 'acme' AS org, DATE '2026-01-01' AS run_date, 'x' AS item, "
                        + "CAST(NULL AS DECIMAL(38, 18)) AS amount"), Map.of())))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("NOT NULL constraint failed")
                .hasMessageNotContaining("transaction is aborted");
    }

    @Test
    void openingAnUnusableFileFailsAsWarehouseException(@TempDir Path other) throws IOException {
        Path notADatabase = other.resolve("junk.duckdb");
        Files.writeString(notADatabase, "this is not a DuckDB file, only text ".repeat(200));
        assertThat(catchThrowable(() -> new DuckDbWarehouse(notADatabase, null, null)))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Cannot open DuckDB database");
    }
}
