package com.cloudact.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.api.PipelineServiceStandIn;
import com.cloudact.api.PipelineServiceStandIn.Received;
import com.cloudact.api.PipelineServiceStandIn.Reply;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The daily alert evaluation {@code POST /admin/alerts/process-all} (spec §1.1, §7.4): rules are evaluated against
 * the org's FOCUS costs and budgets, what fired is recorded in the notification history and on the rule, and
 * notifications go through the pipeline service only when asked to. Every call names its org.
 */
class AlertsProcessAllTests extends ApiIntegrationTest {

    private static final String PROCESS_ALL = "/api/v1/admin/alerts/process-all";
    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final SqlText RULE = SqlText.of("""
            INSERT INTO ${central}.org_notification_rules (rule_id, org_slug, name, is_active, priority, rule_category,
                rule_type, conditions, notify_channel_ids, cooldown_minutes, created_at)
            VALUES (@id, @org, @name, @active, 'high', 'cost', @type, PARSE_JSON(@conditions), @channels, 60, @now)""")
            .with("central", CENTRAL);
    private static final SqlText CHANNEL = SqlText.of("""
            INSERT INTO ${central}.org_notification_channels (channel_id, org_slug, channel_type, name, is_active,
                email_recipients, created_at)
            VALUES (@id, @org, 'email', 'Finance', @active, @recipients, @now)""").with("central", CENTRAL);
    private static final SqlText BUDGET = SqlText.of("""
            INSERT INTO ${central}.org_budgets (budget_id, org_slug, hierarchy_entity_id, hierarchy_entity_name,
                hierarchy_level_code, category, budget_type, budget_amount, currency, period_type, period_start,
                period_end, is_active, created_by, created_at)
            VALUES (@id, @org, 'ORG', 'Whole organization', 'ORG', 'total', 'monetary', @amount, 'USD', 'monthly',
                @start, @end, TRUE, 'test', @now)""").with("central", CENTRAL);
    private static final SqlText HISTORY = SqlText.of("""
            SELECT * FROM ${central}.org_notification_history WHERE org_slug = @org ORDER BY created_at, rule_id""")
            .with("central", CENTRAL);
    private static final SqlText RULE_ROW = SqlText.of("""
            SELECT * FROM ${central}.org_notification_rules WHERE rule_id = @id""").with("central", CENTRAL);
    private static final List<String> RECIPIENTS = List.of("finance@acme.test", "cto@acme.test");

