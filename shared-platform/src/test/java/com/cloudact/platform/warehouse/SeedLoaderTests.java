package com.cloudact.platform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.CsvLine;
import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTests {

    private static final TableSpec REF = TableCatalog.load().table("ref_service_categories");

    @Test
    void loadingTheSeedTwiceLeavesExactlyTheCsvsRows(@TempDir Path folder) throws IOException {
        List<List<String>> csvRows = seedRows();
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(folder.resolve("seed.duckdb"), null, null)) {
            warehouse.sync(DatasetName.CENTRAL, List.of(REF), SyncOptions.FULL);

            int first = SeedLoader.load(warehouse, DatasetName.CENTRAL, REF);
            int second = SeedLoader.load(warehouse, DatasetName.CENTRAL, REF);

            assertThat(first).isEqualTo(csvRows.size()).isGreaterThan(100);
            assertThat(second).isEqualTo(csvRows.size());
            List<Row> rows = warehouse.query(SqlText.of("""
                    SELECT provider, service_code, service_category, service_subcategory
                    FROM ${ds}.ref_service_categories""").with("ds", DatasetName.CENTRAL), Map.of());
            assertThat(rows).hasSize(csvRows.size());
            assertThat(rows.stream().map(r -> List.of(r.string("provider"), r.string("service_code"),
                    r.string("service_category"), r.string("service_subcategory"))).toList())
                    .containsExactlyInAnyOrderElementsOf(csvRows);
        }
    }

    @Test
    void aReloadReplacesRowsThatAreNotInTheSeed(@TempDir Path folder) {
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(folder.resolve("seed.duckdb"), null, null)) {
            warehouse.sync(DatasetName.CENTRAL, List.of(REF), SyncOptions.FULL);
            warehouse.execute(SqlText.of("""
                    INSERT INTO ${ds}.ref_service_categories VALUES ('aws', 'Stale', 'Compute', 'Virtual Machines')""")
                    .with("ds", DatasetName.CENTRAL), Map.of());

            int loaded = SeedLoader.load(warehouse, DatasetName.CENTRAL, REF);

            assertThat(warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}.ref_service_categories")
                    .with("ds", DatasetName.CENTRAL), Map.of()).getFirst().longValue("n")).isEqualTo(loaded);
            assertThat(warehouse.query(SqlText.of("SELECT 1 AS x FROM ${ds}.ref_service_categories WHERE "
                    + "service_code = 'Stale'").with("ds", DatasetName.CENTRAL), Map.of())).isEmpty();
        }
    }

    private static List<List<String>> seedRows() throws IOException {
        try (InputStream in = SeedLoaderTests.class.getClassLoader().getResourceAsStream(REF.seed().orElseThrow())) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            return lines.subList(1, lines.size()).stream().map(CsvLine::parse).toList();
        }
    }
}
