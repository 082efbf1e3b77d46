package com.cloudact.pipeline.extract.gcp;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GCP billing pipeline on billing export files, from file to FOCUS 1.3: the Koku sample of a real standard
 * export reconciled to the cent against totals computed here from the raw file, and a hand-made detailed export
 * whose credits, CUDs, tax and adjustments prove the classification.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcpBillingPipelineTests extends PipelineIntegrationTest {

    private static final PipelinePath GCP_BILLING = PipelinePath.of("cloud", "gcp", "cost", "billing");
    private static final String KOKU = "standard-export-sample-koku.csv";
    private static final String DETAILED = "detailed-export-credits-tax-adjustment.csv";
    private static final String KOKU_CREDENTIAL = "upload_2G11B4-01028B-AB26DE";
    private static final String DETAILED_CREDENTIAL = "upload_01A2B3-C4D5E6-F7A8B9";
    private static final Pattern CREDIT_AMOUNT = Pattern.compile("[\"']amount[\"']\\s*:\\s*([-+0-9.eE]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path scratch;

    private final OrgSlug org = OrgSlug.of("gcp_fixture_org");
    private DatasetName dataset;

    @BeforeAll
    void createOrg() {
        dataset = onboard(org);
        warehouse.execute(SqlText.of("DELETE FROM ${c}.org_hierarchy WHERE org_slug = @org").with("c", DatasetName.CENTRAL),
                Map.of("org", org.value()));
        entity("DEPT-ENG", "Engineering (old name)", 1, "department", "/DEPT-ENG", "['Engineering (old name)']", 1, true);
        entity("DEPT-ENG", "Engineering", 1, "department", "/DEPT-ENG", "['Engineering']", 2, false);
        entity("TEAM-DATA", "Data", 3, "team", "/DEPT-ENG/PROJ-PLATFORM/TEAM-DATA",
                "['Engineering', 'Platform', 'Data']", 1, false);
    }

    @Test
    void kokuSampleReconcilesToTheCentOverallAndPerChargeCategory() throws IOException {
        RunOutcome outcome = run(fixture(KOKU));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        RawTotals expected = RawTotals.of(fixture(KOKU));
        assertThat(expected.cost()).isEqualByComparingTo("0.355562");
        assertThat(expected.credits()).isEqualByComparingTo("0");
        assertThat(rawTotals(KOKU_CREDENTIAL).decimal("cost")).isEqualByComparingTo("0.355562");
        assertThat(rawTotals(KOKU_CREDENTIAL).longValue("n")).isEqualTo(expected.lines());
        Row focus = focusTotals(KOKU_CREDENTIAL);
        assertThat(focus.longValue("n")).isEqualTo(expected.lines() + expected.creditCount());
        assertThat(focus.decimal("billed")).isEqualByComparingTo(expected.cost().add(expected.credits()));
        assertThat(focus.decimal("effective")).isEqualByComparingTo(expected.cost().add(expected.credits()));
        assertThat(byChargeCategory(KOKU_CREDENTIAL, "BilledCost")).isEqualTo(expected.byChargeCategory());
        assertThat(byChargeCategory(KOKU_CREDENTIAL, "EffectiveCost")).isEqualTo(expected.byChargeCategory());
        assertThat(byChargeCategory(KOKU_CREDENTIAL, "BilledCost")).containsOnly(Map.entry("Usage", new BigDecimal("0.355562")));
    }

    @Test
    void pythonLiteralLabelsBecomeTagsAndProjectLabelsJsonObjects() {
        run(fixture(KOKU));

        Row line = focus("""
                SELECT f.Tags AS tags, f.SubAccountId AS project, f.SubAccountName AS project_name,
                       f.ServiceCategory AS category, f.ServiceSubcategory AS subcategory
                FROM ${org}.cost_data_standard_1_3 f
                WHERE f.x_credential_id = 'upload_2G11B4-01028B-AB26DE' AND f.SkuId = 'F449-33EC-A5EF'
                  AND f.ChargePeriodStart = TIMESTAMP '2020-10-01 17:00:00'""").getFirst();
        assertThat(JSON.readTree(line.string("tags"))).isEqualTo(JSON.readTree("{\"vm_key_proj2\":\"vm_label_proj2\"}"));
        assertThat(line.string("project")).isEqualTo("test-project-id");
        assertThat(line.string("project_name")).isEqualTo("test-project-alias");
        assertThat(line.string("category")).isEqualTo("Compute");
        assertThat(line.string("subcategory")).isEqualTo("Virtual Machines");
        Row raw = focus("""
                SELECT COUNT(*) FILTER (WHERE CAST(project_labels_json AS VARCHAR) = '{"foo":"bar"}') AS foo_bar,
                       COUNT(*) FILTER (WHERE CAST(system_labels_json AS VARCHAR) LIKE '%"compute.googleapis.com/machine_spec":"e2-medium"%') AS e2,
                       COUNT(*) FILTER (WHERE credits_total <> 0 OR credits_total IS NULL) AS with_credits
                FROM ${org}.cloud_gcp_billing_raw_daily WHERE x_credential_id = 'upload_2G11B4-01028B-AB26DE'""").getFirst();
        assertThat(raw.longValue("foo_bar")).isEqualTo(169);
        assertThat(raw.longValue("e2")).isPositive();
        assertThat(raw.longValue("with_credits")).isZero();
    }

    @Test
    void rerunningTheSameFileReplacesItsUsageDaysInsteadOfAddingRows() {
        Path file = fixture(KOKU);
        run(file);
        RunOutcome second = run(file);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(focusTotals(KOKU_CREDENTIAL).longValue("n")).isEqualTo(292);
        assertThat(focusTotals(KOKU_CREDENTIAL).decimal("billed")).isEqualByComparingTo("0.355562");
        assertThat(rawTotals(KOKU_CREDENTIAL).longValue("n")).isEqualTo(292);
        assertThat(focus("""
                SELECT COUNT(DISTINCT x_run_id) AS runs FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = 'upload_2G11B4-01028B-AB26DE'""").getFirst().longValue("runs")).isEqualTo(1);
    }

    @Test
    void focusRowsHoldOnlyValuesFocusAllowsAndCarryFullLineage() {
        RunOutcome outcome = run(fixture(KOKU));
        run(fixture(DETAILED));

        for (FocusSpec.FocusColumn column : FocusSpec.get().enumeratedColumns()) {
            List<String> values = distinct(column.name());
            assertThat(column.allowedValues()).as(column.name()).containsAll(values);
        }
        for (Row row : focus("SELECT DISTINCT ServiceCategory AS c, ServiceSubcategory AS s FROM ${org}.cost_data_standard_1_3")) {
            assertThat(FocusSpec.get().isAllowedSubcategory(row.string("c"), row.string("s")))
                    .as(row.string("c") + " / " + row.string("s")).isTrue();
        }
        Row lineage = focus("""
                SELECT COUNT(*) AS n, COUNT(DISTINCT x_run_id) AS runs, MIN(x_pipeline_id) AS pipeline,
                       MIN(x_credential_id) AS credential, MIN(x_pipeline_run_date) AS first_day,
                       MAX(x_pipeline_run_date) AS last_day, COUNT(DISTINCT x_pipeline_run_date) AS days,
                       COUNT(*) FILTER (WHERE x_ingestion_date <> CAST(ChargePeriodStart AS DATE)) AS other_day,
                       COUNT(*) FILTER (WHERE x_pipeline_run_date <> CAST(ChargePeriodStart AS DATE)) AS other_slice,
                       COUNT(*) FILTER (WHERE ChargePeriodEnd <= ChargePeriodStart) AS inverted,
                       COUNT(*) FILTER (WHERE x_source_system <> 'cloud_gcp_billing_raw_daily') AS other_source,
                       COUNT(*) FILTER (WHERE x_cloud_provider <> 'gcp' OR x_cloud_account_id <> BillingAccountId) AS other_account,
                       COUNT(*) FILTER (WHERE ProviderName <> 'Google Cloud' OR ServiceProviderName <> 'Google Cloud'
                                         OR HostProviderName <> 'Google Cloud' OR InvoiceIssuerName IS NULL) AS other_provider,
                       MIN(BillingPeriodStart) AS period_start, MAX(BillingPeriodEnd) AS period_end,
                       COUNT(*) FILTER (WHERE x_org_name <> 'Fixture Inc') AS no_profile
                FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'upload_2G11B4-01028B-AB26DE'""").getFirst();
        assertThat(lineage.longValue("runs")).isEqualTo(1);
        assertThat(lineage.string("pipeline")).isEqualTo("cloud/gcp/cost/billing");
        assertThat(lineage.string("credential")).isEqualTo(KOKU_CREDENTIAL);
        assertThat(lineage.date("first_day")).isEqualTo(LocalDate.of(2020, 10, 1));
        assertThat(lineage.date("last_day")).isEqualTo(LocalDate.of(2020, 10, 4));
        assertThat(lineage.longValue("days")).isEqualTo(4);
        assertThat(lineage.longValue("other_day")).isZero();
        assertThat(lineage.longValue("other_slice")).isZero();
        assertThat(lineage.longValue("inverted")).as("the sample's nine lines that end before they start").isZero();
        assertThat(lineage.longValue("other_source")).isZero();
        assertThat(lineage.longValue("other_account")).isZero();
        assertThat(lineage.longValue("other_provider")).isZero();
        assertThat(lineage.longValue("no_profile")).isZero();
        // invoice.month 202010 is October in Pacific time (daylight saving until November 1st)
        assertThat(lineage.instant("period_start")).isEqualTo(Instant.parse("2020-10-01T07:00:00Z"));
        assertThat(lineage.instant("period_end")).isEqualTo(Instant.parse("2020-11-01T07:00:00Z"));
        assertThat(outcome.steps()).extracting(StepOutcome::rowsProcessed).first().isEqualTo(292L);
        Row raw = focus("""
                SELECT COUNT(*) FILTER (WHERE x_cloud_provider = 'gcp' AND x_cloud_account_id = billing_account_id
                                        AND usage_date = CAST(usage_start_time AS DATE)
                                        AND x_pipeline_run_date = usage_date AND x_ingestion_date = usage_date
                                        AND x_source_file = 'standard-export-sample-koku.csv'
                                        AND export_time IS NOT NULL) AS complete, COUNT(*) AS n
                FROM ${org}.cloud_gcp_billing_raw_daily WHERE x_credential_id = 'upload_2G11B4-01028B-AB26DE'""").getFirst();
        assertThat(raw.longValue("complete")).isEqualTo(raw.longValue("n")).isEqualTo(292);
    }

    @Test
    void creditsCommitmentsTaxAndAdjustmentsAreClassified() throws IOException {
        RunOutcome outcome = run(fixture(DETAILED));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        RawTotals expected = RawTotals.of(fixture(DETAILED));
        assertThat(expected.cost()).isEqualByComparingTo("5.75");
        assertThat(expected.credits()).isEqualByComparingTo("-3.05");
        Row totals = focusTotals(DETAILED_CREDENTIAL);
        assertThat(totals.longValue("n")).as("8 export lines and their 4 credits").isEqualTo(12);
        assertThat(totals.decimal("billed")).isEqualByComparingTo("2.70");
        assertThat(totals.decimal("effective")).isEqualByComparingTo("2.70");
        assertThat(byChargeCategory(DETAILED_CREDENTIAL, "BilledCost")).isEqualTo(expected.byChargeCategory())
                .containsOnly(Map.entry("Usage", new BigDecimal("4.4")), Map.entry("Purchase", new BigDecimal("1.2")),
                        Map.entry("Tax", new BigDecimal("0.46")), Map.entry("Adjustment", new BigDecimal("-0.31")),
                        Map.entry("Credit", new BigDecimal("-3.05")));
        assertThat(byChargeCategory(DETAILED_CREDENTIAL, "EffectiveCost")).isEqualTo(expected.byChargeCategory());

        Map<String, Row> lines = focus("""
                SELECT *, CAST(Tags AS VARCHAR) AS tags_text FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = 'upload_01A2B3-C4D5E6-F7A8B9'""").stream()
                .collect(Collectors.toMap(r -> r.string("x_charge_type") + " " + r.string("ChargeDescription"), r -> r));
        assertThat(lines).hasSize(12);

        Row covered = lines.get("regular N2 Instance Core running in Americas");
        assertLine(covered, "Usage", null, "Usage-Based", "Committed", "2.50");
        assertCommitment(covered, "CommittedUsageDiscount:n2-commit-1", "Committed use discount: N2 CPU", "Usage",
                "Committed Use Discount (resource-based)", "Used");
        assertThat(covered.decimal("ListCost")).isEqualByComparingTo("2.60");
        assertThat(covered.decimal("ContractedUnitPrice")).isEqualByComparingTo("0.3125");
        assertThat(covered.decimal("ConsumedQuantity")).isEqualByComparingTo("28800");
        assertThat(covered.string("ConsumedUnit")).isEqualTo("seconds");
        assertThat(covered.decimal("PricingQuantity")).isEqualByComparingTo("8");
        assertThat(covered.string("PricingUnit")).isEqualTo("hour");
        assertThat(covered.string("ResourceId"))
                .isEqualTo("//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/4711");
        assertThat(covered.string("ResourceName")).isEqualTo("web-1");
        assertThat(covered.string("SubAccountId")).isEqualTo("acme-prod");
        assertThat(covered.string("SubAccountName")).isEqualTo("Acme Production");
        assertThat(covered.string("SubAccountType")).isEqualTo("Project");
        assertThat(covered.string("RegionId")).isEqualTo("us-central1");
        assertThat(covered.string("AvailabilityZone")).isEqualTo("us-central1-a");
        assertThat(covered.string("ServiceName")).isEqualTo("Compute Engine");
        assertThat(covered.string("ServiceCategory")).isEqualTo("Compute");
        assertThat(covered.string("SkuId")).isEqualTo("BB77-5FDA-4A61");
        assertThat(JSON.readTree(covered.string("tags_text")))
                .isEqualTo(JSON.readTree("{\"cost_center\":\"dept-eng\",\"env\":\"prod\"}"));
        assertHierarchy(covered, "DEPT-ENG", "Engineering", "department", "/DEPT-ENG", "Engineering");
        assertThat(covered.instant("BillingPeriodStart")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(covered.instant("BillingPeriodEnd")).isEqualTo(Instant.parse("2024-04-01T07:00:00Z"));
        assertThat(covered.instant("ChargePeriodEnd")).isEqualTo(Instant.parse("2024-03-05T11:00:00Z"));

        Row cud = lines.get("COMMITTED_USAGE_DISCOUNT Committed use discount: N2 CPU");
        assertLine(cud, "Credit", null, "Usage-Based", null, "-1.75");
        assertCommitment(cud, "CommittedUsageDiscount:n2-commit-1", "Committed use discount: N2 CPU", "Usage",
                "Committed Use Discount (resource-based)", "Used");
        assertThat(cud.decimal("ConsumedQuantity")).isNull();
        assertThat(cud.string("SkuId")).isEqualTo("BB77-5FDA-4A61");
        assertHierarchy(cud, "DEPT-ENG", "Engineering", "department", "/DEPT-ENG", "Engineering");

        Row sustained = lines.get("SUSTAINED_USAGE_DISCOUNT Sustained usage discount");
        assertLine(sustained, "Credit", null, "Usage-Based", null, "-0.25");
        assertThat(sustained.string("CommitmentDiscountId")).isNull();
        assertThat(sustained.string("CommitmentDiscountType")).isNull();

        Row fee = lines.get("regular Commitment v1: N2 Cpu in Americas for 1 Year");
        assertLine(fee, "Purchase", null, "Recurring", "Standard", "1.20");
        assertCommitment(fee, "//compute.googleapis.com/projects/acme-prod/regions/us-central1/commitments/n2-commit-1",
                "n2-commit-1", "Usage", "Committed Use Discount (resource-based)", null);

        Row sql = lines.get("regular Cloud SQL for PostgreSQL: Zonal - vCPU in Americas");
        assertLine(sql, "Usage", null, "Usage-Based", "Committed", "1.00");
        assertCommitment(sql, "CommittedUsageDiscountDollarBase:sql-1yr", "Committed use discount - dollar based: Cloud SQL",
                "Spend", "Committed Use Discount (spend-based)", "Used");
        assertThat(sql.string("ServiceCategory")).isEqualTo("Databases");
        assertThat(sql.string("ServiceSubcategory")).isEqualTo("Relational Databases");
        Row spendCredit = lines.get("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE Committed use discount - dollar based: Cloud SQL");
        assertLine(spendCredit, "Credit", null, "Usage-Based", null, "-0.25");
        assertThat(spendCredit.string("CommitmentDiscountCategory")).isEqualTo("Spend");

        Row analysis = lines.get("regular Analysis");
        assertLine(analysis, "Usage", null, "Usage-Based", "Standard", "0.80");
        assertThat(analysis.string("CommitmentDiscountId")).isNull();
        assertThat(analysis.string("RegionId")).as("a multi-region location").isEqualTo("US");
        assertThat(analysis.string("ServiceSubcategory")).isEqualTo("Data Warehouses");
        assertHierarchy(analysis, "TEAM-DATA", "Data", "team", "/DEPT-ENG/PROJ-PLATFORM/TEAM-DATA",
                "Engineering > Platform > Data");
        Row promotion = lines.get("PROMOTION Free trial credit");
        assertLine(promotion, "Credit", null, "Usage-Based", null, "-0.80");
        assertThat(promotion.string("CommitmentDiscountId")).isNull();
        assertHierarchy(promotion, "TEAM-DATA", "Data", "team", "/DEPT-ENG/PROJ-PLATFORM/TEAM-DATA",
                "Engineering > Platform > Data");

        Row tax = lines.get("tax Tax");
        assertLine(tax, "Tax", null, "Recurring", null, "0.46");
        assertThat(tax.decimal("ConsumedQuantity")).isNull();
        assertThat(tax.decimal("PricingQuantity")).isNull();
        assertThat(tax.string("ServiceCategory")).isEqualTo("Other");
        assertThat(tax.string("ServiceSubcategory")).isEqualTo("Other");
        assertThat(tax.string("x_hierarchy_entity_id")).isNull();

        Row correction = lines.get("adjustment N2 Instance Core running in Americas");
        assertLine(correction, "Adjustment", "Correction", "One-Time", null, "-0.30");
        assertThat(correction.date("x_pipeline_run_date")).as("sliced by its usage day").isEqualTo(LocalDate.of(2024, 2, 20));
        assertThat(correction.instant("BillingPeriodStart")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        Row rounding = lines.get("rounding_error Rounding error");
        assertLine(rounding, "Adjustment", null, "One-Time", null, "-0.01");

        Row spot = lines.get("regular Spot Preemptible N2 Instance Core running in Americas");
        assertLine(spot, "Usage", null, "Usage-Based", "Dynamic", "0.10");
        assertHierarchy(spot, "TEAM-DATA", "Data", "team", "/DEPT-ENG/PROJ-PLATFORM/TEAM-DATA",
                "Engineering > Platform > Data");

        Row raw = focus("""
                SELECT json_extract_string(adjustment_info_json, '$.type') AS adjustment_type,
                       json_extract_string(adjustment_info_json, '$.mode') AS adjustment_mode,
                       resource_global_name, price_effective_price, price_pricing_unit_quantity, seller_name
                FROM ${org}.cloud_gcp_billing_raw_daily
                WHERE x_credential_id = 'upload_01A2B3-C4D5E6-F7A8B9' AND cost_type = 'adjustment'""").getFirst();
        assertThat(raw.string("adjustment_type")).isEqualTo("USAGE_CORRECTION");
        assertThat(raw.string("adjustment_mode")).isEqualTo("PARTIAL_CORRECTION");
        assertThat(raw.string("seller_name")).isEqualTo("Google");
    }

    @Test
    void aTruncatedFileFailsTheRunAndLeavesThePreviousDataIntact() throws IOException {
        Path file = fixture(KOKU);
        run(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String line = lines.get(150);
        String cut = line.substring(0, line.indexOf("\"[{'key'") + 10);
        Path truncated = scratch.resolve("truncated.csv");
        Files.writeString(truncated, String.join("\n", lines.subList(0, 150)) + "\n" + cut, StandardCharsets.UTF_8);

        RunOutcome outcome = run(truncated);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("truncated.csv").contains("nothing was changed");
        assertThat(focusTotals(KOKU_CREDENTIAL).longValue("n")).isEqualTo(292);
        assertThat(focusTotals(KOKU_CREDENTIAL).decimal("billed")).isEqualByComparingTo("0.355562");
        assertThat(rawTotals(KOKU_CREDENTIAL).longValue("n")).isEqualTo(292);
        assertThat(rawTotals(KOKU_CREDENTIAL).decimal("cost")).isEqualByComparingTo("0.355562");
    }

    @Test
    void aFileCutBetweenCellsFailsTooAndChangesNothing() throws IOException {
        Path file = fixture(KOKU);
        run(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Path truncated = scratch.resolve("cut-between-cells.csv");
        String last = lines.get(200);
        Files.writeString(truncated, String.join("\n", lines.subList(0, 200)) + "\n"
                + last.substring(0, last.lastIndexOf(",USD,")), StandardCharsets.UTF_8);

        RunOutcome outcome = run(truncated);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("cut-between-cells.csv").contains("nothing was changed");
        assertThat(rawTotals(KOKU_CREDENTIAL).longValue("n")).isEqualTo(292);
        assertThat(focusTotals(KOKU_CREDENTIAL).decimal("billed")).isEqualByComparingTo("0.355562");
    }

    @Test
    void aFileWithoutARequiredColumnIsRejectedNamingTheColumn() throws IOException {
        List<String> lines = Files.readAllLines(fixture(KOKU), StandardCharsets.UTF_8);
        Path renamed = scratch.resolve("no-cost.csv");
        Files.writeString(renamed, lines.getFirst().replace(",cost,currency,", ",charge,currency,") + "\n"
                + String.join("\n", lines.subList(1, 20)), StandardCharsets.UTF_8);

        RunOutcome outcome = run(renamed);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("no-cost.csv").contains("lacks the required column cost");
        assertThat(outcome.steps().getFirst().attempts()).as("bad input is not retried").isEqualTo(1);
    }

    @Test
    void filesThatAreNoGcpExportAreRejected() throws IOException {
        Path notCsv = scratch.resolve("invoice.pdf");
        Files.write(notCsv, new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', 0, 1, 2});
        Path cur = fixture(KOKU).getParent().resolveSibling("aws").resolve("cur1-sample-focus-converters.csv");
        Path brokenLabels = scratch.resolve("broken-labels.csv");
        List<String> lines = Files.readAllLines(fixture(KOKU), StandardCharsets.UTF_8);
        Files.writeString(brokenLabels, lines.getFirst() + "\n" + lines.get(3).replace("'vm_key_proj2'", "'vm_key_proj2") + "\n",
                StandardCharsets.UTF_8);

        RunOutcome pdf = run(notCsv);
        RunOutcome aws = run(cur);
        RunOutcome labels = run(brokenLabels);

        assertThat(pdf.status()).isEqualTo(RunStatus.FAILED);
        assertThat(pdf.error()).contains("invoice.pdf");
        assertThat(aws.status()).isEqualTo(RunStatus.FAILED);
        assertThat(aws.error()).contains("is not a GCP Cloud Billing export").contains("billing_account_id");
        assertThat(labels.status()).isEqualTo(RunStatus.FAILED);
        assertThat(labels.error()).contains("broken-labels.csv", "the labels cell of line 2", "nothing was changed");
    }

    private void assertLine(Row row, String category, String chargeClass, String frequency, String pricingCategory,
                            String billed) {
        String id = row.string("x_charge_type") + " " + row.string("ChargeDescription");
        assertThat(row.string("ChargeCategory")).as(id + " ChargeCategory").isEqualTo(category);
        assertThat(row.string("ChargeClass")).as(id + " ChargeClass").isEqualTo(chargeClass);
        assertThat(row.string("ChargeFrequency")).as(id + " ChargeFrequency").isEqualTo(frequency);
        assertThat(row.string("PricingCategory")).as(id + " PricingCategory").isEqualTo(pricingCategory);
        assertThat(row.decimal("BilledCost")).as(id + " BilledCost").isEqualByComparingTo(billed);
        assertThat(row.decimal("EffectiveCost")).as(id + " EffectiveCost").isEqualByComparingTo(billed);
        assertThat(row.decimal("ContractedCost")).as(id + " ContractedCost").isEqualByComparingTo(billed);
        assertThat(row.string("BillingCurrency")).as(id + " BillingCurrency").isEqualTo("USD");
        assertThat(row.string("BillingAccountId")).as(id + " BillingAccountId").isEqualTo("01A2B3-C4D5E6-F7A8B9");
    }

    private static void assertCommitment(Row row, String id, String name, String category, String type, String status) {
        assertThat(row.string("CommitmentDiscountId")).isEqualTo(id);
        assertThat(row.string("CommitmentDiscountName")).isEqualTo(name);
        assertThat(row.string("CommitmentDiscountCategory")).isEqualTo(category);
        assertThat(row.string("CommitmentDiscountType")).isEqualTo(type);
        assertThat(row.string("CommitmentDiscountStatus")).isEqualTo(status);
    }

    private static void assertHierarchy(Row row, String id, String name, String level, String path, String pathNames) {
        assertThat(row.string("x_hierarchy_entity_id")).isEqualTo(id);
        assertThat(row.string("x_hierarchy_entity_name")).isEqualTo(name);
        assertThat(row.string("x_hierarchy_level_code")).isEqualTo(level);
        assertThat(row.string("x_hierarchy_path")).isEqualTo(path);
        assertThat(row.string("x_hierarchy_path_names")).isEqualTo(pathNames);
        assertThat(row.instant("x_hierarchy_validated_at")).isNotNull();
    }

    /**
     * Totals computed from the export file itself with plain CSV parsing: the cost column, the credit amounts in
     * the credits column, and the FOCUS ChargeCategory each line's cost_type (and SKU) stands for.
     */
    record RawTotals(long lines, long creditCount, BigDecimal cost, BigDecimal credits,
                     Map<String, BigDecimal> byChargeCategory) {

        static RawTotals of(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = CsvLine.parse(lines.getFirst());
            int cost = header.indexOf("cost");
            int credits = header.indexOf("credits");
            int costType = header.indexOf("cost_type");
            int sku = header.indexOf("sku.description");
            BigDecimal costTotal = BigDecimal.ZERO;
            BigDecimal creditTotal = BigDecimal.ZERO;
            long creditCount = 0;
            Map<String, BigDecimal> byCategory = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = CsvLine.parse(line);
                BigDecimal amount = new BigDecimal(cells.get(cost));
                costTotal = costTotal.add(amount);
                String category = switch (cells.get(costType)) {
                    case "tax" -> "Tax";
                    case "adjustment", "rounding_error" -> "Adjustment";
                    default -> cells.get(sku).startsWith("Commitment") ? "Purchase" : "Usage";
                };
                byCategory.merge(category, amount, BigDecimal::add);
                Matcher credit = CREDIT_AMOUNT.matcher(cells.get(credits));
                while (credit.find()) {
                    BigDecimal value = new BigDecimal(credit.group(1));
                    creditTotal = creditTotal.add(value);
                    creditCount++;
                    byCategory.merge("Credit", value, BigDecimal::add);
                }
            }
            Map<String, BigDecimal> stripped = new TreeMap<>();
            byCategory.forEach((k, v) -> stripped.put(k, v.stripTrailingZeros()));
            return new RawTotals(lines.size() - 1, creditCount, costTotal, creditTotal, stripped);
        }
    }

    private RunOutcome run(Path file) {
        return runPipeline(GCP_BILLING, org, dataset, upload(file));
    }

    /** One version of a hierarchy entity; {@code pathNames} is a DuckDB list literal written by this test. */
    private void entity(String id, String name, int level, String levelCode, String path, String pathNames, int version,
                        boolean ended) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("org", org.value());
        params.put("entity", id);
        params.put("name", name);
        params.put("level", (long) level);
        params.put("level_code", levelCode);
        params.put("path", path);
        params.put("version", (long) version);
        params.put("ended", ended ? Instant.now() : null);
        params.put("now", Instant.now());
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_hierarchy (id, org_slug, entity_id, entity_name, level, level_code, path, path_names,
                    depth, is_active, created_by, version, end_date, created_at)
                VALUES (@id, @org, @entity, @name, @level, @level_code, @path, %s, @level, TRUE, 'test', @version,
                    @ended, @now)""".formatted(pathNames)).with("c", DatasetName.CENTRAL), params);
    }

    private Row focusTotals(String credential) {
        return focus("SELECT COUNT(*) AS n, SUM(BilledCost) AS billed, SUM(EffectiveCost) AS effective FROM "
                + "${org}.cost_data_standard_1_3 WHERE x_credential_id = '" + credential + "'").getFirst();
    }

    private Row rawTotals(String credential) {
        return focus("SELECT COUNT(*) AS n, SUM(cost) AS cost, SUM(credits_total) AS credits FROM "
                + "${org}.cloud_gcp_billing_raw_daily WHERE x_credential_id = '" + credential + "'").getFirst();
    }

    private Map<String, BigDecimal> byChargeCategory(String credential, String column) {
        return focus("SELECT ChargeCategory AS category, SUM(" + column + ") AS total FROM ${org}.cost_data_standard_1_3 "
                + "WHERE x_credential_id = '" + credential + "' GROUP BY ChargeCategory").stream()
                .collect(Collectors.toMap(r -> r.string("category"), r -> r.decimal("total").stripTrailingZeros(),
                        (a, b) -> a, TreeMap::new));
    }

    private List<String> distinct(String column) {
        return focus("SELECT DISTINCT " + column + " AS v FROM ${org}.cost_data_standard_1_3 WHERE " + column
                + " IS NOT NULL").stream().map(r -> r.string("v")).toList();
    }

    private List<Row> focus(String sql) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of());
    }

    static Path fixture(String name) {
        try {
            return Path.of(GcpBillingPipelineTests.class.getResource("/fixtures/billing/gcp/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