    @Test
    void aThresholdRuleAboveItsAmountFiresAndIsRecordedWithoutSending() {
        OrgSlug org = newSlug("alerts");
        onboarded(org, Plan.STARTER);
        LocalDate today = today();
        cost(org, today, "60.50");
        cost(org, today, "49.50");
        cost(org, today.minusMonths(1), "5000");
        String finance = channel(org, true);
        String disabled = channel(org, false);
        String over100 = rule(org, "Spend over 100", "cost_threshold", true, "{\"threshold_amount\":100}",
                List.of(finance, disabled));
        String over1000 = rule(org, "Spend over 1000", "absolute_threshold", true, "{\"threshold_amount\":\"1000\"}",
                List.of(finance));
        String inactive = rule(org, "Switched off", "cost_threshold", false, "{\"threshold_amount\":1}",
                List.of(finance));

        Response answer = post(PROCESS_ALL, root(), Map.of("org_slug", org.value(), "send_notifications", false));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        assertThat(answer.body().path("orgs_processed").asInt()).isEqualTo(1);
        assertThat(answer.body().path("alerts_triggered").asInt()).isEqualTo(1);
        assertThat(answer.body().path("notifications_sent").asInt()).isZero();
        assertThat(answer.body().path("errors").asInt()).isZero();
        assertThat(answer.body().path("org_errors").size()).isZero();

        List<Row> history = history(org);
        assertThat(history).as("one row per active channel of the rule that fired").hasSize(1);
        Row row = history.getFirst();
        assertThat(row.string("rule_id")).isEqualTo(over100);
        assertThat(row.string("channel_id")).isEqualTo(finance);
        assertThat(row.string("notification_type")).isEqualTo("alert");
        assertThat(row.string("priority")).isEqualTo("high");
        assertThat(row.string("status")).isEqualTo("skipped");
        assertThat(row.instant("sent_at")).isNull();
        assertThat(row.string("subject")).isEqualTo("[CloudAct] Spend over 100");
        assertThat(row.string("body_preview")).isEqualTo("Month-to-date cost reached the threshold");
        assertThat(row.list("recipients")).containsExactlyElementsOf(RECIPIENTS);
        JsonNode data = json.readTree(row.string("trigger_data"));
        assertThat(data.path("value").decimalValue()).isEqualByComparingTo("110");
        assertThat(data.path("threshold").decimalValue()).isEqualByComparingTo("100");
        assertThat(data.path("currency").asString()).isEqualTo("USD");

        Row fired = ruleRow(over100);
        assertThat(fired.instant("last_triggered_at")).isNotNull();
        assertThat(fired.longValue("trigger_count_today")).isEqualTo(1);
        assertThat(ruleRow(over1000).instant("last_triggered_at")).isNull();
        assertThat(ruleRow(inactive).instant("last_triggered_at")).isNull();
        assertThat(PipelineServiceStandIn.received(org)).as("nothing was sent").isEmpty();

        Response again = post(PROCESS_ALL, root(), Map.of("org_slug", org.value(), "send_notifications", false));
        assertThat(again.body().path("alerts_triggered").asInt()).as("the rule is cooling down").isZero();
        assertThat(history(org)).hasSize(1);
        assertThat(ruleRow(over100).longValue("trigger_count_today")).isEqualTo(1);
    }

