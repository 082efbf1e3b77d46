package com.cloudact.pipeline.extract.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.CsvLine;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.focus.FocusSpec;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.engine.StepOutcome;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The OCI billing pipeline on cost report files, from file to FOCUS 1.3: the real sample report reconciled against
 * totals computed here from the raw file with plain CSV parsing, and hand-made reports for corrections, credits,
 * tax, overage, tags and hierarchy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OciBillingPipelineTests extends PipelineIntegrationTest {

    private static final PipelinePath OCI_BILLING = PipelinePath.of("cloud", "oci", "cost", "billing");
    private static final String SAMPLE = "cost-report-sample-focus-converters.csv";
    private static final String SAMPLE_TENANCY = "ocid1.tenancy.oc1..aaaaaaaadsyhydp66mjpsohqocfcgzaabtrit47ex2igzu2j6lhuadrrglca";
    private static final String SAMPLE_CREDENTIAL = "upload_" + SAMPLE_TENANCY;
    private static final String FIRST_REPORT = "reports_cost-csv_0001000000000101-00001.csv";
    private static final String LATER_REPORT = "reports_cost-csv_0001000000000102-00001.csv";
    private static final String HANDMADE_CREDENTIAL = "upload_ocid1.tenancy.oc1..aaaaaaaahandmadetenancy";

    @TempDir
    Path scratch;

    private final OrgSlug org = OrgSlug.of("oci_fixture_org");
    private DatasetName dataset;

    @BeforeAll
    void createOrgWithHierarchy() {
        dataset = onboard(org);
        hierarchyEntity("DEPT-ENG", "Engineering", "department", "/DEPT-ENG", "['Engineering']");
        hierarchyEntity("PROJ-WEB", "Web shop", "project", "/DEPT-ENG/PROJ-WEB", "['Engineering', 'Web shop']");
    }

    @Test
    void sampleReportReconcilesToTheCentOverallPerChargeCategoryAndPerService() throws IOException {
        Independent expected = Independent.of(fixture(SAMPLE));
        assertThat(expected.total()).isEqualByComparingTo("2.523589325400648027");

        RunOutcome outcome = run(fixture(SAMPLE));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row totals = sampleTotals();
        assertThat(totals.longValue("n")).isEqualTo(expected.lines());
        assertThat(totals.decimal("billed")).isEqualByComparingTo(expected.total());
        assertThat(totals.decimal("effective")).isEqualByComparingTo(expected.total());
        assertThat(sumsBy("ChargeCategory")).isEqualTo(Map.of("Usage", expected.total().stripTrailingZeros()));
        assertThat(sumsBy("ServiceName")).isEqualTo(expected.byService());
        assertThat(rawTotal()).isEqualByComparingTo(expected.total());
    }

    @Test
    void rerunningTheSameReportReplacesItsLinesInsteadOfAddingRows() {
        Path file = fixture(SAMPLE);
        run(file);
        RunOutcome second = run(file);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sampleTotals().longValue("n")).isEqualTo(506);
        assertThat(sampleTotals().decimal("billed")).isEqualByComparingTo("2.523589325400648027");
        assertThat(rawCount(SAMPLE_CREDENTIAL)).isEqualTo(506);
    }

    @Test
    void focusRowsHoldOnlyValuesFocusAllowsAndCarryFullLineage() {
        RunOutcome outcome = run(fixture(SAMPLE));

        for (FocusSpec.FocusColumn column : FocusSpec.get().enumeratedColumns()) {
            assertThat(column.allowedValues()).as(column.name()).containsAll(distinct(column.name()));
        }
        for (Row row : focus("SELECT DISTINCT ServiceCategory AS c, ServiceSubcategory AS s FROM ${org}.cost_data_standard_1_3")) {
            assertThat(FocusSpec.get().isAllowedSubcategory(row.string("c"), row.string("s")))
                    .as(row.string("c") + " / " + row.string("s")).isTrue();
        }
        Row lineage = focus("""
                SELECT COUNT(*) AS n, COUNT(DISTINCT x_run_id) AS runs, MIN(x_pipeline_id) AS pipeline,
                       MIN(x_pipeline_run_date) AS run_date, MAX(x_pipeline_run_date) AS last_run_date,
                       MIN(BillingPeriodStart) AS period_start, MAX(BillingPeriodEnd) AS period_end,
                       COUNT(*) FILTER (WHERE ChargePeriodEnd <= ChargePeriodStart) AS inverted,
                       COUNT(*) FILTER (WHERE x_source_system <> 'cloud_oci_billing_raw_daily') AS other_source,
                       COUNT(*) FILTER (WHERE SubAccountId IS NULL OR SubAccountType <> 'Compartment') AS no_compartment,
                       COUNT(*) FILTER (WHERE x_source_record_id IS NULL) AS no_reference,
                       COUNT(DISTINCT SubAccountName) AS compartments
                FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @credential""", SAMPLE_CREDENTIAL).getFirst();
        assertThat(lineage.longValue("n")).isEqualTo(506);
        assertThat(lineage.longValue("runs")).isEqualTo(1);
        assertThat(lineage.string("pipeline")).isEqualTo("cloud/oci/cost/billing");
        assertThat(lineage.date("run_date")).isEqualTo(LocalDate.of(2023, 11, 13));
        assertThat(lineage.date("last_run_date")).isEqualTo(LocalDate.of(2023, 11, 13));
        assertThat(lineage.instant("period_start")).isEqualTo("2023-11-01T00:00:00Z");
        assertThat(lineage.instant("period_end")).isEqualTo("2023-12-01T00:00:00Z");
        assertThat(lineage.longValue("inverted")).isZero();
        assertThat(lineage.longValue("other_source")).isZero();
        assertThat(lineage.longValue("no_compartment")).isZero();
        assertThat(lineage.longValue("no_reference")).isZero();
        assertThat(lineage.longValue("compartments")).isEqualTo(2);
        assertThat(outcome.steps()).extracting(StepOutcome::rowsProcessed).first().isEqualTo(506L);

        Row line = focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_source_record_id = @id",
                "7108a1f83bdbad70487bf0cf99cbe260").getFirst();
        assertThat(line.instant("ChargePeriodStart")).isEqualTo("2023-11-13T10:00:00Z");
        assertThat(line.instant("ChargePeriodEnd")).isEqualTo("2023-11-13T11:00:00Z");
        assertThat(line.string("ServiceName")).isEqualTo("DATABASE");
        assertThat(line.string("ServiceCategory")).isEqualTo("Databases");
        assertThat(line.string("ResourceType")).isEqualTo("autonomousdatabase");
        assertThat(line.string("SubAccountName")).isEqualTo("platformpm2022");
        assertThat(line.string("BillingAccountId")).startsWith("ocid1.organizationssubscription.");
        assertThat(line.string("Tags")).contains("\"Oracle-Tags.CreatedBy\":\"default/phil.newman@oracle.com\"")
                .contains("\"Valtest.Cat\":\"boots\"").doesNotContain("DevRel");
        assertThat(line.decimal("PricingQuantity")).isEqualByComparingTo("0.083333333333");
        assertThat(line.string("PricingUnit")).isEqualTo("Hours");
    }

    @Test
    void aTruncatedReportFailsTheRunAndLeavesThePreviousDataIntact() throws IOException {
        Path file = fixture(SAMPLE);
        run(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String cut = lines.get(300).substring(0, lines.get(300).length() / 3);
        Path truncated = scratch.resolve(SAMPLE);
        Files.writeString(truncated, String.join("\r\n", lines.subList(0, 300)) + "\r\n" + cut, StandardCharsets.UTF_8);

        RunOutcome outcome = run(truncated);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains(SAMPLE).contains("nothing was changed");
        assertThat(sampleTotals().longValue("n")).isEqualTo(506);
        assertThat(sampleTotals().decimal("billed")).isEqualByComparingTo("2.523589325400648027");
        assertThat(rawCount(SAMPLE_CREDENTIAL)).isEqualTo(506);
    }

    @Test
    void aReportWithoutMyCostIsRejectedNamingTheColumn() throws IOException {
        List<String> lines = Files.readAllLines(fixture(SAMPLE), StandardCharsets.UTF_8);
        Path renamed = scratch.resolve("usage-report.csv");
        Files.writeString(renamed, lines.getFirst().replace("cost/myCost,", "usage/consumedQuantity,") + "\n"
                + String.join("\n", lines.subList(1, 20)), StandardCharsets.UTF_8);

        RunOutcome outcome = run(renamed);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("cost/myCost").contains("OCI cost report");
        assertThat(outcome.steps().getFirst().attempts()).as("bad input is not retried").isEqualTo(1);
    }

    @Test
    void correctionsInALaterReportPointAtTheirOriginalsAndNoReportDeletesAnothersLines() {
        assertThat(run(fixture(FIRST_REPORT)).status()).isEqualTo(RunStatus.COMPLETED);
        RunOutcome later = run(fixture(LATER_REPORT));
        RunOutcome again = run(fixture(FIRST_REPORT));

        assertThat(later.status()).as(String.valueOf(later.error())).isEqualTo(RunStatus.COMPLETED);
        assertThat(again.status()).as(String.valueOf(again.error())).isEqualTo(RunStatus.COMPLETED);
        assertThat(rawCount(HANDMADE_CREDENTIAL)).as("both reports' lines, once").isEqualTo(10);
        Map<String, Row> lines = focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @credential",
                HANDMADE_CREDENTIAL).stream().collect(Collectors.toMap(r -> r.string("x_source_record_id"), r -> r));
        assertThat(lines).hasSize(10);
        assertLine(lines.get("h1"), "Usage", null, "Usage", "10");
        assertLine(lines.get("c1"), "Usage", "Correction", "Correction", "-2");
        assertLine(lines.get("h4"), "Credit", null, "Credit", "-5");
        assertThat(lines.get("c2").decimal("BilledCost")).as("a correction reversing part of a credit").isPositive();
        assertLine(lines.get("c2"), "Credit", "Correction", "Correction", "1");
        assertLine(lines.get("h5"), "Tax", null, "Tax", "1.2");
        assertLine(lines.get("h3"), "Usage", null, "Overage", "10.5");
        assertThat(lines.get("h3").decimal("EffectiveCost")).isEqualByComparingTo("10.5");
        assertThat(lines.get("h3").decimal("ConsumedQuantity")).isEqualByComparingTo("20");
        assertThat(lines.get("h5").string("HostProviderName")).isEqualTo("Not Applicable");
        assertThat(lines.get("h5").string("ChargeFrequency")).isEqualTo("One-Time");
        assertThat(lines.get("h5").decimal("ConsumedQuantity")).isNull();
        assertThat(lines.get("h1").string("PricingCategory")).isEqualTo("Standard");
        assertThat(lines.get("h4").string("PricingCategory")).isNull();
        assertThat(lines.get("h4").instant("ChargePeriodEnd")).isEqualTo("2024-03-05T00:00:00Z");
        assertThat(lines.get("h9").date("x_pipeline_run_date")).isEqualTo(LocalDate.of(2024, 3, 5));

        assertThat(focus("""
                SELECT ChargeCategory AS category, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = @credential GROUP BY ChargeCategory""", HANDMADE_CREDENTIAL).stream()
                .collect(Collectors.toMap(r -> r.string("category"), r -> r.decimal("billed").stripTrailingZeros())))
                .isEqualTo(Map.of("Usage", new BigDecimal("25.102"), "Credit", new BigDecimal("-4"),
                        "Tax", new BigDecimal("1.2")));
    }

    @Test
    void tagsAreSplitIntoFreeformAndDefinedAndTagsNamingAnEntityFillTheHierarchy() {
        run(fixture(FIRST_REPORT));

        Row raw = focus("""
                SELECT CAST(freeform_tags_json AS VARCHAR) AS freeform, CAST(defined_tags_json AS VARCHAR) AS defined,
                       CAST(tags_json AS VARCHAR) AS all_tags, x_source_file
                FROM ${org}.cloud_oci_billing_raw_daily WHERE reference_no = 'h1'""").getFirst();
        assertThat(raw.string("freeform")).isEqualTo("{\"cost_center\":\"dept-eng\"}");
        assertThat(raw.string("defined")).isEqualTo("{\"Oracle-Tags.CreatedBy\":\"default/ops@example.com\"}");
        assertThat(raw.string("all_tags")).contains("\"cost_center\":\"dept-eng\"", "\"Oracle-Tags.CreatedBy\"");
        assertThat(raw.string("x_source_file")).isEqualTo(FIRST_REPORT);

        Map<String, Row> lines = focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @credential",
                HANDMADE_CREDENTIAL).stream().collect(Collectors.toMap(r -> r.string("x_source_record_id"), r -> r));
        assertThat(lines.get("h1").string("x_hierarchy_entity_id")).as("freeform cost_center").isEqualTo("DEPT-ENG");
        assertThat(lines.get("h1").string("x_hierarchy_path_names")).isEqualTo("Engineering");
        assertThat(lines.get("h1").instant("x_hierarchy_validated_at")).isNotNull();
        assertThat(lines.get("h2").string("x_hierarchy_entity_id")).as("defined Finance.entity_id").isEqualTo("PROJ-WEB");
        assertThat(lines.get("h2").string("x_hierarchy_path")).isEqualTo("/DEPT-ENG/PROJ-WEB");
        assertThat(lines.get("h2").string("x_hierarchy_path_names")).isEqualTo("Engineering > Web shop");
        assertThat(lines.get("h2").string("x_hierarchy_level_code")).isEqualTo("project");
        assertThat(lines.get("h6").string("x_hierarchy_entity_id")).as("team tag naming no entity").isNull();
        assertThat(lines.get("h6").instant("x_hierarchy_validated_at")).isNull();
        assertThat(lines.get("h2").string("Tags")).isEqualTo("{\"Finance.entity_id\":\"PROJ-WEB\"}");
        assertThat(lines.get("h2").string("ServiceCategory")).isEqualTo("Storage");
        assertThat(lines.get("h2").string("ServiceSubcategory")).isEqualTo("Object Storage");
    }

    private void assertLine(Row row, String category, String chargeClass, String chargeType, String billed) {
        String id = row.string("x_source_record_id");
        assertThat(row.string("ChargeCategory")).as(id + " ChargeCategory").isEqualTo(category);
        assertThat(row.string("ChargeClass")).as(id + " ChargeClass").isEqualTo(chargeClass);
        assertThat(row.string("x_charge_type")).as(id + " x_charge_type").isEqualTo(chargeType);
        assertThat(row.decimal("BilledCost")).as(id + " BilledCost").isEqualByComparingTo(billed);
    }

    /** Totals of a cost report computed from the file alone: RFC 4180 fields, {@code cost/myCost} as BigDecimal. */
    private record Independent(long lines, BigDecimal total, Map<String, BigDecimal> byService) {

        static Independent of(Path file) throws IOException {
            List<List<String>> records = CsvLine.records(Files.readString(file, StandardCharsets.UTF_8));
            List<String> header = records.getFirst();
            int cost = header.indexOf("cost/myCost");
            int service = header.indexOf("product/service");
            BigDecimal total = BigDecimal.ZERO;
            Map<String, BigDecimal> byService = new TreeMap<>();
            for (List<String> record : records.subList(1, records.size())) {
                BigDecimal value = new BigDecimal(record.get(cost));
                total = total.add(value);
                byService.merge(record.get(service), value, BigDecimal::add);
            }
            byService.replaceAll((k, v) -> v.stripTrailingZeros());
            return new Independent(records.size() - 1, total, byService);
        }

    }

    private RunOutcome run(Path file) {
        return runPipeline(OCI_BILLING, org, dataset, upload(file));
    }

    private void hierarchyEntity(String id, String name, String level, String path, String pathNames) {
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_hierarchy (id, org_slug, entity_id, entity_name, level, level_code, path, path_names,
                    depth, is_active, created_by, version, created_at)
                VALUES (@id, @org, @entity, @name, 1, @level, @path, %s, 1, TRUE, 'test', 1, @now)"""
                .formatted(pathNames)).with("c", DatasetName.CENTRAL), Map.of("id", UUID.randomUUID().toString(),
                "org", org.value(), "entity", id, "name", name, "level", level, "path", path, "now", Instant.now()));
    }

    private Row sampleTotals() {
        return focus("""
                SELECT COUNT(*) AS n, SUM(BilledCost) AS billed, SUM(EffectiveCost) AS effective
                FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @credential""", SAMPLE_CREDENTIAL).getFirst();
    }

    private Map<String, BigDecimal> sumsBy(String column) {
        return focus("SELECT " + column + " AS k, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3"
                + " WHERE x_credential_id = @credential GROUP BY " + column, SAMPLE_CREDENTIAL).stream()
                .collect(Collectors.toMap(r -> r.string("k"), r -> r.decimal("billed").stripTrailingZeros()));
    }

    private BigDecimal rawTotal() {
        return focus("SELECT SUM(cost) AS total FROM ${org}.cloud_oci_billing_raw_daily WHERE x_credential_id = @credential",
                SAMPLE_CREDENTIAL).getFirst().decimal("total");
    }

    private long rawCount(String credential) {
        return focus("SELECT COUNT(*) AS n FROM ${org}.cloud_oci_billing_raw_daily WHERE x_credential_id = @credential",
                credential).getFirst().longValue("n");
    }

    private List<String> distinct(String column) {
        return focus("SELECT DISTINCT " + column + " AS v FROM ${org}.cost_data_standard_1_3 WHERE " + column
                + " IS NOT NULL").stream().map(r -> r.string("v")).toList();
    }

    private List<Row> focus(String sql) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of());
    }

    private List<Row> focus(String sql, String credentialOrId) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of("credential", credentialOrId, "id", credentialOrId));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(OciBillingPipelineTests.class.getResource("/fixtures/billing/oci/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
