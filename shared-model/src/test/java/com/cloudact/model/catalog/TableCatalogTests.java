package com.cloudact.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.Lineage;
import com.cloudact.model.focus.FocusSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class TableCatalogTests {

    private static final List<String> LINEAGE = List.of("x_org_slug", "x_pipeline_id", "x_credential_id",
            "x_pipeline_run_date", "x_run_id", "x_ingested_at", "x_ingestion_date");

    /** GoogleSQL reserved keywords. */
    private static final Set<String> BIGQUERY_RESERVED = Set.of("ALL", "AND", "ANY", "ARRAY", "AS", "ASC",
            "ASSERT_ROWS_MODIFIED", "AT", "BETWEEN", "BY", "CASE", "CAST", "COLLATE", "CONTAINS", "CREATE", "CROSS",
            "CUBE", "CURRENT", "DEFAULT", "DEFINE", "DESC", "DISTINCT", "ELSE", "END", "ENUM", "ESCAPE", "EXCEPT",
            "EXCLUDE", "EXISTS", "EXTRACT", "FALSE", "FETCH", "FOLLOWING", "FOR", "FROM", "FULL", "GROUP",
            "GROUPING", "GROUPS", "HASH", "HAVING", "IF", "IGNORE", "IN", "INNER", "INTERSECT", "INTERVAL", "INTO",
            "IS", "JOIN", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOOKUP", "MERGE", "NATURAL", "NEW", "NO", "NOT",
            "NULL", "NULLS", "OF", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PROTO",
            "QUALIFY", "RANGE", "RECURSIVE", "RESPECT", "RIGHT", "ROLLUP", "ROWS", "SELECT", "SET", "SOME",
            "STRUCT", "TABLESAMPLE", "THEN", "TO", "TREAT", "TRUE", "UNBOUNDED", "UNION", "UNNEST", "USING", "WHEN",
            "WHERE", "WINDOW", "WITH", "WITHIN");

    private final TableCatalog catalog = TableCatalog.load();

    /** The 30 central tables of the original bootstrap config, plus the FOCUS and SaaS provider reference tables. */
    static final List<String> CENTRAL_TABLES = List.of("org_profiles", "org_api_keys", "org_subscriptions",
            "org_usage_quotas", "org_integration_credentials", "org_pipeline_configs", "org_scheduled_pipeline_runs",
            "org_pipeline_execution_queue", "org_meta_pipeline_runs", "org_meta_step_logs",
            "org_meta_state_transitions", "org_meta_dq_results", "org_meta_pipeline_batch_runs", "org_audit_logs",
            "org_cost_tracking", "org_idempotency_keys", "org_notification_channels", "org_notification_rules",
            "org_notification_summaries", "org_notification_history", "org_scheduled_alerts", "org_alert_history",
            "org_hierarchy_levels", "org_hierarchy", "org_budgets", "org_budget_allocations", "org_chat_settings",
            "org_chat_conversations", "org_chat_messages", "org_chat_tool_calls", "ref_service_categories",
            "ref_saas_providers");

    static final List<String> ORG_TABLES = List.of("cost_data_standard_1_3", "cloud_aws_billing_raw_daily",
            "cloud_gcp_billing_raw_daily", "cloud_azure_billing_raw_daily", "cloud_oci_billing_raw_daily",
            "contract_commitment_1_3", "subscription_plans", "subscription_plan_costs_daily", "genai_payg_pricing",
            "genai_payg_usage_raw", "genai_payg_costs_daily", "genai_provider_costs_raw", "genai_commitment_pricing", "genai_commitment_usage_raw",
            "genai_commitment_costs_daily", "genai_infrastructure_pricing", "genai_infrastructure_usage_raw",
            "genai_infrastructure_costs_daily", "genai_usage_daily_unified", "genai_costs_daily_unified",
            "genai_model_pricing");

    /** Org tables the API owns outright (CRUD rows, no writer run): no lineage block at all. */
    static final Set<String> WITHOUT_LINEAGE = Set.of("subscription_plans", "genai_model_pricing");

    /**
     * Org tables with the {@code lineage_reference} block: the same columns in the same order, but a nullable
     * x_credential_id, because the API seeds and edits their rows (pricing) or no pipeline writes them yet.
     */
    static final Set<String> REFERENCE_LINEAGE = Set.of("genai_payg_pricing", "genai_commitment_pricing",
            "genai_infrastructure_pricing", "contract_commitment_1_3");

    @Test
    void theCatalogListsExactlyTheThirtyCentralTablesAndTheReferenceTable() {
        assertThat(names(catalog.tables(DatasetKind.CENTRAL))).containsExactlyInAnyOrderElementsOf(CENTRAL_TABLES)
                .hasSize(32);
        assertThat(catalog.tables(DatasetKind.CENTRAL)).allMatch(t -> t.kind() == DatasetKind.CENTRAL);
    }

    @Test
    void theCatalogListsExactlyTheTwentyOrgTables() {
        assertThat(names(catalog.tables(DatasetKind.ORG))).containsExactlyInAnyOrderElementsOf(ORG_TABLES)
                .hasSize(21);
        assertThat(catalog.tables(DatasetKind.ORG)).allMatch(t -> t.kind() == DatasetKind.ORG);
    }

    @Test
    void costTableStartsWithTheSixtyFiveFocusColumnsInTheFragmentsOrder() {
        TableSpec cost = catalog.table("cost_data_standard_1_3");
        List<String> focus = FocusSpec.get().columns().stream().map(FocusSpec.FocusColumn::name).toList();
        assertThat(focus).hasSize(65);
        assertThat(cost.columnNames().subList(0, 65)).containsExactlyElementsOf(focus);
        assertThat(names(TableCatalog.fragment("focus_1_3"))).containsExactlyElementsOf(focus);
    }

    @Test
    void costTableFocusColumnsKeepTheFragmentsTypesAndRequiredFlags() {
        TableSpec cost = catalog.table("cost_data_standard_1_3");
        for (FocusSpec.FocusColumn focus : FocusSpec.get().columns()) {
            ColumnSpec column = cost.column(focus.name()).orElseThrow();
            assertThat(column.type().name()).as(focus.name()).isEqualTo(focus.type());
            assertThat(column.required()).as(focus.name()).isEqualTo(focus.required());
        }
        assertThat(cost.column("BilledCost").orElseThrow().type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(cost.column("ChargePeriodStart").orElseThrow().type()).isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void costTableHasOnlyExtensionColumnsAfterFocusAndEndsWithTheLineageBlock() {
        List<String> names = catalog.table("cost_data_standard_1_3").columnNames();
        assertThat(names.size()).isGreaterThan(65 + LINEAGE.size());
        assertThat(names.subList(65, names.size())).allMatch(n -> n.startsWith("x_"));
        assertThat(names.subList(names.size() - LINEAGE.size(), names.size())).containsExactlyElementsOf(LINEAGE);
    }

    @Test
    void awsRawTableEndsWithTheLineageBlock() {
        List<String> names = catalog.table("cloud_aws_billing_raw_daily").columnNames();
        assertThat(names.subList(names.size() - LINEAGE.size(), names.size())).containsExactlyElementsOf(LINEAGE);
    }

    @Test
    void lineageFragmentMatchesTheLineageConstantsAndIsRequired() {
        List<ColumnSpec> lineage = TableCatalog.fragment("lineage");
        assertThat(names(lineage)).containsExactly(Lineage.ORG_SLUG, Lineage.PIPELINE_ID, Lineage.CREDENTIAL_ID,
                Lineage.PIPELINE_RUN_DATE, Lineage.RUN_ID, Lineage.INGESTED_AT, Lineage.INGESTION_DATE);
        assertThat(lineage).allMatch(ColumnSpec::required);
        for (TableSpec table : catalog.tables(DatasetKind.ORG)) {
            if (!WITHOUT_LINEAGE.contains(table.name())) {
                assertThat(table.columnNames()).as(table.name()).containsAll(Lineage.SLICE_KEY);
            }
        }
    }

    @Test
    void theReferenceLineageFragmentHasTheSameColumnsWithANullableCredential() {
        List<ColumnSpec> reference = TableCatalog.fragment("lineage_reference");
        List<ColumnSpec> lineage = TableCatalog.fragment("lineage");
        assertThat(names(reference)).containsExactlyElementsOf(LINEAGE);
        for (int i = 0; i < lineage.size(); i++) {
            assertThat(reference.get(i).type()).as(reference.get(i).name()).isEqualTo(lineage.get(i).type());
            assertThat(reference.get(i).required()).as(reference.get(i).name())
                    .isEqualTo(!reference.get(i).name().equals(Lineage.CREDENTIAL_ID));
        }
    }

    @Test
    void everyWrittenOrgTableEndsWithTheLineageBlockInOrder() {
        List<ColumnSpec> lineage = TableCatalog.fragment("lineage");
        List<ColumnSpec> reference = TableCatalog.fragment("lineage_reference");
        for (TableSpec table : catalog.tables(DatasetKind.ORG)) {
            List<ColumnSpec> columns = table.columns();
            if (WITHOUT_LINEAGE.contains(table.name())) {
                assertThat(table.columnNames()).as(table.name())
                        .doesNotContain(Lineage.PIPELINE_ID, Lineage.CREDENTIAL_ID, Lineage.RUN_ID);
                continue;
            }
            List<ColumnSpec> tail = columns.subList(columns.size() - LINEAGE.size(), columns.size());
            assertThat(tail).as(table.name())
                    .containsExactlyElementsOf(REFERENCE_LINEAGE.contains(table.name()) ? reference : lineage);
        }
        assertThat(catalog.table("genai_payg_usage_raw").column(Lineage.CREDENTIAL_ID).orElseThrow().required())
                .isTrue();
        assertThat(catalog.table("genai_payg_pricing").column(Lineage.CREDENTIAL_ID).orElseThrow().required())
                .isFalse();
    }

    @Test
    void theHierarchyBlockComesRightBeforeTheLineageBlockAndXIngestionIdBetweenThem() {
        List<String> hierarchy = names(TableCatalog.fragment("hierarchy"));
        for (TableSpec table : catalog.tables(DatasetKind.ORG)) {
            List<String> names = table.columnNames();
            if (WITHOUT_LINEAGE.contains(table.name()) || !names.contains(hierarchy.getFirst())) {
                continue;
            }
            int lineageStart = names.size() - LINEAGE.size();
            int hierarchyEnd = lineageStart - (names.contains("x_ingestion_id") ? 1 : 0);
            assertThat(names.subList(hierarchyEnd - hierarchy.size(), hierarchyEnd)).as(table.name())
                    .containsExactlyElementsOf(hierarchy);
            if (names.contains("x_ingestion_id")) {
                assertThat(names.get(lineageStart - 1)).as(table.name()).isEqualTo("x_ingestion_id");
            }
        }
        assertThat(catalog.table("genai_usage_daily_unified").columnNames()).contains("x_ingestion_id");
        assertThat(catalog.table("genai_payg_costs_daily").columnNames()).doesNotContain("x_ingestion_id");
    }

    @Test
    void theApiOwnedSubscriptionPlansRequireTheirHierarchyAllocation() {
        TableSpec plans = catalog.table("subscription_plans");
        for (String name : List.of("x_org_slug", "x_hierarchy_entity_id", "x_hierarchy_entity_name",
                "x_hierarchy_path", "x_hierarchy_path_names")) {
            assertThat(plans.column(name)).as(name).hasValueSatisfying(c -> assertThat(c.required()).isTrue());
        }
        assertThat(plans.primaryKey()).containsExactly("subscription_id");
    }

    @Test
    void partitionAndClusteringFieldsAreColumnsOfTheRightType() {
        TableSpec cost = catalog.table("cost_data_standard_1_3");
        assertThat(cost.partitioning()).hasValueSatisfying(p -> {
            assertThat(p.field()).isEqualTo("ChargePeriodStart");
            assertThat(p.granularity()).isEqualTo(Partitioning.Granularity.DAY);
        });
        assertThat(cost.clustering()).containsExactly("SubAccountId", "ServiceProviderName", "ServiceCategory",
                "ChargeCategory");
        assertThat(catalog.table("cloud_aws_billing_raw_daily").partitioning().orElseThrow().field())
                .isEqualTo("x_ingestion_date");

        for (TableSpec table : all()) {
            table.partitioning().ifPresent(p -> assertThat(table.column(p.field()).orElseThrow().type())
                    .as(table.name()).isIn(ColumnType.DATE, ColumnType.TIMESTAMP));
            assertThat(table.clustering()).as(table.name()).allMatch(table::hasColumn);
            assertThat(table.clustering()).as(table.name()).hasSizeLessThanOrEqualTo(4);
        }
    }

    @Test
    void everyPrimaryKeyColumnExistsAndIsRequired() {
        for (TableSpec table : all()) {
            for (String key : table.primaryKey()) {
                assertThat(table.column(key)).as(table.name() + "." + key)
                        .hasValueSatisfying(c -> assertThat(c.required()).isTrue());
            }
        }
        assertThat(catalog.table("org_profiles").primaryKey()).containsExactly("org_slug");
        assertThat(catalog.table("ref_service_categories").primaryKey()).containsExactly("provider", "service_code");
    }

    @Test
    void columnNamesAreUniqueIgnoringCase() {
        for (TableSpec table : all()) {
            assertThat(table.columnNames().stream().map(String::toLowerCase)).as(table.name()).doesNotHaveDuplicates();
        }
    }

    @Test
    void everyTableHasADescriptionAndEveryCentralTableAPrimaryKey() {
        assertThat(all()).allSatisfy(t -> assertThat(t.description()).as(t.name()).isNotBlank());
        assertThat(catalog.tables(DatasetKind.CENTRAL))
                .allSatisfy(t -> assertThat(t.primaryKey()).as(t.name()).isNotEmpty());
        assertThat(catalog.table("org_integration_credentials").primaryKey()).containsExactly("credential_id");
        assertThat(catalog.table("org_hierarchy").primaryKey()).containsExactly("id");
        assertThat(catalog.table("genai_model_pricing").primaryKey()).containsExactly("pricing_id");
    }

    @Test
    void clusteringFieldsAreTypesBigQueryCanClusterOn() {
        for (TableSpec table : all()) {
            for (String field : table.clustering()) {
                ColumnSpec column = table.column(field).orElseThrow();
                assertThat(column.repeated()).as(table.name() + "." + field).isFalse();
                assertThat(column.type()).as(table.name() + "." + field)
                        .isIn(ColumnType.STRING, ColumnType.INT64, ColumnType.BOOL, ColumnType.DATE,
                                ColumnType.TIMESTAMP, ColumnType.NUMERIC);
            }
        }
    }

    @Test
    void noMoneyColumnIsAFloat() {
        for (TableSpec table : all()) {
            for (ColumnSpec column : table.columns()) {
                String name = column.name().toLowerCase(Locale.ROOT);
                boolean money = name.endsWith("_cost") || name.endsWith("_cost_usd") || name.endsWith("_price")
                        || name.endsWith("_rate") || name.contains("price_per") || name.endsWith("_per_1m")
                        || name.endsWith("_per_1k") || name.equals("cost") || name.equals("unit_price");
                if (money) {
                    assertThat(column.type()).as(table.name() + "." + column.name()).isNotEqualTo(ColumnType.FLOAT64);
                }
            }
        }
        assertThat(catalog.table("genai_payg_pricing").column("input_per_1m").orElseThrow().type())
                .isEqualTo(ColumnType.NUMERIC);
        assertThat(catalog.table("subscription_plan_costs_daily").column("daily_cost").orElseThrow().type())
                .isEqualTo(ColumnType.NUMERIC);
        assertThat(catalog.table("genai_costs_daily_unified").column("total_cost_usd").orElseThrow().type())
                .isEqualTo(ColumnType.NUMERIC);
    }

    @Test
    void noTableOrColumnIsNamedLikeABigQueryReservedKeyword() {
        // BigQueryDdl writes names unquoted, so a reserved keyword would break the CREATE TABLE.
        for (TableSpec table : all()) {
            assertThat(BIGQUERY_RESERVED).as(table.name()).doesNotContain(table.name().toUpperCase(Locale.ROOT));
            for (String name : table.columnNames()) {
                assertThat(BIGQUERY_RESERVED).as(table.name() + "." + name)
                        .doesNotContain(name.toUpperCase(Locale.ROOT));
            }
        }
    }

    @Test
    void theTablesKeepTheColumnsCodeAlreadyUses() {
        assertThat(catalog.table("org_meta_pipeline_runs").columnNames())
                .contains("reservation_date", "created_at", "run_metadata");
        assertThat(catalog.table("org_meta_step_logs").columnNames()).contains("created_at", "metadata");
        assertThat(catalog.table("org_api_keys").columnNames())
                .contains("key_fingerprint", "description", "revoked_at", "encrypted_org_api_key");
        assertThat(catalog.table("org_usage_quotas").columnNames()).contains("last_pipeline_started_at");
        assertThat(catalog.table("org_idempotency_keys").columnNames())
                .contains("operation_type", "status", "expires_at", "completed_at", "response_data");
        TableSpec credentials = catalog.table("org_integration_credentials");
        assertThat(credentials.columnNames()).contains("credential_fingerprint", "provider_account_id",
                "deactivation_scheduled_at", "default_x_hierarchy_path_names");
        assertThat(credentials.column("encrypted_credential").orElseThrow().type()).isEqualTo(ColumnType.BYTES);
    }

    @Test
    void everyRawCloudTableHasTheProviderAccountSourceFileAndUsageDateColumns() {
        for (String name : List.of("cloud_aws_billing_raw_daily", "cloud_gcp_billing_raw_daily",
                "cloud_azure_billing_raw_daily", "cloud_oci_billing_raw_daily")) {
            TableSpec table = catalog.table(name);
            assertThat(table.column("x_cloud_provider")).as(name)
                    .hasValueSatisfying(c -> assertThat(c.required()).isTrue());
            assertThat(table.columnNames()).as(name).contains("x_cloud_account_id", "x_source_file");
            assertThat(table.column("usage_date").orElseThrow().type()).as(name).isEqualTo(ColumnType.DATE);
            assertThat(table.partitioning().orElseThrow().field()).as(name).isEqualTo("x_ingestion_date");
        }
        assertThat(catalog.table("cloud_gcp_billing_raw_daily").partitioning().orElseThrow().expirationDays())
                .isEqualTo(730);
        assertThat(catalog.table("cloud_gcp_billing_raw_daily").columnNames())
                .contains("export_time", "price_effective_price", "tags_json", "adjustment_info_json");
        assertThat(catalog.table("cloud_azure_billing_raw_daily").columnNames())
                .contains("payg_price", "savings_plan_id", "service_info_2", "additional_info_json");
        assertThat(catalog.table("cloud_oci_billing_raw_daily").columnNames())
                .contains("my_cost", "list_rate", "credits_total", "credits_json");
    }

    @Test
    void everyCatalogFileIsCleanYamlWhoseColumnsHaveOnlyKnownKeys() throws IOException {
        // An unquoted comma inside a flow mapping silently cuts a description and adds a stray key.
        List<String> files = new ArrayList<>();
        all().forEach(t -> files.add("catalog/" + t.kind().name().toLowerCase(Locale.ROOT) + "/" + t.name() + ".yml"));
        Stream.of("lineage", "lineage_reference", "hierarchy", "focus_1_3")
                .forEach(f -> files.add("catalog/fragments/" + f + ".yml"));
        catalog.views().forEach(v -> files.add("catalog/views/" + v.name() + ".yml"));
        Set<String> known = Set.of("name", "type", "required", "repeated", "description", "include", "level",
                "allowed");
        for (String file : files) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                Map<?, ?> doc = (Map<?, ?>) new Yaml(new SafeConstructor(options)).load(in);
                Object columns = doc.get("columns");
                if (columns != null) {
                    for (Object column : (List<?>) columns) {
                        assertThat(((Map<?, ?>) column).keySet()).as(file + ": " + column)
                                .allMatch(key -> known.contains(String.valueOf(key)));
                    }
                }
            }
        }
        assertThat(files).hasSize(32 + 21 + 4 + 4);
    }

    @Test
    void theReferenceTableNamesItsSeedFile() {
        assertThat(catalog.table("ref_service_categories").seed())
                .contains("catalog/seeds/ref_service_categories.csv");
        assertThat(catalog.table("org_profiles").seed()).isEmpty();
    }

    @Test
    void unknownTablesAreNotFound() {
        assertThat(catalog.find("no_such_table")).isEmpty();
        assertThatThrownBy(() -> catalog.table("no_such_table")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_table");
    }

    @Test
    void anIncludeIsExpandedInPlace(@TempDir Path root) throws IOException {
        write(root, "catalog/catalog.yml", "central: [t]\norg: []\n");
        write(root, "catalog/fragments/mid.yml", "columns:\n  - {name: m1, type: INT64}\n  - {name: m2, type: DATE}\n");
        write(root, "catalog/central/t.yml", """
                table: t
                partition: {field: m2, type: MONTH, expiration_days: 30}
                columns:
                  - {name: first, type: STRING, required: true}
                  - include: mid
                  - {name: last, type: NUMERIC, repeated: true}
                """);
        TableSpec t = load(root).table("t");
        assertThat(t.columnNames()).containsExactly("first", "m1", "m2", "last");
        assertThat(t.column("last").orElseThrow().repeated()).isTrue();
        assertThat(t.partitioning()).contains(new Partitioning("m2", Partitioning.Granularity.MONTH, 30));
    }

    @Test
    void aClusteringFieldThatIsNotAColumnIsRejected(@TempDir Path root) throws IOException {
        write(root, "catalog/catalog.yml", "central: [t]\norg: []\n");
        write(root, "catalog/central/t.yml", """
                table: t
                clustering: [missing]
                columns:
                  - {name: a, type: STRING}
                """);
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aPartitionFieldThatIsNotADateOrTimestampIsRejected(@TempDir Path root) throws IOException {
        write(root, "catalog/catalog.yml", "central: []\norg: [t]\n");
        write(root, "catalog/org/t.yml", """
                table: t
                partition: {field: a}
                columns:
                  - {name: a, type: STRING}
                """);
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATE or TIMESTAMP");
    }

    @Test
    void aDuplicateColumnIsRejected(@TempDir Path root) throws IOException {
        write(root, "catalog/catalog.yml", "central: [t]\norg: []\n");
        write(root, "catalog/fragments/dup.yml", "columns:\n  - {name: A, type: STRING}\n");
        write(root, "catalog/central/t.yml", """
                table: t
                columns:
                  - {name: a, type: STRING}
                  - include: dup
                """);
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("defined twice");
    }

    @Test
    void aFileDefiningAnotherTableIsRejected(@TempDir Path root) throws IOException {
        write(root, "catalog/catalog.yml", "central: [t]\norg: []\n");
        write(root, "catalog/central/t.yml", "table: other\ncolumns:\n  - {name: a, type: STRING}\n");
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'other'");
    }

    private List<TableSpec> all() {
        return Stream.concat(catalog.tables(DatasetKind.CENTRAL).stream(), catalog.tables(DatasetKind.ORG).stream())
                .toList();
    }

    private static List<String> names(List<?> specs) {
        return specs.stream().map(s -> s instanceof TableSpec t ? t.name() : ((ColumnSpec) s).name()).toList();
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Loads a catalog from {@code root} only, so the shipped catalog on the test classpath is not seen. */
    private static TableCatalog load(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return TableCatalog.load(loader);
        }
    }
}
