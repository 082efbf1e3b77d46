package com.cloudact.platform.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.duckdb.DuckDbWarehouse;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shipped GenAI price lists as data (every value of its catalog type, a dated https source per row, no two
 * rows of one price in force on the same day, every provider priced) and their copy into an org's pricing tables.
 */
class GenAiDefaultPricingTests {

    private static final TableCatalog CATALOG = TableCatalog.load();
    private static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "gemini", "deepseek", "azure_openai",
            "aws_bedrock", "gcp_vertex");

    @ParameterizedTest
    @EnumSource(GenAiFlow.class)
    void everyValueHasItsCatalogTypeAndEveryRowADatedHttpsSource(GenAiFlow flow) {
        TableSpec table = CATALOG.table(flow.pricingTable());
        List<Map<String, String>> rows = GenAiDefaultPricing.rows(flow);

        assertThat(rows).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String where = flow.id() + ".csv line " + (i + 2) + ": ";
            for (Map.Entry<String, String> cell : row.entrySet()) {
                ColumnSpec column = table.column(cell.getKey()).orElse(null);
                if (column == null) {
                    problems.add(where + "no catalog column " + cell.getKey());
                } else if (cell.getValue() == null && column.required()) {
                    problems.add(where + cell.getKey() + " is required");
                } else if (cell.getValue() != null && !parses(column, cell.getValue())) {
                    problems.add(where + cell.getKey() + " = '" + cell.getValue() + "' is not a " + column.type());
                }
            }
            if (row.get("price_source") == null || !row.get("price_source").startsWith("https://")) {
                problems.add(where + "price_source is not an https URL");
            }
            if (row.get("price_source_date") == null) {
                problems.add(where + "price_source_date is missing");
            }
            String from = row.get("effective_from");
            String to = row.get("effective_to");
            if (from != null && to != null && LocalDate.parse(to).isBefore(LocalDate.parse(from))) {
                problems.add(where + "effective_to before effective_from");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(GenAiFlow.class)
    void noTwoRowsOfOnePriceAreInForceOnTheSameDay(GenAiFlow flow) {
        List<String> identity = flow.priceKey().stream().filter(k -> !k.equals("effective_from")).toList();
        Map<List<String>, List<Map<String, String>>> byPrice = GenAiDefaultPricing.rows(flow).stream()
                .collect(Collectors.groupingBy(r -> identity.stream().map(r::get).toList(), LinkedHashMap::new,
                        Collectors.toList()));
        List<String> overlaps = new ArrayList<>();
        byPrice.forEach((key, history) -> {
            List<Map<String, String>> sorted = new ArrayList<>(history);
            sorted.sort(Comparator.comparing(r -> day(r.get("effective_from"), LocalDate.MIN)));
            for (int i = 1; i < sorted.size(); i++) {
                LocalDate previousEnd = day(sorted.get(i - 1).get("effective_to"), LocalDate.MAX);
                LocalDate start = day(sorted.get(i).get("effective_from"), LocalDate.MIN);
                if (!previousEnd.isBefore(start)) {
                    overlaps.add(key + ": " + sorted.get(i - 1).get("effective_from") + ".." + previousEnd + " and "
                            + start + "..");
                }
            }
        });
        assertThat(overlaps).isEmpty();
    }

    @Test
    void everyProviderIsPricedAndAtLeastOneDatedPriceChangeIsShipped() {
        List<Map<String, String>> payg = GenAiDefaultPricing.rows(GenAiFlow.PAYG);
        assertThat(payg.stream().map(r -> r.get("provider")).collect(Collectors.toSet())).containsAll(PROVIDERS);

        Map<String, BigDecimal> gpt4o = new HashMap<>();
        payg.stream().filter(r -> r.get("provider").equals("openai") && r.get("model").equals("gpt-4o"))
                .forEach(r -> gpt4o.put(r.get("effective_from"), new BigDecimal(r.get("input_per_1m"))));
        assertThat(gpt4o).containsOnlyKeys("2024-05-13", "2024-10-02");
        assertThat(gpt4o.get("2024-05-13")).isEqualByComparingTo("5.00");
        assertThat(gpt4o.get("2024-10-02")).isEqualByComparingTo("2.50");
        assertThat(GenAiDefaultPricing.rows(GenAiFlow.COMMITMENT)).extracting(r -> r.get("provider")).contains("azure_openai");
        assertThat(GenAiDefaultPricing.rows(GenAiFlow.INFRASTRUCTURE)).extracting(r -> r.get("provider"))
                .contains("gcp_gpu", "aws_gpu", "azure_gpu");
    }

    @ParameterizedTest
    @EnumSource(GenAiFlow.class)
    void seedingTwiceAddsNothingAndReplaceRestoresTheShippedRows(GenAiFlow flow, @TempDir Path folder) {
        OrgSlug org = OrgSlug.of("seed_org");
        DatasetName dataset = DatasetName.forOrg(org, DeploymentEnv.LOCAL);
        TableSpec table = CATALOG.table(flow.pricingTable());
        int shipped = GenAiDefaultPricing.rows(flow).size();
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(folder.resolve("seed.duckdb"), null, null)) {
            warehouse.sync(dataset, List.of(table), SyncOptions.FULL);
            GenAiDefaultPricing pricing = new GenAiDefaultPricing(warehouse, CATALOG);

            int first = pricing.seed(dataset, org.value(), flow, false, "run-1", Instant.now());
            int second = pricing.seed(dataset, org.value(), flow, false, "run-2", Instant.now());

            assertThat(first).isEqualTo(shipped);
            assertThat(second).isZero();
            assertThat(count(warehouse, dataset, table)).isEqualTo(shipped);
            Set<String> keys = keys(warehouse, dataset, flow);
            assertThat(keys).hasSize(shipped);

            String priced = flow == GenAiFlow.INFRASTRUCTURE ? "hourly_rate"
                    : flow == GenAiFlow.PAYG ? "input_per_1m" : "min_units";
            warehouse.execute(SqlText.of("UPDATE ${ds}." + table.name() + " SET " + priced + " = 999"
                    + " WHERE rowid = (SELECT MIN(rowid) FROM ${ds}." + table.name() + ")").with("ds", dataset), Map.of());
            warehouse.execute(SqlText.of("DELETE FROM ${ds}." + table.name()
                    + " WHERE rowid = (SELECT MAX(rowid) FROM ${ds}." + table.name() + ")").with("ds", dataset), Map.of());

            assertThat(pricing.seed(dataset, org.value(), flow, false, "run-3", Instant.now()))
                    .as("only the missing row comes back").isEqualTo(1);
            assertThat(count(warehouse, dataset, table, priced + " = 999")).isEqualTo(1);

            assertThat(pricing.seed(dataset, org.value(), flow, true, "run-4", Instant.now())).isEqualTo(shipped);
            assertThat(count(warehouse, dataset, table)).isEqualTo(shipped);
            assertThat(count(warehouse, dataset, table, priced + " = 999")).isZero();
            assertThat(keys(warehouse, dataset, flow)).isEqualTo(keys);
        }
    }

    private static long count(DuckDbWarehouse warehouse, DatasetName dataset, TableSpec table) {
        return count(warehouse, dataset, table, "TRUE");
    }

    private static long count(DuckDbWarehouse warehouse, DatasetName dataset, TableSpec table, String condition) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table.name() + " WHERE " + condition)
                .with("ds", dataset), Map.of()).getFirst().longValue("n");
    }

    private static Set<String> keys(DuckDbWarehouse warehouse, DatasetName dataset, GenAiFlow flow) {
        List<Row> rows = warehouse.query(SqlText.of("SELECT " + String.join(", ", flow.priceKey()) + " FROM ${ds}."
                + flow.pricingTable()).with("ds", dataset), Map.of());
        Set<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.add(flow.priceKey().stream().map(k -> String.valueOf(r.get(k))).collect(Collectors.joining("|"))));
        return keys;
    }

    private static LocalDate day(String text, LocalDate open) {
        return text == null ? open : LocalDate.parse(text);
    }

    private static boolean parses(ColumnSpec column, String value) {
        try {
            switch (column.type()) {
                case NUMERIC -> new BigDecimal(value);
                case INT64 -> Long.parseLong(value);
                case FLOAT64 -> Double.parseDouble(value);
                case DATE -> LocalDate.parse(value);
                case BOOL -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        return false;
                    }
                }
                case STRING -> {
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
