package com.cloudact.pipeline.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.focus.FocusSpec;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineHttp;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The SaaS subscription pipeline on DuckDB: each daily amount is checked against a figure worked out by hand from
 * spec §2.8 (cycle cost / days of the billing period, rounded half-up to 9 decimals), then the FOCUS rows against
 * the daily rows. Every test has its own org, so the per-org replace of one never touches another's rows.
 */
class SubscriptionCostPipelineTests extends PipelineIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CredentialCipher cipher;

    private static final PipelinePath SUBSCRIPTION = PipelinePath.of("subscription", "costs", "subscription_cost");

    /** A plan row as the API writes it; fields left null take the table's meaning of "not set". */
    private final class Plan {
        final Map<String, Object> values = new HashMap<>();

        Plan(String id, String cycle, String model, String unitPrice, long seats) {
            values.put("id", id);
            values.put("provider", "slack");
            values.put("cycle", cycle);
            values.put("model", model);
            values.put("price", new BigDecimal(unitPrice));
            values.put("seats", seats);
            values.put("status", "active");
            values.put("category", "productivity");
            values.put("currency", "USD");
            for (String key : List.of("yearly", "dtype", "dvalue", "anchor", "start", "end")) {
                values.put(key, null);
            }
        }

        Plan with(String key, Object value) {
            values.put(key, value instanceof String s && (key.equals("yearly") || key.equals("dvalue"))
                    ? new BigDecimal(s) : value instanceof String s2 && (key.equals("start") || key.equals("end"))
                    ? LocalDate.parse(s2) : value);
            return this;
        }
    }

    private void insert(DatasetName dataset, OrgSlug org, Plan plan) {
        Map<String, Object> params = new HashMap<>(plan.values);
        params.put("org", org.value());
        params.put("now", Instant.now());
        warehouse.execute(SqlText.of("""
                INSERT INTO ${org}.subscription_plans (x_org_slug, subscription_id, provider, plan_name, display_name,
                    category, status, start_date, end_date, billing_cycle, billing_anchor_day, currency, seats,
                    pricing_model, unit_price, yearly_price, discount_type, discount_value, auto_renew, department,
                    created_at, updated_at, x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code,
                    x_hierarchy_path, x_hierarchy_path_names)
                VALUES (@org, @id, @provider, 'BUSINESS', 'Slack Business+', @category, @status, @start, @end, @cycle,
                    @anchor, @currency, @seats, @model, @price, @yearly, @dtype, @dvalue, TRUE, 'Engineering', @now,
                    @now, 'DEPT-ENG', 'Engineering', 'department', '/DEPT-ENG', 'Engineering')""")
                .with("org", dataset), params);
    }

    private DatasetName org(OrgSlug org, int fiscalYearStartMonth) {
        DatasetName dataset = onboard(org);
        warehouse.execute(SqlText.of("UPDATE ${c}.org_profiles SET fiscal_year_start_month = @m WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("m", (long) fiscalYearStartMonth, "org", org.value()));
        return dataset;
    }

    private RunOutcome run(OrgSlug org, DatasetName dataset, String start, String end) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("start_date", LocalDate.parse(start));
        variables.put("end_date", LocalDate.parse(end));
        RunOutcome outcome = runPipeline(SUBSCRIPTION, org, dataset, variables);
        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        return outcome;
    }

    /** daily_cost per day of one plan. */
    private Map<LocalDate, BigDecimal> daily(DatasetName dataset, String subscriptionId) {
        Map<LocalDate, BigDecimal> days = new LinkedHashMap<>();
        warehouse.query(SqlText.of("""
                SELECT cost_date, daily_cost FROM ${org}.subscription_plan_costs_daily
                WHERE subscription_id = @id ORDER BY cost_date""").with("org", dataset), Map.of("id", subscriptionId))
                .forEach(r -> days.put(r.date("cost_date"), r.decimal("daily_cost").stripTrailingZeros()));
        return days;
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value).stripTrailingZeros();
    }

    private static LocalDate day(String value) {
        return LocalDate.parse(value);
    }

    private Row focusTotals(DatasetName dataset, String start, String end) {
        return warehouse.query(SqlText.of("""
                SELECT COUNT(*) AS n, SUM(BilledCost) AS billed, SUM(EffectiveCost) AS effective,
                       COUNT(DISTINCT CAST(ChargePeriodStart AS DATE) || '/' || ResourceId) AS distinct_days
                FROM ${org}.cost_data_standard_1_3
                WHERE x_source_system = 'subscription_plan_costs_daily'
                  AND CAST(ChargePeriodStart AS DATE) BETWEEN @s AND @e""").with("org", dataset),
                Map.of("s", day(start), "e", day(end))).getFirst();
    }

    @Test
    void monthlyPerSeatPlanWithAPercentDiscountIsSpreadOverEachCalendarMonth() {
        OrgSlug org = OrgSlug.of("sub_monthly_" + suffix());
        DatasetName dataset = org(org, 1);
        // 5 seats x 30.00 = 150.00, less 20 % = 120.00 a month.
        insert(dataset, org, new Plan("sub_monthly", "monthly", "PER_SEAT", "30.00", 5)
                .with("dtype", "percent").with("dvalue", "20"));

        run(org, dataset, "2026-01-30", "2026-02-02");

        // January has 31 days: 120 / 31 = 3.870967741935... ; February 2026 has 28: 120 / 28 = 4.285714285714...
        assertThat(daily(dataset, "sub_monthly")).containsExactly(
                Map.entry(day("2026-01-30"), d("3.870967742")), Map.entry(day("2026-01-31"), d("3.870967742")),
                Map.entry(day("2026-02-01"), d("4.285714286")), Map.entry(day("2026-02-02"), d("4.285714286")));
        Row row = warehouse.query(SqlText.of("""
                SELECT cycle_cost, monthly_run_rate, annual_run_rate, seats, x_pipeline_run_date, x_hierarchy_entity_id
                FROM ${org}.subscription_plan_costs_daily WHERE cost_date = DATE '2026-01-30'""").with("org", dataset),
                Map.of()).getFirst();
        assertThat(row.decimal("cycle_cost")).isEqualByComparingTo("120");
        assertThat(row.decimal("monthly_run_rate")).isEqualByComparingTo("120.000000002");   // 3.870967742 x 31
        assertThat(row.decimal("annual_run_rate")).isEqualByComparingTo("1412.903225830");   // 3.870967742 x 365
        assertThat(row.longValue("seats")).isEqualTo(5);
        assertThat(row.date("x_pipeline_run_date")).isEqualTo(day("2026-01-30"));
        assertThat(row.string("x_hierarchy_entity_id")).isEqualTo("DEPT-ENG");
    }

    @Test
    void anchorDay15MakesPeriodsFromThe15thToThe15th() {
        OrgSlug org = OrgSlug.of("sub_anchor_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_anchor", "monthly", "FLAT_FEE", "100.00", 3).with("anchor", 15L));

        run(org, dataset, "2026-02-14", "2026-03-15");

        Map<LocalDate, BigDecimal> days = daily(dataset, "sub_anchor");
        assertThat(days).hasSize(30);
        // 14 Feb is in 15 Jan - 14 Feb (31 days): 100 / 31; 15 Feb - 14 Mar has 28 days: 100 / 28; 15 Mar starts
        // 15 Mar - 14 Apr (31 days). A flat fee ignores the seats.
        assertThat(days.get(day("2026-02-14"))).isEqualTo(d("3.225806452"));
        assertThat(days.get(day("2026-02-15"))).isEqualTo(d("3.571428571"));
        assertThat(days.get(day("2026-03-14"))).isEqualTo(d("3.571428571"));
        assertThat(days.get(day("2026-03-15"))).isEqualTo(d("3.225806452"));
        BigDecimal period = days.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(day("2026-02-15")) && e.getKey().isBefore(day("2026-03-15")))
                .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(period).isEqualByComparingTo("99.999999988");   // 28 x 3.571428571
    }

    @Test
    void annualPlanFollowsAnAprilFiscalYearOf365Or366Days() {
        OrgSlug org = OrgSlug.of("sub_annual_" + suffix());
        DatasetName dataset = org(org, 4);
        // yearly_price 1200 per seat wins over unit_price; 2 seats = 2400 a fiscal year.
        insert(dataset, org, new Plan("sub_annual", "annual", "PER_SEAT", "100.00", 2).with("yearly", "1200"));

        run(org, dataset, "2027-03-31", "2027-04-01");
        run(org, dataset, "2028-02-28", "2028-04-01");

        Map<LocalDate, BigDecimal> days = daily(dataset, "sub_annual");
        // FY Apr 2026 - Mar 2027: 365 days, 2400 / 365 = 6.575342465753...; FY Apr 2027 - Mar 2028 holds
        // 29 Feb 2028: 366 days, 2400 / 366 = 6.557377049180...; FY Apr 2028 - Mar 2029: 365 again.
        assertThat(days.get(day("2027-03-31"))).isEqualTo(d("6.575342466"));
        assertThat(days.get(day("2027-04-01"))).isEqualTo(d("6.557377049"));
        assertThat(days.get(day("2028-02-29"))).isEqualTo(d("6.557377049"));
        assertThat(days.get(day("2028-03-31"))).isEqualTo(d("6.557377049"));
        assertThat(days.get(day("2028-04-01"))).isEqualTo(d("6.575342466"));
        assertThat(days).hasSize(2 + 34);
    }

    @Test
    void quarterlyAndSemiAnnualPlansFollowTheAprilFiscalCalendar() {
        OrgSlug org = OrgSlug.of("sub_quarter_" + suffix());
        DatasetName dataset = org(org, 4);
        insert(dataset, org, new Plan("sub_quarter", "quarterly", "FLAT_FEE", "300.00", 1));
        insert(dataset, org, new Plan("sub_half", "semi-annual", "FLAT_FEE", "600.00", 1));

        run(org, dataset, "2027-01-01", "2027-12-31");

        Map<LocalDate, BigDecimal> quarter = daily(dataset, "sub_quarter");
        // FQ4 Jan-Mar 2027 = 90 days, FQ1 Apr-Jun = 91, FQ2 Jul-Sep = 92, FQ3 Oct-Dec = 92.
        assertThat(quarter.get(day("2027-02-10"))).isEqualTo(d("3.333333333"));
        assertThat(quarter.get(day("2027-05-10"))).isEqualTo(d("3.296703297"));
        assertThat(quarter.get(day("2027-08-10"))).isEqualTo(d("3.260869565"));
        assertThat(quarter.get(day("2027-11-10"))).isEqualTo(d("3.260869565"));
        Map<LocalDate, BigDecimal> half = daily(dataset, "sub_half");
        // FH1 Apr-Sep 2027 = 183 days (a calendar half Jan-Jun would be 181); FH2 Oct 2026 - Mar 2027 = 182.
        assertThat(half.get(day("2027-05-10"))).isEqualTo(d("3.278688525"));
        assertThat(half.get(day("2027-02-10"))).isEqualTo(d("3.296703297"));
    }

    @Test
    void weeklyFlatAndFixedDiscountPlans() {
        OrgSlug org = OrgSlug.of("sub_weekly_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_weekly", "weekly", "FLAT_FEE", "70.00", 4));
        // 3 seats x 20.00 = 60.00 less a fixed 10.00 = 50.00 a month.
        insert(dataset, org, new Plan("sub_fixed", "monthly", "PER_SEAT", "20.00", 3)
                .with("dtype", "fixed").with("dvalue", "10"));

        run(org, dataset, "2026-04-01", "2026-04-30");

        assertThat(daily(dataset, "sub_weekly").values()).hasSize(30).containsOnly(d("10"));
        assertThat(daily(dataset, "sub_fixed").values()).hasSize(30).containsOnly(d("1.666666667"));   // 50 / 30
    }

    @Test
    void aPlanStartingAndEndingMidMonthCostsOnlyItsOwnDays() {
        OrgSlug org = OrgSlug.of("sub_prorate_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_prorate", "monthly", "FLAT_FEE", "31.00", 1)
                .with("start", "2026-03-10").with("end", "2026-03-20"));

        run(org, dataset, "2026-03-01", "2026-03-31");

        Map<LocalDate, BigDecimal> days = daily(dataset, "sub_prorate");
        assertThat(days.keySet()).first().isEqualTo(day("2026-03-10"));
        assertThat(days.keySet()).last().isEqualTo(day("2026-03-20"));
        assertThat(days.values()).hasSize(11).containsOnly(d("1"));   // 31.00 / 31 days, 11 days = 11.00
    }

    @Test
    void aVersionedEditMidMonthSplitsTheMonthAndEachDayHasOneFocusRow() {
        OrgSlug org = OrgSlug.of("sub_version_" + suffix());
        DatasetName dataset = org(org, 1);
        // Version 1: 5 seats x 10.00 until 14 March; version 2 from 15 March: 8 seats x 10.00.
        insert(dataset, org, new Plan("sub_v1", "monthly", "PER_SEAT", "10.00", 5).with("status", "expired")
                .with("start", "2026-01-01").with("end", "2026-03-14"));
        insert(dataset, org, new Plan("sub_v2", "monthly", "PER_SEAT", "10.00", 8).with("start", "2026-03-15"));

        run(org, dataset, "2026-03-01", "2026-03-31");

        // 14 x 50/31 (1.612903226) = 22.580645164 ; 17 x 80/31 (2.580645161) = 43.870967737
        assertThat(daily(dataset, "sub_v1")).hasSize(14).containsValue(d("1.612903226"));
        assertThat(daily(dataset, "sub_v2")).hasSize(17).containsValue(d("2.580645161"));
        Row focus = focusTotals(dataset, "2026-03-01", "2026-03-31");
        assertThat(focus.longValue("n")).isEqualTo(31);
        assertThat(focus.longValue("distinct_days")).isEqualTo(31);
        assertThat(focus.decimal("billed")).isEqualByComparingTo("66.451612901");
        assertThat(focus.decimal("effective")).isEqualByComparingTo("66.451612901");
        List<Row> perDay = warehouse.query(SqlText.of("""
                SELECT CAST(ChargePeriodStart AS DATE) AS d, COUNT(*) AS n FROM ${org}.cost_data_standard_1_3
                GROUP BY 1 HAVING COUNT(*) > 1""").with("org", dataset), Map.of());
        assertThat(perDay).isEmpty();
    }

    @Test
    void aRerunReplacesItsDaysAndFocusRowsInsteadOfAddingRows() {
        OrgSlug org = OrgSlug.of("sub_rerun_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_rerun", "monthly", "PER_SEAT", "12.00", 10));

        run(org, dataset, "2026-06-01", "2026-06-30");
        run(org, dataset, "2026-06-01", "2026-06-30");
        run(org, dataset, "2026-06-10", "2026-06-12");

        assertThat(daily(dataset, "sub_rerun")).hasSize(30).containsValue(d("4"));   // 120.00 / 30
        Row focus = focusTotals(dataset, "2026-06-01", "2026-06-30");
        assertThat(focus.longValue("n")).isEqualTo(30);
        assertThat(focus.decimal("billed")).isEqualByComparingTo("120");
        Row dq = warehouse.query(SqlText.of("""
                SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE overall_status = 'PASS') AS passed
                FROM ${c}.org_meta_dq_results WHERE org_slug = @org""").with("c", DatasetName.CENTRAL),
                Map.of("org", org.value())).getFirst();
        // Per run: the pre-pipeline validation and the FOCUS reconciliation, both passing.
        assertThat(dq.longValue("n")).isEqualTo(6);
        assertThat(dq.longValue("passed")).isEqualTo(6);
    }

    @Test
    void focusRowsHoldOnlyValuesFocusAllows() {
        OrgSlug org = OrgSlug.of("sub_focus_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_focus_a", "monthly", "PER_SEAT", "25.00", 4).with("category", "llm_api")
                .with("provider", "chatgpt_plus"));
        insert(dataset, org, new Plan("sub_focus_b", "annual", "FLAT_FEE", "1000.00", 1).with("category", "design"));
        insert(dataset, org, new Plan("sub_focus_c", "weekly", "FLAT_FEE", "7.00", 1).with("category", "other")
                .with("provider", "acme_tool"));

        run(org, dataset, "2026-05-01", "2026-05-03");

        for (FocusSpec.FocusColumn column : FocusSpec.get().enumeratedColumns()) {
            List<String> values = warehouse.query(SqlText.of("SELECT DISTINCT CAST(\"" + column.name()
                    + "\" AS VARCHAR) AS v FROM ${org}.cost_data_standard_1_3 WHERE \"" + column.name() + "\" IS NOT NULL")
                    .with("org", dataset), Map.of()).stream().map(r -> r.string("v")).toList();
            assertThat(column.allowedValues()).as(column.name()).containsAll(values);
        }
        List<Row> rows = warehouse.query(SqlText.of("""
                SELECT ServiceCategory, ServiceSubcategory, ChargeCategory, ChargeFrequency, PricingCategory,
                       ChargeClass, x_cost_type, x_source_system, ChargePeriodStart, ChargePeriodEnd, ResourceId,
                       ServiceName, ServiceProviderName, InvoiceIssuerName
                FROM ${org}.cost_data_standard_1_3""").with("org", dataset), Map.of());
        assertThat(rows).hasSize(9);
        // The vendor that invoices a known product comes from ref_saas_providers; a custom id names itself.
        Map<String, String> vendors = new HashMap<>();
        rows.forEach(r -> vendors.put(r.string("ResourceId"), r.string("InvoiceIssuerName") + " / "
                + r.string("ServiceProviderName") + " / " + r.string("ServiceName")));
        assertThat(vendors).containsEntry("sub_focus_a", "OpenAI / OpenAI / ChatGPT Plus BUSINESS")
                .containsEntry("sub_focus_b", "Slack / Slack / Slack BUSINESS")
                .containsEntry("sub_focus_c", "Acme tool / Acme tool / Acme tool BUSINESS");
        for (Row row : rows) {
            assertThat(FocusSpec.get().isAllowedSubcategory(row.string("ServiceCategory"), row.string("ServiceSubcategory")))
                    .as(row.string("ServiceCategory") + " / " + row.string("ServiceSubcategory")).isTrue();
            assertThat(row.string("ChargeCategory")).isEqualTo("Purchase");
            assertThat(row.string("ChargeFrequency")).isEqualTo("Recurring");
            assertThat(row.string("PricingCategory")).isEqualTo("Standard");
            assertThat(row.string("ChargeClass")).isNull();
            assertThat(row.string("x_cost_type")).isEqualTo("subscription");
            assertThat(row.string("x_source_system")).isEqualTo("subscription_plan_costs_daily");
            assertThat(row.instant("ChargePeriodEnd")).isEqualTo(row.instant("ChargePeriodStart").plusSeconds(86_400));
        }
        Map<String, String> categories = rows.stream().collect(Collectors.toMap(r -> r.string("ResourceId"),
                r -> r.string("ServiceCategory"), (a, b) -> a));
        assertThat(categories).containsEntry("sub_focus_a", "AI and Machine Learning")
                .containsEntry("sub_focus_b", "Media").containsEntry("sub_focus_c", "Other");
    }

    @Test
    void validationRecordsEachFailingCheckAndTheValidPlansAreStillAmortized() {
        OrgSlug org = OrgSlug.of("sub_invalid_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_good", "monthly", "FLAT_FEE", "30.00", 1));
        insert(dataset, org, new Plan("sub_euro", "monthly", "FLAT_FEE", "30.00", 1).with("currency", "EUR"));
        insert(dataset, org, new Plan("sub_anchor_annual", "annual", "FLAT_FEE", "365.00", 1).with("anchor", 5L));

        run(org, dataset, "2026-09-01", "2026-09-30");

        Row dq = warehouse.query(SqlText.of("""
                SELECT overall_status, expectations_passed, expectations_failed, CAST(failed_expectations AS VARCHAR) AS f
                FROM ${c}.org_meta_dq_results
                WHERE org_slug = @org AND dq_config_id = 'subscription_pre_pipeline_validation'""")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst();
        assertThat(dq.string("overall_status")).isEqualTo("FAIL");
        assertThat(dq.longValue("expectations_passed")).isEqualTo(6);
        assertThat(dq.longValue("expectations_failed")).isEqualTo(2);
        assertThat(dq.string("f")).contains("currency_is_org_default").contains("anchor_day_only_monthly");
        assertThat(daily(dataset, "sub_good").values()).hasSize(30).containsOnly(d("1"));
    }

    @Test
    void withoutDatesARunCoversTheEarliestPlanStartAtMost730DaysBackUntilYesterday() {
        OrgSlug org = OrgSlug.of("sub_default_" + suffix());
        DatasetName dataset = org(org, 1);
        LocalDate yesterday = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        insert(dataset, org, new Plan("sub_recent", "weekly", "FLAT_FEE", "7.00", 1)
                .with("start", yesterday.minusDays(9).toString()));
        insert(dataset, org, new Plan("sub_old", "weekly", "FLAT_FEE", "14.00", 1)
                .with("start", yesterday.minusDays(1000).toString()));

        RunOutcome outcome = runPipeline(SUBSCRIPTION, org, dataset, Map.of());

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Map<LocalDate, BigDecimal> recent = daily(dataset, "sub_recent");
        assertThat(recent).hasSize(10);
        assertThat(recent.keySet()).first().isEqualTo(yesterday.minusDays(9));
        assertThat(recent.values()).containsOnly(d("1"));
        Map<LocalDate, BigDecimal> old = daily(dataset, "sub_old");
        assertThat(old).hasSize(730);
        assertThat(old.keySet()).first().isEqualTo(yesterday.minusDays(729));
        assertThat(old.keySet()).last().isEqualTo(yesterday);
        Row focus = focusTotals(dataset, yesterday.minusDays(729).toString(), yesterday.toString());
        assertThat(focus.longValue("n")).isEqualTo(740);
        assertThat(focus.decimal("billed")).isEqualByComparingTo("1470");   // 730 x 2.00 + 10 x 1.00
    }

    @Test
    void aRangeOfMoreThan730DaysIsRefusedAndWritesNothing() {
        OrgSlug org = OrgSlug.of("sub_toolong_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_long", "monthly", "FLAT_FEE", "30.00", 1));
        Map<String, Object> variables = new HashMap<>();
        variables.put("start_date", LocalDate.parse("2024-01-01"));
        variables.put("end_date", LocalDate.parse("2025-12-31"));

        RunOutcome outcome = runPipeline(SUBSCRIPTION, org, dataset, variables);

        assertThat(outcome.status()).isNotEqualTo(RunStatus.COMPLETED);
        assertThat(String.valueOf(outcome.error())).contains("at most 730 days");
        assertThat(daily(dataset, "sub_long")).isEmpty();
    }

    @Test
    void theRunEndpointRunsThePipelineAsTheApiServiceTriggersABackfill() {
        OrgSlug org = OrgSlug.of("sub_http_" + suffix());
        DatasetName dataset = org(org, 1);
        insert(dataset, org, new Plan("sub_http", "monthly", "PER_SEAT", "9.00", 10));
        PipelineHttp http = new PipelineHttp(port);
        String key = PipelineHttp.issueKey(warehouse, cipher, org);

        PipelineHttp.Response response = http.post("/api/v1/pipelines/run/" + org
                + "/subscription/costs/subscription_cost?wait=true", key,
                Map.of("start_date", "2026-04-01", "end_date", "2026-04-30", "trigger_by", "subscription-plans"));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).as(response.body().toString()).isEqualTo("COMPLETED");
        assertThat(daily(dataset, "sub_http").values()).hasSize(30).containsOnly(d("3"));   // 90.00 / 30
        assertThat(focusTotals(dataset, "2026-04-01", "2026-04-30").decimal("billed")).isEqualByComparingTo("90");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
