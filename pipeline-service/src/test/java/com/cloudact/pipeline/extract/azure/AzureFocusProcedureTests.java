package com.cloudact.pipeline.extract.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.pipeline.procedures.ProcedureLibrary;
import com.cloudact.platform.warehouse.Dialect;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the two dialects of {@code sp_cloud_azure_convert_to_focus}: the BigQuery one (which runs nowhere
 * here) has the contract's signature, writes the same FOCUS columns as the DuckDB one (which the pipeline tests run),
 * and names only catalog tables and, through each alias, only columns those tables or the query itself define.
 */
class AzureFocusProcedureTests {

    private static final String NAME = "sp_cloud_azure_convert_to_focus";
    private static final TableCatalog CATALOG = TableCatalog.load();
    private static final String BIGQUERY = ProcedureLibrary.source(Dialect.BIGQUERY, NAME);
    private static final String DUCKDB = ProcedureLibrary.source(Dialect.DUCKDB, NAME);

    @Test
    void theBigQueryProcedureHasTheContractsSignature() {
        assertThat(BIGQUERY).contains("CREATE OR REPLACE PROCEDURE `{project_id}.organizations`." + NAME + "(\n"
                + "    p_dataset_id STRING,\n    p_org_slug STRING,\n    p_pipeline_id STRING,\n    p_start_date DATE,\n"
                + "    p_end_date DATE,\n    p_credential_id STRING,\n    p_run_id STRING)");
        assertThat(BIGQUERY).contains("BEGIN TRANSACTION;").contains("COMMIT TRANSACTION;").contains("ROLLBACK TRANSACTION;");
        assertThat(count(BIGQUERY, "%s")).as("the org dataset: once in the DELETE, three times in the INSERT").isEqualTo(4);
        assertThat(BIGQUERY).contains("\"\"\", p_dataset_id)\n").contains("\"\"\", p_dataset_id, p_dataset_id, p_dataset_id)\n");
        assertThat(BIGQUERY.replaceAll("%%", "")).doesNotContainPattern("%[^s]");
        assertThat(BIGQUERY).doesNotContain("${").doesNotContain("DECIMAL(").doesNotContain("json_extract")
                .doesNotContain("date_trunc('").doesNotContain("::");
    }

    @Test
    void bothDialectsWriteTheSameCatalogColumns() {
        List<String> bigQuery = insertColumns(BIGQUERY);
        assertThat(bigQuery).isEqualTo(insertColumns(DUCKDB)).hasSizeGreaterThan(70).doesNotHaveDuplicates();
        assertThat(CATALOG.table("cost_data_standard_1_3").columnNames()).containsAll(bigQuery);
    }

    @Test
    void theBigQueryProcedureNamesOnlyCatalogTablesAndColumns() {
        Matcher tables = Pattern.compile("`\\{project_id}\\.(%s|organizations)\\.([a-z0-9_]+)`").matcher(BIGQUERY);
        Set<String> named = new HashSet<>();
        while (tables.find()) {
            named.add(tables.group(2));
            assertThat(CATALOG.find(tables.group(2))).as(tables.group(2)).isPresent();
        }
        assertThat(named).containsExactlyInAnyOrder("cost_data_standard_1_3", "cloud_azure_billing_raw_daily",
                "org_hierarchy", "ref_service_categories", "org_profiles");

        Set<String> aliases = new HashSet<>();
        Matcher as = Pattern.compile("\\bAS ([a-z_]+)\\b").matcher(BIGQUERY);
        while (as.find()) {
            aliases.add(as.group(1));
        }
        Set<String> rawColumns = new HashSet<>(CATALOG.table("cloud_azure_billing_raw_daily").columnNames());
        rawColumns.addAll(aliases);
        Map<String, Set<String>> columnsByAlias = Map.ofEntries(
                Map.entry("raw", rawColumns), Map.entry("k", rawColumns), Map.entry("c", rawColumns),
                Map.entry("b", rawColumns), Map.entry("r", rawColumns), Map.entry("am", rawColumns),
                Map.entry("a", Set.of("billing_month", "x_credential_id")),
                Map.entry("h", Set.of("entity_id", "entity_name", "level_code", "path", "path_names")),
                Map.entry("oh", columns("org_hierarchy")),
                Map.entry("cm", columns("ref_service_categories")), Map.entry("cs", columns("ref_service_categories")),
                Map.entry("p", columns("org_profiles")));
        Matcher qualified = Pattern.compile("\\b([a-z]+)\\.([a-z_]+)\\b").matcher(BIGQUERY.replaceAll("`[^`]*`", ""));
        int checked = 0;
        while (qualified.find()) {
            Set<String> known = columnsByAlias.get(qualified.group(1));
            if (known != null) {
                assertThat(known).as(qualified.group()).contains(qualified.group(2));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    private static Set<String> columns(String table) {
        return new HashSet<>(CATALOG.find(table).map(TableSpec::columnNames).orElseThrow());
    }

    private static List<String> insertColumns(String sql) {
        Matcher insert = Pattern.compile("INSERT INTO [^(]+\\(([^)]*)\\)").matcher(sql);
        assertThat(insert.find()).isTrue();
        return Arrays.stream(insert.group(1).split(",")).map(String::strip).toList();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
