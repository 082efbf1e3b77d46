package com.cloudact.platform.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.ColumnType;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.Partitioning;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.FileFormat;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.StagedFile;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.WarehouseException;
import com.cloudact.platform.warehouse.bigquery.BigQueryGateway.QueryOutcome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SQL and DDL BigQueryWarehouse sends, checked against a fake gateway that records it. */
class BigQueryWarehouseTests {

    private static final DatasetName ACME = new DatasetName("acme_prod");
    private static final TableCatalog CATALOG = TableCatalog.load();

    private final FakeBigQueryGateway gateway = new FakeBigQueryGateway();
    private final BigQueryWarehouse warehouse = new BigQueryWarehouse(gateway, "cloudact-prod", "EU");

    @Test
    void speaksTheBigQueryDialect() {
        assertThat(warehouse.dialect()).isEqualTo(Dialect.BIGQUERY);
    }

    @Test
    void createTableCarriesPartitionClusteringKeysTypesAndDescriptions() {
        TableSpec events = new TableSpec("events", DatasetKind.ORG, "Events\nof one org", List.of(
                new ColumnSpec("id", ColumnType.STRING, true, false, "Event id"),
                new ColumnSpec("amount", ColumnType.NUMERIC, true, false, null),
                new ColumnSpec("tags", ColumnType.STRING, true, true, null),
                new ColumnSpec("happened_at", ColumnType.TIMESTAMP, true, false, null),
                new ColumnSpec("note", ColumnType.STRING, false, false, "it's \\ here")),
                Optional.of(new Partitioning("happened_at", Partitioning.Granularity.DAY, 90)),
                List.of("id"), List.of("id"), Optional.empty());

        assertThat(createTable(events)).isEqualTo("""
                CREATE TABLE IF NOT EXISTS `cloudact-prod.acme_prod.events` (
                  id STRING NOT NULL OPTIONS(description='Event id'),
                  amount BIGNUMERIC NOT NULL,
                  tags ARRAY<STRING>,
                  happened_at TIMESTAMP NOT NULL,
                  note STRING OPTIONS(description='it\\'s \\\\ here'),
                  PRIMARY KEY (id) NOT ENFORCED
                )
                PARTITION BY TIMESTAMP_TRUNC(happened_at, DAY)
                CLUSTER BY id
                OPTIONS(description='Events of one org', partition_expiration_days=90)""");
    }

    @Test
    void aTimestampPartitionedCatalogTableTruncatesToTheDay() {
        String ddl = createTable(CATALOG.table("cost_data_standard_1_3"));

        assertThat(ddl).startsWith("CREATE TABLE IF NOT EXISTS `cloudact-prod.acme_prod.cost_data_standard_1_3` (\n")
                .contains("\n  BilledCost BIGNUMERIC NOT NULL OPTIONS(")
                .contains("\n  x_exchange_rate_used BIGNUMERIC,\n")
                .contains("\n  Tags JSON OPTIONS(")
                .contains("\n  x_pipeline_run_date DATE NOT NULL OPTIONS(")
                .contains("\nPARTITION BY TIMESTAMP_TRUNC(ChargePeriodStart, DAY)\n")
                .contains("\nCLUSTER BY SubAccountId, ServiceProviderName, ServiceCategory, ChargeCategory\n")
                .doesNotContain("PRIMARY KEY")
                .doesNotContain(" NUMERIC");
    }

    @Test
    void aDatePartitionedTableIsPartitionedOnTheFieldItself() {
        String ddl = createTable(CATALOG.table("cloud_aws_billing_raw_daily"));

        assertThat(ddl).contains("\nPARTITION BY x_ingestion_date\n")
                .contains("\nCLUSTER BY linked_account_id, product_code, region\n")
                .contains("\n  unblended_cost BIGNUMERIC NOT NULL OPTIONS(");
    }

    @Test
    void repeatedColumnsAreArraysAndKeysAreUnenforcedPrimaryKeys() {
        String ddl = createTable(CATALOG.table("org_api_keys"));

        assertThat(ddl).contains("\n  scopes ARRAY<STRING> OPTIONS(")
                .contains("\n  encrypted_org_api_key BYTES OPTIONS(")
                .contains("\n  is_active BOOL NOT NULL,\n")
                .contains("\n  PRIMARY KEY (org_api_key_id) NOT ENFORCED\n)")
                .contains("\nPARTITION BY TIMESTAMP_TRUNC(created_at, DAY)\n")
                .contains("\nCLUSTER BY org_slug, is_active\n");
        assertThat(createTable(CATALOG.table("ref_service_categories")))
                .contains("PRIMARY KEY (provider, service_code) NOT ENFORCED")
                .doesNotContain("PARTITION BY").doesNotContain("CLUSTER BY");
    }