    @Test
    void aBudgetRuleFiresAtItsShareOfTheBudget() {
        OrgSlug org = newSlug("budgetalert");
        onboarded(org, Plan.STARTER);
        LocalDate today = today();
        cost(org, today, "170");
        budget(org, "200", today.withDayOfMonth(1), today.withDayOfMonth(today.lengthOfMonth()));
        String channel = channel(org, true);
        String at80 = rule(org, "Budget 80%", "budget_percent", true, "{\"threshold_percent\":80}", List.of(channel));
        String at90 = rule(org, "Budget 90%", "budget_percent", true, "{\"threshold_percent\":90}", List.of(channel));
        String threshold = rule(org, "Spend over 100", "cost_threshold", true, "{\"threshold_amount\":100}",
                List.of(channel));

        Response answer = post(PROCESS_ALL, root(), Map.of("org_slug", org.value(), "send_notifications", false,
                "alert_types", List.of("budget_percent")));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("alerts_triggered").asInt()).isEqualTo(1);
        List<Row> history = history(org);
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().string("rule_id")).isEqualTo(at80);
        assertThat(history.getFirst().string("body_preview")).startsWith("Spend of budget ").endsWith(" is at 85.00%");
        JsonNode data = json.readTree(history.getFirst().string("trigger_data"));
        assertThat(data.path("value").decimalValue()).isEqualByComparingTo("85");
        assertThat(data.path("threshold").decimalValue()).isEqualByComparingTo("80");
        assertThat(ruleRow(at90).instant("last_triggered_at")).isNull();
        assertThat(ruleRow(threshold).instant("last_triggered_at")).as("not among the requested types").isNull();
    }

    @Test
    void anAnomalyRuleComparesYesterdayWithTheDayBefore() {
        OrgSlug org = newSlug("anomaly");
        onboarded(org, Plan.STARTER);
        LocalDate today = today();
        cost(org, today.minusDays(2), "10");
        cost(org, today.minusDays(1), "30");
        String channel = channel(org, true);
        String jump = rule(org, "Daily jump", "anomaly_percent_change", true, "{\"threshold_percent\":50}",
                List.of(channel));
        String bigJump = rule(org, "Daily tripling", "anomaly_percent_change", true, "{\"threshold_percent\":250}",
                List.of(channel));

        Response answer = post(PROCESS_ALL, root(), Map.of("org_slug", org.value(), "send_notifications", false));

        assertThat(answer.body().path("alerts_triggered").asInt()).isEqualTo(1);
        assertThat(history(org)).extracting(r -> r.string("rule_id")).containsExactly(jump);
        assertThat(history(org).getFirst().string("body_preview"))
                .isEqualTo("Yesterday's cost changed by 200.00% from the day before");
        assertThat(ruleRow(bigJump).instant("last_triggered_at")).isNull();
    }

    @Test
    void aDryRunEvaluatesButRecordsNothing() {
        OrgSlug org = newSlug("alertdry");
        onboarded(org, Plan.STARTER);
        cost(org, today(), "500");
        String rule = rule(org, "Spend over 100", "cost_threshold", true, "{\"threshold_amount\":100}",
                List.of(channel(org, true)));

        Response answer = post(PROCESS_ALL, root(), Map.of("org_slug", org.value(), "dry_run", true));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("alerts_triggered").asInt()).isEqualTo(1);
        assertThat(answer.body().path("notifications_sent").asInt()).isZero();
        assertThat(answer.body().path("message").asString()).startsWith("Dry run");
        assertThat(history(org)).isEmpty();
        assertThat(ruleRow(rule).instant("last_triggered_at")).isNull();
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
    }

    @Test
    void sendingGoesThroughThePipelineServiceAndRecordsTheOutcome() {
        OrgSlug delivered = newSlug("sent");
        OrgSlug refused = newSlug("unsent");
        for (OrgSlug org : List.of(delivered, refused)) {
            onboarded(org, Plan.STARTER);
            cost(org, today(), "150");
            rule(org, "Spend over 100", "cost_threshold", true, "{\"threshold_amount\":100}",
                    List.of(channel(org, true)));
        }
        PipelineServiceStandIn.script(refused, Reply.problem(503, "notifications are paused"));

        Response sent = post(PROCESS_ALL, root(), Map.of("org_slug", delivered.value()));
        Response failed = post(PROCESS_ALL, root(), Map.of("org_slug", refused.value(), "send_notifications", true));

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("notifications_sent").asInt()).isEqualTo(1);
        List<Received> received = PipelineServiceStandIn.received(delivered);
        assertThat(received).hasSize(1);
        Received notification = received.getFirst();
        assertThat(notification.method()).isEqualTo("POST");
        assertThat(notification.path()).isEqualTo("/api/v1/notifications/send");
        assertThat(notification.header("X-CA-Root-Key")).isEqualTo(ROOT_KEY);
        JsonNode body = notification.json();
        assertThat(body.path("org_slug").asString()).isEqualTo(delivered.value());
        assertThat(body.path("event").asString()).isEqualTo("alert_triggered");
        assertThat(body.path("severity").asString()).isEqualTo("high");
        assertThat(body.path("title").asString()).isEqualTo("Spend over 100");
        assertThat(body.path("channels").toString()).isEqualTo("[\"email\"]");
        assertThat(body.path("recipients").toString()).isEqualTo(json.writeValueAsString(RECIPIENTS));
        assertThat(body.path("total_cost").decimalValue()).isEqualByComparingTo("150");
        assertThat(body.path("threshold").decimalValue()).isEqualByComparingTo("100");
        assertThat(body.path("currency").asString()).isEqualTo("USD");
        assertThat(body.path("period").asString()).isEqualTo("current_month");
        Row sentRow = history(delivered).getFirst();
        assertThat(sentRow.string("status")).isEqualTo("sent");
        assertThat(sentRow.instant("sent_at")).isNotNull();
        assertThat(sentRow.string("error_message")).isNull();

        assertThat(failed.body().path("alerts_triggered").asInt()).isEqualTo(1);
        assertThat(failed.body().path("notifications_sent").asInt()).isZero();
        assertThat(PipelineServiceStandIn.received(refused)).hasSize(1);
        Row failedRow = history(refused).getFirst();
        assertThat(failedRow.string("status")).isEqualTo("failed");
        assertThat(failedRow.instant("sent_at")).isNull();
        assertThat(failedRow.string("error_message")).isEqualTo("Notification service answered 503");
    }

    @Test
    void onlyTheRootKeyProcessesAlertsAndBadRequestsAreRefused() {
        OrgSlug org = newSlug("alertauth");
        String key = onboarded(org, Plan.STARTER);
        cost(org, today(), "500");
        String rule = rule(org, "Spend over 100", "cost_threshold", true, "{\"threshold_amount\":100}",
                List.of(channel(org, true)));

        Response orgCaller = post(PROCESS_ALL, orgKey(key), Map.of("org_slug", org.value()));
        assertThat(orgCaller.status()).isEqualTo(403);
        assertThat(orgCaller.header("Content-Type")).contains("problem+json");
        assertThat(post(PROCESS_ALL, Map.of(), Map.of("org_slug", org.value())).status()).isEqualTo(401);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("org_slug", org.value(), "alert_types", List.of("pipeline_failure")),
                Map.of("org_slug", "a-b"),
                Map.of("org_slug", org.value(), "send_notifications", "maybe"),
                Map.of("org_slug", org.value(), "notify", true))) {
            Response refused = post(PROCESS_ALL, root(), bad);
            assertThat(refused.status()).as(bad + ": " + refused.raw().body()).isEqualTo(422);
        }
        assertThat(history(org)).isEmpty();
        assertThat(ruleRow(rule).instant("last_triggered_at")).isNull();
    }

    private String rule(OrgSlug org, String name, String type, boolean active, String conditions,
                        List<String> channels) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("name", name);
        params.put("active", active);
        params.put("type", type);
        params.put("conditions", conditions);
        params.put("channels", channels);
        params.put("now", Instant.now());
        warehouse.execute(RULE, params);
        return id;
    }

    private String channel(OrgSlug org, boolean active) {
        String id = UUID.randomUUID().toString();
        warehouse.execute(CHANNEL, Map.of("id", id, "org", org.value(), "active", active, "recipients", RECIPIENTS,
                "now", Instant.now()));
        return id;
    }

    private void budget(OrgSlug org, String amount, LocalDate start, LocalDate end) {
        warehouse.execute(BUDGET, Map.of("id", UUID.randomUUID().toString(), "org", org.value(),
                "amount", new BigDecimal(amount), "start", start, "end", end, "now", Instant.now()));
    }

    private List<Row> history(OrgSlug org) {
        return warehouse.query(HISTORY, Map.of("org", org.value()));
    }

    private Row ruleRow(String ruleId) {
        return warehouse.query(RULE_ROW, Map.of("id", ruleId)).getFirst();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** One day of FOCUS cost in the org's dataset, as the pipelines write it. */
    private void cost(OrgSlug org, LocalDate day, String billed) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("billed", new BigDecimal(billed));
        params.put("start", start);
        params.put("end", start.plusSeconds(86_400));
        params.put("org", org.value());
        params.put("day", day);
        warehouse.execute(SqlText.of("""
                INSERT INTO ${org}.cost_data_standard_1_3 (BilledCost, BillingAccountId, BillingCurrency,
                    BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeFrequency, ChargePeriodEnd,
                    ChargePeriodStart, ContractedCost, EffectiveCost, HostProviderName, InvoiceIssuerName, ListCost,
                    ProviderName, PublisherName, ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory,
                    x_source_system, x_cost_type, x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date,
                    x_run_id, x_ingested_at, x_ingestion_date)
                VALUES (@billed, 'acct', 'USD', @end, @start, 'Usage', 'Usage-Based', @end, @start, @billed,
                    @billed, 'AWS', 'AWS', @billed, 'AWS', 'AWS', 'Compute', 'Service', 'AWS', 'Other', 'test', 'cloud',
                    @org, 'test', 'test', @day, 'run', @start, @day)""")
                .with("org", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), params);
    }
}
