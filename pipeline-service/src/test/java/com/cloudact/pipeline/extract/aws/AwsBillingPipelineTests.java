package com.cloudact.pipeline.extract.aws;

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
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The AWS billing pipeline on real CUR files, from file to FOCUS 1.3, checked against totals computed
 * independently from the raw file (the fixture README's numbers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsBillingPipelineTests extends PipelineIntegrationTest {

    private static final PipelinePath AWS_BILLING = PipelinePath.of("cloud", "aws", "cost", "billing");
    private static final BigDecimal FIXTURE_TOTAL = new BigDecimal("1.68230869740");

    @TempDir
    Path scratch;

    private final OrgSlug org = OrgSlug.of("aws_fixture_org");
    private DatasetName dataset;

    @BeforeAll
    void createOrg() {
        dataset = onboard(org);
    }

    @Test
    void fixtureReconcilesToTheCentOverallAndPerChargeCategory() {
        RunOutcome outcome = run(fixture("cur1-sample-focus-converters.csv"));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row totals = focusTotals();
        assertThat(totals.longValue("n")).isEqualTo(1281);
        assertThat(totals.decimal("billed")).isEqualByComparingTo(FIXTURE_TOTAL);
        assertThat(byChargeCategory()).containsOnly(
                Map.entry("Usage", new BigDecimal("1.60230869740").stripTrailingZeros()),
                Map.entry("Tax", new BigDecimal("0.08")));
        assertThat(rawTotal()).isEqualByComparingTo(FIXTURE_TOTAL);
    }

    @Test
    void rerunningTheSameFileReplacesItsSliceInsteadOfAddingRows() {
        Path file = fixture("cur1-sample-focus-converters.csv");
        run(file);
        RunOutcome second = run(file);

        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(focusTotals().longValue("n")).isEqualTo(1281);
        assertThat(focusTotals().decimal("billed")).isEqualByComparingTo(FIXTURE_TOTAL);
        assertThat(rawCount()).isEqualTo(1281);
    }

    @Test
    void focusRowsHoldOnlyValuesFocusAllowsAndCarryFullLineage() {
        RunOutcome outcome = run(fixture("cur1-sample-focus-converters.csv"));

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
                       COUNT(*) FILTER (WHERE ChargePeriodEnd <= ChargePeriodStart) AS inverted,
                       COUNT(*) FILTER (WHERE x_source_system <> 'cloud_aws_billing_raw_daily') AS other_source
                FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'upload_123412340534'""").getFirst();
        assertThat(lineage.longValue("runs")).isEqualTo(1);
        assertThat(lineage.string("pipeline")).isEqualTo("cloud/aws/cost/billing");
        assertThat(lineage.string("credential")).isEqualTo("upload_123412340534");
        assertThat(lineage.date("run_date")).isEqualTo(LocalDate.of(2023, 11, 1));
        assertThat(lineage.longValue("inverted")).isZero();
        assertThat(lineage.longValue("other_source")).isZero();
        assertThat(outcome.steps()).extracting(StepOutcome::rowsProcessed).first().isEqualTo(1281L);
    }

    @Test
    void commitmentsCreditsAndRefundsAreClassifiedAndAmortized() {
        RunOutcome outcome = run(fixture("cur-commitments.csv"));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Map<String, Row> lines = focus("SELECT * FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = 'upload_999900001111'")
                .stream().collect(Collectors.toMap(r -> r.string("x_source_record_id"), r -> r));
        assertThat(lines).hasSize(9);
        assertLine(lines.get("u1"), "Usage", null, "Usage-Based", "Standard", "10", "10");
        assertLine(lines.get("u2"), "Usage", null, "Usage-Based", "Committed", "0", "1.5");
        assertLine(lines.get("u3"), "Purchase", null, "Recurring", null, "36", "1.5");
        assertLine(lines.get("u4"), "Usage", null, "Usage-Based", "Committed", "2", "1.4");
        assertLine(lines.get("u5"), "Usage", null, "Usage-Based", null, "-2", "0");
        assertLine(lines.get("u6"), "Purchase", null, "Recurring", null, "1.68", "0.28");
        assertLine(lines.get("u7"), "Tax", null, "Recurring", null, "0.5", "0.5");
        assertLine(lines.get("u8"), "Credit", null, "One-Time", null, "-3", "-3");
        assertLine(lines.get("u9"), "Adjustment", "Correction", "One-Time", null, "-1", "-1");
        assertThat(lines.get("u2").string("CommitmentDiscountStatus")).isEqualTo("Used");
        assertThat(lines.get("u2").string("CommitmentDiscountType")).isEqualTo("Reserved Instance");
        assertThat(lines.get("u2").string("CommitmentDiscountCategory")).isEqualTo("Usage");
        assertThat(lines.get("u4").string("CommitmentDiscountType")).isEqualTo("Savings Plan");
        assertThat(lines.get("u4").string("CommitmentDiscountCategory")).isEqualTo("Spend");
        assertThat(lines.get("u1").string("Tags")).isEqualTo("{\"user:team\":\"web\",\"user:env\":\"prod\"}");
        assertThat(lines.get("u1").decimal("ListCost")).isEqualByComparingTo("10");
        assertThat(lines.get("u2").decimal("ListCost")).isEqualByComparingTo("2.304");
        assertThat(lines.get("u1").string("ServiceCategory")).isEqualTo("Compute");
        assertThat(lines.get("u1").string("ServiceSubcategory")).isEqualTo("Virtual Machines");
        assertThat(lines.get("u1").string("ChargePeriodStart")).isNotNull();
        assertThat(lines.get("u1").instant("ChargePeriodEnd")).isEqualTo("2024-03-01T00:00:00Z");
    }

    @Test
    void aTruncatedFileFailsTheRunAndLeavesThePreviousDataIntact() throws IOException {
        Path file = fixture("cur1-sample-focus-converters.csv");
        run(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String cut = lines.get(600).substring(0, lines.get(600).length() / 3);
        Path truncated = scratch.resolve("truncated.csv");
        Files.writeString(truncated, String.join("\n", lines.subList(0, 600)) + "\n" + cut, StandardCharsets.UTF_8);

        RunOutcome outcome = run(truncated);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("truncated.csv").contains("nothing was changed");
        assertThat(focusTotals().longValue("n")).isEqualTo(1281);
        assertThat(focusTotals().decimal("billed")).isEqualByComparingTo(FIXTURE_TOTAL);
        assertThat(rawCount()).isEqualTo(1281);
    }

    @Test
    void aFileWithoutARequiredColumnIsRejectedNamingTheColumn() throws IOException {
        List<String> lines = Files.readAllLines(fixture("cur1-sample-focus-converters.csv"), StandardCharsets.UTF_8);
        Path renamed = scratch.resolve("no-cost.csv");
        Files.writeString(renamed, lines.getFirst().replace("lineItem/UnblendedCost", "lineItem/SomethingElse") + "\n"
                + String.join("\n", lines.subList(1, 20)), StandardCharsets.UTF_8);

        RunOutcome outcome = run(renamed);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("lineItem/UnblendedCost");
        assertThat(outcome.steps().getFirst().attempts()).as("bad input is not retried").isEqualTo(1);
    }

    @Test
    void aFileThatIsNotACurIsRejected() throws IOException {
        Path notCsv = scratch.resolve("invoice.pdf");
        Files.write(notCsv, new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', 0, 1, 2});

        RunOutcome outcome = run(notCsv);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("invoice.pdf");
    }

    @Test
    void headersAreMatchedIgnoringCaseByteOrderMarkAndCur2Naming() throws IOException {
        List<String> lines = Files.readAllLines(fixture("cur-commitments.csv"), StandardCharsets.UTF_8);
        String cur2Header = lines.getFirst().replace("lineItem/UnblendedCost", "line_item_unblended_cost")
                .replace("bill/PayerAccountId", "BILL/PAYERACCOUNTID").replace("999900001111", "999900003333");
        Path variant = scratch.resolve("variant.csv");
        Files.writeString(variant, "\uFEFF" + cur2Header + ",extra/Unknown\n" + lines.subList(1, lines.size()).stream()
                .map(l -> l.replace("999900001111", "999900003333") + ",x").collect(Collectors.joining("\n")),
                StandardCharsets.UTF_8);

        RunOutcome outcome = run(variant);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row row = focus("""
                SELECT COUNT(*) AS n, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = 'upload_999900003333'""").getFirst();
        assertThat(row.longValue("n")).isEqualTo(9);
        assertThat(row.decimal("billed")).isEqualByComparingTo("44.18");
    }

    private void assertLine(Row row, String category, String chargeClass, String frequency, String pricingCategory,
                            String billed, String effective) {
        String id = row.string("x_source_record_id");
        assertThat(row.string("ChargeCategory")).as(id + " ChargeCategory").isEqualTo(category);
        assertThat(row.string("ChargeClass")).as(id + " ChargeClass").isEqualTo(chargeClass);
        assertThat(row.string("ChargeFrequency")).as(id + " ChargeFrequency").isEqualTo(frequency);
        assertThat(row.string("PricingCategory")).as(id + " PricingCategory").isEqualTo(pricingCategory);
        assertThat(row.decimal("BilledCost")).as(id + " BilledCost").isEqualByComparingTo(billed);
        assertThat(row.decimal("EffectiveCost")).as(id + " EffectiveCost").isEqualByComparingTo(effective);
    }

    private RunOutcome run(Path file) {
        return runPipeline(AWS_BILLING, org, dataset, upload(file));
    }

    private Row focusTotals() {
        return focus("""
                SELECT COUNT(*) AS n, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = 'upload_123412340534'""").getFirst();
    }

    private Map<String, BigDecimal> byChargeCategory() {
        return focus("""
                SELECT ChargeCategory AS category, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = 'upload_123412340534' GROUP BY ChargeCategory""").stream()
                .collect(Collectors.toMap(r -> r.string("category"), r -> r.decimal("billed").stripTrailingZeros()));
    }

    private BigDecimal rawTotal() {
        return focus("""
                SELECT SUM(unblended_cost) AS total FROM ${org}.cloud_aws_billing_raw_daily
                WHERE x_credential_id = 'upload_123412340534'""").getFirst().decimal("total");
    }

    private long rawCount() {
        return focus("""
                SELECT COUNT(*) AS n FROM ${org}.cloud_aws_billing_raw_daily
                WHERE x_credential_id = 'upload_123412340534'""").getFirst().longValue("n");
    }

    private List<String> distinct(String column) {
        return focus("SELECT DISTINCT " + column + " AS v FROM ${org}.cost_data_standard_1_3 WHERE " + column
                + " IS NOT NULL").stream().map(r -> r.string("v")).toList();
    }

    private List<Row> focus(String sql) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(AwsBillingPipelineTests.class.getResource("/fixtures/billing/aws/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
