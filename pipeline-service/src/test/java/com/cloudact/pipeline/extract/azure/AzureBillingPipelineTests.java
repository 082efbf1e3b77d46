package com.cloudact.pipeline.extract.azure;

import static com.cloudact.pipeline.extract.azure.AzureFixtures.ACTUAL;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.AMORTIZED;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.cost;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.costBy;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Azure billing pipeline on the real EA actual and amortized cost-details files (finops-toolkit), from file to
 * FOCUS 1.3, reconciled to the cent against totals computed from the files with plain Java; and on an MCA-shaped
 * file for the charge types the EA samples lack. Each scenario loads under its own credential id, so each is its
 * own set of slices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureBillingPipelineTests extends PipelineIntegrationTest {

    static final PipelinePath AZURE_BILLING = PipelinePath.of("cloud", "azure", "cost", "billing");
    private static final BigDecimal ACTUAL_TOTAL = new BigDecimal("8.5450077867419368");
    private static final BigDecimal AMORTIZED_TOTAL = new BigDecimal("16.29693213663664462748541900");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The raw table keeps 18 decimals (NUMERIC); the amortized sample has costs with up to 28
     * ({@code 0.0000000072922557592391990000}), so its sums are exact to 1e-15 and compared there (and, rounded to
     * 12 decimals, per category): far below a cent.
     */
    private static final Offset<BigDecimal> STORED_PRECISION = Offset.offset(new BigDecimal("1E-15"));

    @TempDir
    Path scratch;

    private final OrgSlug org = OrgSlug.of("azure_fixture_org");
    private DatasetName dataset;

    @BeforeAll
    void createOrg() {
        dataset = onboard(org);
        hierarchyEntity("ACM9000", "ACM cost center", "cost_center", "Research");
        hierarchyEntity("PLATFORM", "Platform team", "team", "Engineering");
    }

    @Test
    void actualFileReconcilesToTheCentOverallAndPerChargeCategory() {
        Path file = fixture(ACTUAL);
        assertThat(cost(file, r -> true)).as("README total").isEqualByComparingTo(ACTUAL_TOTAL);

        RunOutcome outcome = run(file, "ea_actual", null);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row totals = totals("ea_actual");
        assertThat(totals.longValue("n")).isEqualTo(AzureFixtures.records(file).size()).isEqualTo(11);
        assertThat(totals.decimal("billed")).isEqualByComparingTo(ACTUAL_TOTAL);
        assertThat(totals.decimal("effective")).as("actual alone: nothing to amortize with").isEqualByComparingTo(ACTUAL_TOTAL);
        assertThat(byCategory("ea_actual", "BilledCost"))
                .isEqualTo(costBy(file, r -> category(r.get("ChargeType")), r -> true))
                .containsOnly(Map.entry("Purchase", new BigDecimal("3.25")),
                        Map.entry("Usage", new BigDecimal("5.2950077867419368")));
        assertThat(rawTotal("ea_actual")).isEqualByComparingTo(ACTUAL_TOTAL);
        Row purchase = focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'ea_actual'"
                + " AND ChargeCategory = 'Purchase'").getFirst();
        assertThat(purchase.string("ChargeFrequency")).isEqualTo("Recurring");
        assertThat(purchase.string("CommitmentDiscountType")).isEqualTo("Reservation");
        assertThat(purchase.string("CommitmentDiscountCategory")).isEqualTo("Usage");
        assertThat(purchase.string("CommitmentDiscountName")).isEqualTo("VM_RI_06-21-2023_18-56");
        assertThat(purchase.string("PricingCategory")).isNull();
        assertThat(purchase.string("x_amortization_class")).isEqualTo("Principal");
    }

    @Test
    void amortizedFileReconcilesToTheCentWithCommitmentsInTheCommitmentColumns() {
        Path file = fixture(AMORTIZED);
        assertThat(cost(file, r -> true)).as("README total").isEqualByComparingTo(AMORTIZED_TOTAL);
        BigDecimal onDemand = cost(file, r -> r.get("PricingModel").equals("OnDemand"));

        RunOutcome outcome = run(file, "ea_amortized", null);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row totals = totals("ea_amortized");
        assertThat(totals.longValue("n")).isEqualTo(28);
        assertThat(totals.decimal("effective")).isCloseTo(AMORTIZED_TOTAL, STORED_PRECISION);
        assertThat(totals.decimal("billed")).as("covered usage is billed on the purchase")
                .isCloseTo(onDemand, STORED_PRECISION).isCloseTo(new BigDecimal("15.797780136168644627485419"), STORED_PRECISION);
        assertThat(rounded(byCategory("ea_amortized", "EffectiveCost")))
                .isEqualTo(rounded(costBy(file, r -> category(r.get("ChargeType")), r -> true)))
                .containsOnly(Map.entry("Usage", new BigDecimal("16.296932136637")));
        Map<String, BigDecimal> byPricing = focus("""
                SELECT PricingCategory AS p, SUM(EffectiveCost) AS e FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = 'ea_amortized' GROUP BY PricingCategory""").stream()
                .collect(Collectors.toMap(r -> r.string("p"), r -> r.decimal("e").stripTrailingZeros()));
        assertThat(rounded(byPricing)).containsOnly(
                Map.entry("Committed", round(cost(file, r -> !r.get("PricingModel").equals("OnDemand")))),
                Map.entry("Standard", round(onDemand)));
        Row reserved = line("ea_amortized", "PricingCategory = 'Committed' AND CommitmentDiscountType = 'Reservation'");
        assertThat(reserved.decimal("BilledCost")).isZero();
        assertThat(reserved.decimal("EffectiveCost")).isEqualByComparingTo("0.493152");
        assertThat(reserved.string("CommitmentDiscountStatus")).isEqualTo("Used");
        assertThat(reserved.string("CommitmentDiscountCategory")).isEqualTo("Usage");
        assertThat(reserved.string("CommitmentDiscountId")).endsWith("fbf5efab37d1");
        assertThat(reserved.string("x_amortization_class")).isEqualTo("Amortized Charge");
        Row savingsPlan = line("ea_amortized", "CommitmentDiscountType = 'Savings Plan'");
        assertThat(savingsPlan.string("CommitmentDiscountCategory")).isEqualTo("Spend");
        assertThat(savingsPlan.decimal("EffectiveCost")).isEqualByComparingTo("0.006000000468");
        assertThat(rawTotal("ea_amortized")).isCloseTo(AMORTIZED_TOTAL, STORED_PRECISION);
    }

    /**
     * Both datasets of one month: the usage lines both files hold come once (from the amortized file), the
     * reservation purchase comes from the actual file with EffectiveCost 0. The two samples are not of one export
     * run (the amortized one has more days), so BilledCost is the amortized file's on-demand cost plus the actual
     * file's purchase, and EffectiveCost the amortized total.
     */
    @Test
    void loadingBothDatasetsOfAMonthCountsEveryCostOnce() {
        BigDecimal purchases = cost(fixture(ACTUAL), r -> r.get("ChargeType").equals("Purchase"));
        BigDecimal amortizedOnDemand = cost(fixture(AMORTIZED), r -> r.get("PricingModel").equals("OnDemand"));

        assertThat(run(fixture(ACTUAL), "ea_both", null).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run(fixture(AMORTIZED), "ea_both", null).status()).isEqualTo(RunStatus.COMPLETED);

        assertBothDatasets("ea_both", purchases, amortizedOnDemand);
        assertThat(focus("""
                SELECT cost_dataset AS d, MIN(x_pipeline_run_date) AS s, MAX(x_pipeline_run_date) AS e, COUNT(*) AS n
                FROM ${org}.cloud_azure_billing_raw_daily WHERE x_credential_id = 'ea_both' GROUP BY cost_dataset""")
                .stream().collect(Collectors.toMap(r -> r.string("d"), r -> r.date("s") + "/" + r.date("e") + "/"
                        + r.longValue("n"))))
                .containsOnly(Map.entry("actual", "2023-09-01/2023-09-01/11"),
                        Map.entry("amortized", "2023-09-30/2023-09-30/28"));

        // A newer actual export of the month replaces only the actual rows; the amortized ones stay.
        assertThat(run(fixture(ACTUAL), "ea_both", null).status()).isEqualTo(RunStatus.COMPLETED);
        assertBothDatasets("ea_both", purchases, amortizedOnDemand);

        // The order of the two loads does not matter.
        assertThat(run(fixture(AMORTIZED), "ea_both_reversed", null).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run(fixture(ACTUAL), "ea_both_reversed", null).status()).isEqualTo(RunStatus.COMPLETED);
        assertBothDatasets("ea_both_reversed", purchases, amortizedOnDemand);
    }

    private void assertBothDatasets(String credential, BigDecimal purchases, BigDecimal amortizedOnDemand) {
        Row totals = totals(credential);
        assertThat(totals.longValue("n")).as("28 amortized lines + 1 purchase").isEqualTo(29);
        assertThat(totals.decimal("effective")).isCloseTo(AMORTIZED_TOTAL, STORED_PRECISION);
        assertThat(totals.decimal("billed")).isCloseTo(amortizedOnDemand.add(purchases), STORED_PRECISION)
                .isCloseTo(new BigDecimal("19.047780136168644627485419"), STORED_PRECISION);
        assertThat(rounded(byCategory(credential, "BilledCost"))).containsOnly(
                Map.entry("Purchase", new BigDecimal("3.25")), Map.entry("Usage", new BigDecimal("15.797780136169")));
        Row purchase = line(credential, "ChargeCategory = 'Purchase'");
        assertThat(purchase.decimal("EffectiveCost")).isZero();
        assertThat(purchase.decimal("BilledCost")).isEqualByComparingTo("3.25");
        assertThat(focus("SELECT COUNT(DISTINCT x_pipeline_run_date) AS n FROM ${org}.cost_data_standard_1_3"
                + " WHERE x_credential_id = '" + credential + "'").getFirst().longValue("n")).isEqualTo(1);
    }

    @Test
    void rerunningTheSameFileReplacesItsSliceInsteadOfAddingRows() {
        run(fixture(ACTUAL), "ea_rerun", null);
        RunOutcome second = run(fixture(ACTUAL), "ea_rerun", null);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(totals("ea_rerun").longValue("n")).isEqualTo(11);
        assertThat(totals("ea_rerun").decimal("billed")).isEqualByComparingTo(ACTUAL_TOTAL);
        assertThat(rawCount("ea_rerun")).isEqualTo(11);
    }

    @Test
    void focusRowsHoldOnlyValuesFocusAllowsAndCarryFullLineage() throws IOException {
        RunOutcome outcome = run(fixture(ACTUAL), null, null);
        run(fixture(AMORTIZED), "ea_values", null);
        run(mcaFile(), "mca_values", null);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
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
                       MIN(x_credential_id) AS credential, MIN(x_pipeline_run_date) AS run_date,
                       MAX(x_pipeline_run_date) AS last_run_date,
                       COUNT(*) FILTER (WHERE ChargePeriodEnd <> ChargePeriodStart + INTERVAL 1 DAY) AS not_a_day,
                       COUNT(*) FILTER (WHERE x_source_system <> 'cloud_azure_billing_raw_daily') AS other_source,
                       COUNT(DISTINCT x_source_record_id) AS records,
                       COUNT(*) FILTER (WHERE BillingPeriodEnd <> TIMESTAMP '2023-10-01 00:00:00') AS other_period_end,
                       COUNT(*) FILTER (WHERE x_ingestion_date <> CAST(ChargePeriodStart AS DATE)) AS other_day
                FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'upload_8611537'""").getFirst();
        assertThat(lineage.longValue("n")).isEqualTo(11);
        assertThat(lineage.longValue("runs")).isEqualTo(1);
        assertThat(lineage.string("pipeline")).isEqualTo("cloud/azure/cost/billing");
        assertThat(lineage.date("run_date")).isEqualTo(LocalDate.of(2023, 9, 1)).isEqualTo(lineage.date("last_run_date"));
        assertThat(lineage.longValue("not_a_day")).isZero();
        assertThat(lineage.longValue("other_source")).isZero();
        assertThat(lineage.longValue("records")).as("each FOCUS row names its raw row").isEqualTo(11);
        assertThat(lineage.longValue("other_period_end")).as("BillingPeriodEnd is exclusive").isZero();
        assertThat(lineage.longValue("other_day")).isZero();
        assertThat(outcome.steps()).extracting(StepOutcome::rowsProcessed).first().isEqualTo(11L);

        Row storage = line("upload_8611537", "ResourceName = 'dbstoragewp6hglwvvrad2'");
        JsonNode tags = JSON.readTree(storage.string("Tags"));
        assertThat(tags.path("CostCenter").asString()).isEqualTo("1234");
        assertThat(tags.path("databricks-environment").asString()).isEqualTo("true");
        assertThat(storage.string("ServiceCategory")).isEqualTo("Storage");
        assertThat(storage.string("ServiceName")).isEqualTo("Storage");
        assertThat(storage.string("RegionId")).isEqualTo("eastus2");
        assertThat(storage.string("SubAccountName")).isEqualTo("Trey Research IT");
        assertThat(storage.string("BillingAccountId")).isEqualTo("8611537");
        assertThat(storage.string("x_hierarchy_entity_id")).as("CostCenter column ACM9000").isEqualTo("ACM9000");
        assertThat(storage.string("x_hierarchy_path_names")).isEqualTo("Research > ACM cost center");
        Row mysql = line("upload_8611537", "ResourceName = 'umq-umqoi3-db'");
        assertThat(mysql.string("ServiceCategory") + " / " + mysql.string("ServiceSubcategory"))
                .isEqualTo("Databases / Relational Databases");
        assertThat(mysql.decimal("ListCost")).isEqualByComparingTo("1.9584");
        assertThat(mysql.decimal("ContractedCost")).isEqualByComparingTo("1.9584");
        assertThat(mysql.string("PricingCategory")).isEqualTo("Standard");
        assertThat(focus("SELECT COUNT(*) AS n FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'upload_8611537'"
                + " AND x_hierarchy_entity_id IS NULL").getFirst().longValue("n")).isZero();
    }

    @Test
    void theAzureServiceCategoriesAreFocusValues() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/seeds/ref_service_categories.csv")) {
            List<String[]> azure = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("azure,")).map(l -> l.split(",")).toList();
            assertThat(azure).hasSizeGreaterThan(50);
            for (String[] row : azure) {
                assertThat(FocusSpec.get().isAllowedSubcategory(row[2], row[3])).as(String.join(",", row)).isTrue();
            }
        }
    }

    @Test
    void aTruncatedFileFailsTheRunAndLeavesThePreviousDataIntact() throws IOException {
        run(fixture(ACTUAL), "ea_truncated", null);
        List<String> lines = Files.readAllLines(fixture(ACTUAL), StandardCharsets.UTF_8);
        String cut = lines.get(7).substring(0, lines.get(7).length() / 3);
        Path truncated = scratch.resolve("truncated-actual.csv");
        Files.writeString(truncated, String.join("\n", lines.subList(0, 7)) + "\n" + cut, StandardCharsets.UTF_8);

        RunOutcome outcome = run(truncated, "ea_truncated", null);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("truncated-actual.csv").contains("nothing was changed");
        assertThat(totals("ea_truncated").longValue("n")).isEqualTo(11);
        assertThat(totals("ea_truncated").decimal("billed")).isEqualByComparingTo(ACTUAL_TOTAL);
        assertThat(rawCount("ea_truncated")).isEqualTo(11);
    }

    @Test
    void aFileWithoutTheChargeTypeIsRejectedNamingTheColumn() throws IOException {
        List<String> lines = Files.readAllLines(fixture(ACTUAL), StandardCharsets.UTF_8);
        Path renamed = scratch.resolve("no-charge-type.csv");
        Files.writeString(renamed, lines.getFirst().replace("ChargeType", "Kind") + "\n"
                + String.join("\n", lines.subList(1, lines.size())), StandardCharsets.UTF_8);

        RunOutcome outcome = run(renamed, "ea_no_charge_type", null);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("ChargeType").contains("Azure cost details");
        assertThat(outcome.steps().getFirst().attempts()).as("bad input is not retried").isEqualTo(1);
        assertThat(rawCount("ea_no_charge_type")).isZero();
    }

    @Test
    void theRunVariableNamesTheDatasetWhateverTheFileIsCalled() {
        RunOutcome outcome = run(fixture(ACTUAL), "ea_named_dataset", "amortized");

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        assertThat(focus("SELECT DISTINCT cost_dataset AS d, x_pipeline_run_date AS s FROM ${org}.cloud_azure_billing_raw_daily"
                + " WHERE x_credential_id = 'ea_named_dataset'")).singleElement()
                .satisfies(r -> assertThat(r.string("d") + " " + r.date("s")).isEqualTo("amortized 2023-09-30"));
        assertThat(run(fixture(ACTUAL), "ea_named_dataset", "fiscal").error()).contains("cost_dataset");
    }

    /** An MCA export (camelCase headers, ISO dates, JSON tags, an unknown column) with the charge types EA samples lack. */
    @Test
    void anMcaFileLoadsWithEveryChargeTypeClassified() throws IOException {
        RunOutcome outcome = run(mcaFile(), null, null);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        assertThat(rawCount("upload_acct-mca-1")).isEqualTo(10);
        Map<String, Row> lines = focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'upload_acct-mca-1'")
                .stream().collect(Collectors.toMap(r -> r.string("ResourceId").substring(r.string("ResourceId").lastIndexOf('/') + 1),
                        r -> r));
        assertThat(lines).as("the reservation purchase of the amortized dataset is spread, not listed").hasSize(9)
                .doesNotContainKey("r10");
        assertLine(lines.get("r1"), "Usage", null, "Usage-Based", "Standard", "12.5", "12.5");
        assertLine(lines.get("r2"), "Usage", null, "Usage-Based", "Committed", "0", "4.2");
        assertLine(lines.get("r3"), "Usage", null, "Recurring", "Committed", "0", "1.3");
        assertLine(lines.get("r4"), "Usage", null, "Recurring", "Committed", "0", "0.7");
        assertLine(lines.get("r5"), "Credit", "Correction", "One-Time", null, "-2.5", "-2.5");
        assertLine(lines.get("r6"), "Adjustment", null, "One-Time", null, "-0.01", "-0.01");
        assertLine(lines.get("r7"), "Tax", null, "One-Time", null, "1.5", "1.5");
        assertLine(lines.get("r8"), "Purchase", null, "Recurring", null, "30", "30");
        assertLine(lines.get("r9"), "Usage", null, "Usage-Based", "Dynamic", "0.9", "0.9");
        assertThat(lines.get("r2").string("CommitmentDiscountStatus")).isEqualTo("Used");
        assertThat(lines.get("r3").string("CommitmentDiscountStatus")).isEqualTo("Unused");
        assertThat(lines.get("r3").string("CommitmentDiscountType")).isEqualTo("Reservation");
        assertThat(lines.get("r3").decimal("ConsumedQuantity")).isNull();
        assertThat(lines.get("r4").string("CommitmentDiscountStatus")).isEqualTo("Unused");
        assertThat(lines.get("r4").string("CommitmentDiscountCategory")).isEqualTo("Spend");
        assertThat(lines.get("r4").string("CommitmentDiscountType")).isEqualTo("Savings Plan");
        assertThat(lines.get("r8").string("ServiceProviderName")).isEqualTo("Contoso Ltd");
        assertThat(lines.get("r8").string("PublisherName")).isEqualTo("Contoso Ltd");
        assertThat(lines.get("r1").string("ServiceProviderName")).isEqualTo("Microsoft");
        assertThat(lines.get("r1").string("BillingAccountId")).as("MCA invoices per billing profile").isEqualTo("PROF-1");
        assertThat(lines.get("r1").string("BillingAccountType")).isEqualTo("Billing Profile");
        assertThat(lines.get("r1").string("BillingCurrency")).isEqualTo("EUR");
        assertThat(lines.get("r1").decimal("ListCost")).isEqualByComparingTo("15");
        assertThat(lines.get("r1").decimal("ContractedCost")).isEqualByComparingTo("12.5");
        assertThat(lines.get("r1").string("x_hierarchy_entity_id")).as("tag team=platform").isEqualTo("PLATFORM");
        assertThat(lines.get("r1").string("x_hierarchy_level_code")).isEqualTo("team");
        assertThat(lines.get("r9").string("x_hierarchy_entity_id")).as("no known tag").isNull();
        assertThat(JSON.readTree(lines.get("r1").string("Tags")).path("env").asString()).isEqualTo("prod");
        assertThat(lines.get("r1").instant("ChargePeriodStart")).isEqualTo("2024-03-05T00:00:00Z");
        assertThat(lines.get("r1").instant("ChargePeriodEnd")).isEqualTo("2024-03-06T00:00:00Z");
        assertThat(lines.get("r1").instant("BillingPeriodEnd")).isEqualTo("2024-04-01T00:00:00Z");
        Row totals = totals("upload_acct-mca-1");
        assertThat(totals.decimal("billed")).isEqualByComparingTo("42.39");
        assertThat(totals.decimal("effective")).isEqualByComparingTo("48.59");
    }

    private Path mcaFile() throws IOException {
        String header = "invoiceId,billingAccountId,billingAccountName,billingProfileId,billingProfileName,costCenter,"
                + "billingPeriodEndDate,billingPeriodStartDate,date,serviceFamily,consumedService,meterId,meterName,"
                + "meterCategory,ProductId,ProductName,SubscriptionId,subscriptionName,publisherType,publisherName,"
                + "resourceGroupName,ResourceId,resourceLocation,effectivePrice,quantity,unitOfMeasure,chargeType,"
                + "billingCurrency,pricingCurrency,costInBillingCurrency,costInUsd,isAzureCreditEligible,tags,PayGPrice,"
                + "frequency,term,reservationId,reservationName,pricingModel,unitPrice,benefitId,benefitName,provider,"
                + "somethingNew";
        String ri = "/providers/Microsoft.Capacity/reservationOrders/o1/reservations/r1";
        String sp = "/providers/Microsoft.BillingBenefits/savingsPlanOrders/o2/savingsPlans/s2";
        List<String> rows = List.of(
                row("r1", "Usage", "OnDemand", "Virtual Machines", "Microsoft.Compute", "100", "0.125", "0.15", "12.5",
                        "UsageBased", "", "", "Microsoft", "\"{\"\"team\"\": \"\"platform\"\", \"\"env\"\": \"\"prod\"\"}\""),
                row("r2", "Usage", "Reservation", "Virtual Machines", "Microsoft.Compute", "24", "0.175", "0.2", "4.2",
                        "UsageBased", ri, "ri-vm", "Microsoft", ""),
                row("r3", "UnusedReservation", "Reservation", "Virtual Machines", "Microsoft.Capacity", "6", "0.2167",
                        "0.2", "1.3", "Recurring", ri, "ri-vm", "Microsoft", ""),
                row("r4", "UnusedSavingsPlan", "SavingsPlan", "Virtual Machines", "Microsoft.BillingBenefits", "1",
                        "0.7", "", "0.7", "Recurring", sp, "sp-compute", "Microsoft", ""),
                row("r5", "Refund", "OnDemand", "Storage", "Microsoft.Storage", "", "", "", "-2.5", "OneTime", "", "",
                        "Microsoft", ""),
                row("r6", "RoundingAdjustment", "", "", "", "", "", "", "-0.01", "OneTime", "", "", "Microsoft", ""),
                row("r7", "Tax", "", "", "", "", "", "", "1.5", "OneTime", "", "", "Microsoft", ""),
                row("r8", "Purchase", "OnDemand", "SaaS", "Microsoft.SaaS", "1", "30", "", "30", "Recurring", "", "",
                        "Contoso Ltd", "", "Marketplace"),
                row("r9", "Usage", "Spot", "Virtual Machines", "Microsoft.Compute", "10", "0.09", "0.2", "0.9",
                        "UsageBased", "", "", "Microsoft", "\"{\"\"owner\"\": \"\"nobody\"\"}\""),
                row("r10", "Purchase", "Reservation", "Virtual Machines", "Microsoft.Capacity", "1", "0", "0", "0",
                        "Recurring", ri, "ri-vm", "Microsoft", ""));
        Path file = scratch.resolve("mca-amortized-2024-03.csv");
        Files.writeString(file, header + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static String row(String id, String chargeType, String pricingModel, String meterCategory,
                              String consumedService, String quantity, String unitPrice, String payg, String cost,
                              String frequency, String benefitId, String benefitName, String publisher, String tags) {
        return row(id, chargeType, pricingModel, meterCategory, consumedService, quantity, unitPrice, payg, cost,
                frequency, benefitId, benefitName, publisher, tags, "Azure");
    }

    private static String row(String id, String chargeType, String pricingModel, String meterCategory,
                              String consumedService, String quantity, String unitPrice, String payg, String cost,
                              String frequency, String benefitId, String benefitName, String publisher, String tags,
                              String publisherType) {
        return String.join(",", "INV-1", "acct-mca-1", "Contoso MCA", "PROF-1", "Contoso EU", "", "2024-03-31",
                "2024-03-01", "2024-03-05", "Compute", consumedService, "meter-" + id, "Meter " + id, meterCategory,
                "DZH318Z0BQPS", "Product " + id, "sub-1", "Contoso Prod", publisherType, publisher, "rg",
                "/subscriptions/sub-1/resourceGroups/rg/providers/x/" + id, "westeurope", unitPrice, quantity,
                "1 Hour", chargeType, "EUR", "EUR", cost, cost, "true", tags, payg, frequency, "", "", "",
                pricingModel, unitPrice, benefitId, benefitName, "Azure", "ignored");
    }

    private void assertLine(Row row, String category, String chargeClass, String frequency, String pricingCategory,
                            String billed, String effective) {
        String id = row.string("ResourceId");
        assertThat(row.string("ChargeCategory")).as(id + " ChargeCategory").isEqualTo(category);
        assertThat(row.string("ChargeClass")).as(id + " ChargeClass").isEqualTo(chargeClass);
        assertThat(row.string("ChargeFrequency")).as(id + " ChargeFrequency").isEqualTo(frequency);
        assertThat(row.string("PricingCategory")).as(id + " PricingCategory").isEqualTo(pricingCategory);
        assertThat(row.decimal("BilledCost")).as(id + " BilledCost").isEqualByComparingTo(billed);
        assertThat(row.decimal("EffectiveCost")).as(id + " EffectiveCost").isEqualByComparingTo(effective);
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(12, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static Map<String, BigDecimal> rounded(Map<String, BigDecimal> sums) {
        return sums.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> round(e.getValue())));
    }

    /** The FOCUS ChargeCategory CloudAct gives an Azure ChargeType, for the independent totals. */
    private static String category(String chargeType) {
        return switch (chargeType) {
            case "Usage", "UnusedReservation", "UnusedSavingsPlan" -> "Usage";
            case "Purchase" -> "Purchase";
            case "Tax" -> "Tax";
            case "Refund", "Credit" -> "Credit";
            default -> "Adjustment";
        };
    }

    private void hierarchyEntity(String id, String name, String level, String parent) {
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_hierarchy (id, org_slug, entity_id, entity_name, level, level_code, path, path_ids,
                    path_names, depth, is_active, created_by, version, created_at)
                VALUES (@id, @org, @entity, @name, 2, @level, @path, [@entity], [@parent, @name], 2, TRUE, 'test', 1, @now)""")
                .with("c", DatasetName.CENTRAL), Map.of("id", UUID.randomUUID().toString(), "org", org.value(),
                "entity", id, "name", name, "level", level, "path", "/ROOT/" + id, "parent", parent,
                "now", Instant.now()));
    }

    RunOutcome run(Path file, String credentialId, String costDataset) {
        Map<String, Object> variables = upload(file);
        if (credentialId != null) {
            variables.put("credential_id", credentialId);
        }
        if (costDataset != null) {
            variables.put("cost_dataset", costDataset);
        }
        return runPipeline(AZURE_BILLING, org, dataset, variables);
    }

    private Row totals(String credential) {
        return focus("SELECT COUNT(*) AS n, SUM(BilledCost) AS billed, SUM(EffectiveCost) AS effective"
                + " FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = '" + credential + "'").getFirst();
    }

    private Row line(String credential, String condition) {
        return focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = '" + credential + "' AND "
                + condition).getFirst();
    }

    private Map<String, BigDecimal> byCategory(String credential, String cost) {
        return focus("SELECT ChargeCategory AS category, SUM(" + cost + ") AS total FROM ${org}.cost_data_standard_1_3"
                + " WHERE x_credential_id = '" + credential + "' GROUP BY ChargeCategory").stream()
                .collect(Collectors.toMap(r -> r.string("category"), r -> r.decimal("total").stripTrailingZeros()));
    }

    private BigDecimal rawTotal(String credential) {
        return focus("SELECT SUM(cost_in_billing_currency) AS total FROM ${org}.cloud_azure_billing_raw_daily"
                + " WHERE x_credential_id = '" + credential + "'").getFirst().decimal("total");
    }

    private long rawCount(String credential) {
        return focus("SELECT COUNT(*) AS n FROM ${org}.cloud_azure_billing_raw_daily WHERE x_credential_id = '"
                + credential + "'").getFirst().longValue("n");
    }

    private List<String> distinct(String column) {
        return focus("SELECT DISTINCT " + column + " AS v FROM ${org}.cost_data_standard_1_3 WHERE " + column
                + " IS NOT NULL").stream().map(r -> r.string("v")).toList();
    }

    private List<Row> focus(String sql) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of());
    }
}