    @Test
    void monthlyPartitionsTruncateToTheMonth() {
        TableSpec byDate = table("by_date", new Partitioning("d", Partitioning.Granularity.MONTH, null),
                new ColumnSpec("d", ColumnType.DATE, true, false, null));
        TableSpec byTime = table("by_time", new Partitioning("t", Partitioning.Granularity.MONTH, null),
                new ColumnSpec("t", ColumnType.TIMESTAMP, true, false, null));

        assertThat(createTable(byDate)).endsWith("\nPARTITION BY DATE_TRUNC(d, MONTH)").doesNotContain("OPTIONS");
        assertThat(createTable(byTime)).endsWith("\nPARTITION BY TIMESTAMP_TRUNC(t, MONTH)");
    }

    @Test
    void syncCreatesAMissingDatasetInTheConfiguredLocationThenItsTables() {
        SyncResult result = warehouse.sync(ACME, CATALOG.tables(DatasetKind.ORG), SyncOptions.FULL);

        assertThat(gateway.createdDatasets).containsExactly("acme_prod@EU");
        assertThat(result.datasetCreated()).isTrue();
        List<String> orgTables = CATALOG.tables(DatasetKind.ORG).stream().map(t -> t.name()).toList();
        assertThat(result.tablesCreated()).containsExactlyElementsOf(orgTables);
        assertThat(gateway.statements()).hasSize(orgTables.size())
                .allMatch(sql -> sql.startsWith("CREATE TABLE IF NOT EXISTS "));
    }

    @Test
    void syncAddsOnlyTheMissingColumnsAndNeverDrops() {
        gateway.table("acme_prod", "org_profiles", "org_slug", "company_name", "admin_email", "org_dataset_id",
                "status", "subscription_plan", "default_currency", "default_country", "default_language",
                "default_timezone", "created_at", "legacy_column");

        SyncResult result = warehouse.sync(ACME, List.of(CATALOG.table("org_profiles")), SyncOptions.FULL);

        assertThat(result.datasetCreated()).isFalse();
        assertThat(gateway.createdDatasets).isEmpty();
        assertThat(result.tablesExisting()).containsExactly("org_profiles");
        assertThat(result.columnsAdded()).isEqualTo(Map.of("org_profiles",
                List.of("fiscal_year_start_month", "dataset_location", "updated_at")));
        assertThat(gateway.statements()).containsExactly(
                "ALTER TABLE `cloudact-prod.acme_prod.org_profiles` ADD COLUMN IF NOT EXISTS fiscal_year_start_month INT64",
                "ALTER TABLE `cloudact-prod.acme_prod.org_profiles` ADD COLUMN IF NOT EXISTS dataset_location STRING",
                "ALTER TABLE `cloudact-prod.acme_prod.org_profiles` ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP");
        assertThat(gateway.queries).noneMatch(call -> call.sql().toUpperCase().contains("DROP"));
    }

    @Test
    void syncMatchesExistingColumnsIgnoringCase() {
        gateway.table("acme_prod", "ref_service_categories", "PROVIDER", "Service_Code", "service_category",
                "service_subcategory");

        SyncResult result = warehouse.sync(ACME, List.of(CATALOG.table("ref_service_categories")), SyncOptions.FULL);

        assertThat(result.columnsAdded()).isEmpty();
        assertThat(gateway.statements()).isEmpty();
    }

    @Test
    void syncWithoutAddingColumnsOrTablesChangesNothing() {
        gateway.table("acme_prod", "org_profiles", "org_slug");

        SyncResult result = warehouse.sync(ACME, List.of(CATALOG.table("org_profiles"), CATALOG.table("org_api_keys")),
                new SyncOptions(false, false));

        assertThat(result.tablesCreated()).isEmpty();
        assertThat(result.columnsAdded()).isEmpty();
        assertThat(gateway.statements()).isEmpty();
    }

