package com.cloudact.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.Lineage;
import com.cloudact.model.focus.FocusSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCatalogTests {

    private static final List<String> LINEAGE = List.of("x_org_slug", "x_pipeline_id", "x_credential_id",
            "x_pipeline_run_date", "x_run_id", "x_ingested_at", "x_ingestion_date");

    private final TableCatalog catalog = TableCatalog.load();

    @Test
    void centralTablesAreListed() {
        assertThat(names(catalog.tables(DatasetKind.CENTRAL))).contains("org_profiles", "org_api_keys",
                "org_usage_quotas", "org_meta_pipeline_runs", "org_meta_step_logs", "ref_service_categories");
        assertThat(catalog.tables(DatasetKind.CENTRAL)).allMatch(t -> t.kind() == DatasetKind.CENTRAL);
    }

    @Test
    void orgTablesAreListed() {
        assertThat(names(catalog.tables(DatasetKind.ORG))).contains("cost_data_standard_1_3",
                "cloud_aws_billing_raw_daily");
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
            assertThat(table.columnNames()).as(table.name()).containsAll(Lineage.SLICE_KEY);
        }
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