    @Test
    void aTableThatCannotBeCreatedIsReportedAndTheOthersStillAre() {
        gateway.datasets.add("acme_prod");
        gateway.failWhenSqlContains = "cost_data_standard_1_3";

        SyncResult result = warehouse.sync(ACME, CATALOG.tables(DatasetKind.ORG), SyncOptions.FULL);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errors()).containsExactly("cost_data_standard_1_3: Invalid table definition");
        assertThat(result.tablesCreated()).hasSize(CATALOG.tables(DatasetKind.ORG).size() - 1)
                .contains("cloud_aws_billing_raw_daily").doesNotContain("cost_data_standard_1_3");
    }

    @Test
    void describeOfAMissingDatasetIsEmptyWithoutQuerying() {
        assertThat(warehouse.describe(ACME)).isEmpty();
        assertThat(warehouse.datasetExists(ACME)).isFalse();
        assertThat(gateway.queries).isEmpty();
    }

    @Test
    void describeListsLowerCaseColumnsPerTable() {
        gateway.table("acme_prod", "t1", "Id", "Name");
        gateway.table("acme_prod", "t2", "x");

        assertThat(warehouse.describe(ACME)).isEqualTo(Map.of("t1", java.util.Set.of("id", "name"),
                "t2", java.util.Set.of("x")));
        assertThat(gateway.queries.getFirst().sql()).isEqualTo("SELECT table_name, column_name FROM "
                + "`cloudact-prod.acme_prod`.INFORMATION_SCHEMA.COLUMNS ORDER BY table_name, ordinal_position");
    }

    @Test
    void datasetHolesAreRenderedAsQuotedProjectDatasetAndValuesStayParameters() {
        gateway.answer = sql -> new QueryOutcome(List.of(Map.of("n", 3L, "cost", new BigDecimal("0.07"))), 0);
        Map<String, Object> params = Map.of("org", "acme", "day", LocalDate.of(2026, 1, 1));

        List<Row> rows = warehouse.query(SqlText.of("""
                SELECT COUNT(*) AS n FROM ${ds}.cost_data_standard_1_3 c JOIN ${central}.org_profiles p
                ON p.org_slug = @org WHERE c.x_pipeline_run_date = @day""")
                .with("ds", ACME).with("central", DatasetName.CENTRAL), params);

        assertThat(gateway.queries).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo("""
                    SELECT COUNT(*) AS n FROM `cloudact-prod.acme_prod`.cost_data_standard_1_3 c JOIN \
                    `cloudact-prod.organizations`.org_profiles p
                    ON p.org_slug = @org WHERE c.x_pipeline_run_date = @day""");
            assertThat(call.params()).isEqualTo(params);
        });
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.longValue("n")).isEqualTo(3L);
            assertThat(row.decimal("cost")).isEqualByComparingTo("0.07");
        });
    }

    @Test
    void aMissingDatasetHoleIsRejected() {
        assertThatThrownBy(() -> warehouse.query(SqlText.of("SELECT * FROM ${ds}.t"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${ds}");
        assertThat(gateway.queries).isEmpty();
    }

    @Test
    void executeReturnsTheRowsTheDmlChanged() {
        gateway.answer = sql -> new QueryOutcome(List.of(), 42);

        assertThat(warehouse.execute(SqlText.of("DELETE FROM ${ds}.t WHERE TRUE").with("ds", ACME), Map.of()))
                .isEqualTo(42);
        assertThat(gateway.queries.getFirst().sql()).isEqualTo("DELETE FROM `cloudact-prod.acme_prod`.t WHERE TRUE");
    }

    @Test
    void executeScriptRunsInATransactionThatRollsBackAndReraisesOnError() {
        Map<String, Object> params = Map.of("org", "acme");

        warehouse.executeScript(SqlText.of("""
                DELETE FROM ${ds}.t WHERE org = @org;
                INSERT INTO ${ds}.t (org) VALUES (@org)""").with("ds", ACME), params);

        assertThat(gateway.queries).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo("""
                    BEGIN
                      BEGIN TRANSACTION;
                      DELETE FROM `cloudact-prod.acme_prod`.t WHERE org = @org;
                      INSERT INTO `cloudact-prod.acme_prod`.t (org) VALUES (@org);
                      COMMIT TRANSACTION;
                    EXCEPTION WHEN ERROR THEN
                      ROLLBACK TRANSACTION;
                      RAISE USING MESSAGE = @@error.message;
                    END;""");
            assertThat(call.params()).isEqualTo(params);
        });
    }

    @Test
    void replaceSlicesDeletesBySliceColumnsAndInsertsTheSourcesColumnsInOneTransaction() {
        gateway.dryRunColumns = List.of("x_org_slug", "x_pipeline_run_date", "BilledCost");
        gateway.answer = sql -> new QueryOutcome(List.of(Map.of("inserted", 7L)), 0);
        Map<String, Object> params = Map.of("run", "r-1");
        SqlText source = SqlText.of("SELECT * FROM ${ds}.staging WHERE x_run_id = @run").with("ds", ACME);

        long inserted = warehouse.replaceSlices(TableRef.of(ACME, "cost_data_standard_1_3"),
                List.of("x_org_slug", "x_pipeline_run_date"), source, params);

        assertThat(inserted).isEqualTo(7);
        assertThat(gateway.dryRuns).singleElement().satisfies(call -> {
            assertThat(call.sql()).isEqualTo("SELECT * FROM `cloudact-prod.acme_prod`.staging WHERE x_run_id = @run");
            assertThat(call.params()).isEqualTo(params);
        });
        String target = "`cloudact-prod.acme_prod.cost_data_standard_1_3`";
        assertThat(gateway.queries).singleElement().satisfies(call -> {
            assertThat(call.params()).isEqualTo(params);
            assertThat(call.sql()).isEqualTo("""
                    DECLARE inserted INT64 DEFAULT 0;
                    BEGIN
                      BEGIN TRANSACTION;
                      CREATE TEMP TABLE _incoming AS SELECT * FROM `cloudact-prod.acme_prod`.staging WHERE x_run_id = @run;
                      DELETE FROM %1$s t WHERE EXISTS (SELECT 1 FROM _incoming i WHERE \
                    t.x_org_slug = i.x_org_slug AND t.x_pipeline_run_date = i.x_pipeline_run_date);
                      INSERT INTO %1$s (x_org_slug, x_pipeline_run_date, BilledCost) \
                    SELECT x_org_slug, x_pipeline_run_date, BilledCost FROM _incoming;
                      SET inserted = @@row_count;
                      COMMIT TRANSACTION;
                    EXCEPTION WHEN ERROR THEN
                      ROLLBACK TRANSACTION;
                      RAISE USING MESSAGE = @@error.message;
                    END;
                    SELECT inserted;""".formatted(target));
        });
    }

    @Test
    void stagingLoadsTheFileIntoATemporaryTableThatClosingDeletes() {
        Path file = Path.of("/data/cur-2026-01.csv.gz");

        String relation;
        try (StagedFile staged = warehouse.stage(ACME, file, FileFormat.CSV_GZIP, List.of("a", "b"))) {
            relation = staged.relation();
            assertThat(gateway.loads).singleElement().satisfies(load -> {
                assertThat(load.dataset()).isEqualTo("acme_prod");
                assertThat(load.table()).matches("_staging_[0-9a-f]{32}");
                assertThat(load.file()).isEqualTo(file);
                assertThat(load.gzip()).isTrue();
                assertThat(load.parquet()).isFalse();
                assertThat(load.columns()).containsExactly("a", "b");
                assertThat(relation).isEqualTo("`cloudact-prod.acme_prod." + load.table() + "`");
            });
            assertThat(gateway.deletedTables).isEmpty();
        }

        assertThat(gateway.deletedTables).containsExactly("acme_prod." + gateway.loads.getFirst().table());
    }

    @Test
    void parquetIsLoadedAsParquet() {
        try (StagedFile ignored = warehouse.stage(ACME, Path.of("x.parquet"), FileFormat.PARQUET, List.of())) {
            assertThat(gateway.loads.getFirst().parquet()).isTrue();
            assertThat(gateway.loads.getFirst().gzip()).isFalse();
        }
    }

    @Test
    void dropsGoToTheGateway() {
        warehouse.dropTable(TableRef.of(ACME, "old_table"));
        warehouse.dropDataset(ACME);

        assertThat(gateway.deletedTables).containsExactly("acme_prod.old_table");
        assertThat(gateway.deletedDatasets).containsExactly("acme_prod");
    }

    @Test
    void engineErrorsReachTheCallerAsWarehouseExceptions() {
        gateway.failWhenSqlContains = "boom";

        assertThatThrownBy(() -> warehouse.query(SqlText.of("SELECT boom"), Map.of()))
                .isInstanceOf(WarehouseException.class);
    }

    private String createTable(TableSpec table) {
        FakeBigQueryGateway fresh = new FakeBigQueryGateway();
        fresh.datasets.add(ACME.value());
        new BigQueryWarehouse(fresh, "cloudact-prod", "EU").sync(ACME, List.of(table), SyncOptions.FULL);
        assertThat(fresh.statements()).hasSize(1);
        return fresh.statements().getFirst();
    }

    private static TableSpec table(String name, Partitioning partitioning, ColumnSpec... columns) {
        return new TableSpec(name, DatasetKind.ORG, null, List.of(columns), Optional.of(partitioning), List.of(),
                List.of(), Optional.empty());
    }
}
