package com.cloudact.api.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.api.PipelineServiceStandIn;
import com.cloudact.api.PipelineServiceStandIn.Received;
import com.cloudact.api.PipelineServiceStandIn.Reply;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.SqlText;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Subscription Plans router (spec §1.5, §7.2) and the provider subscription routes (§1.4, with their legacy
 * OpenAI aliases of §1.17) over HTTP, with the rows they leave in the org's {@code subscription_plans} and the
 * backfill runs the pipeline service stand-in receives.
 */
class SubscriptionPlansIntegrationTests extends ApiIntegrationTest {

    private static final String RUN_PATH = "/subscription/costs/subscription_cost";

    private LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private String base(OrgSlug org) {
        return "/api/v1/subscriptions/" + org;
    }

    private static Map<String, Object> plan(String name, String price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan_name", name);
        body.put("unit_price", price);
        body.put("hierarchy_entity_id", "DEPT-ENG");
        body.put("hierarchy_entity_name", "whatever the client thinks");
        body.put("hierarchy_level_code", "department");
        body.put("hierarchy_path", "/DEPT-ENG");
        body.put("hierarchy_path_names", "Engineering");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put((String) pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    private Response put(String path, String key, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), orgKey(key));
    }

    private Response delete(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), orgKey(key));
    }

    private long planRows(OrgSlug org) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${org}.subscription_plans")
                .with("org", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), Map.of()).getFirst().longValue("n");
    }

    private List<Received> backfills(OrgSlug org) {
        return PipelineServiceStandIn.received(org).stream().filter(r -> r.path().endsWith(RUN_PATH)).toList();
    }

    @Test
    void providersTemplatesAndEnableDescribeTheCatalogOfSaasPlans() {
        OrgSlug org = newSlug("subprov");
        String key = onboarded(org, Plan.SCALE);

        Response providers = get(base(org) + "/providers", orgKey(key));
        Response enabled = post(base(org) + "/providers/slack/enable", orgKey(key), Map.of());
        Response templates = get(base(org) + "/providers/chatgpt_plus/available-plans", orgKey(key));

        assertThat(providers.status()).as(providers.raw().body()).isEqualTo(200);
        assertThat(providers.body().path("total").asInt()).isGreaterThanOrEqualTo(29);
        JsonNode slack = find(providers.body().path("providers"), "provider", "slack");
        assertThat(slack.path("category").asString()).isEqualTo("communication");
        assertThat(slack.path("display_name").asString()).isEqualTo("Slack");
        assertThat(slack.path("is_enabled").asBoolean()).isFalse();
        assertThat(slack.path("plan_count").asLong()).isZero();
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().path("success").asBoolean()).isTrue();
        assertThat(enabled.body().path("plans_seeded").asInt()).isZero();
        assertThat(templates.status()).isEqualTo(200);
        JsonNode plus = find(templates.body().path("plans"), "plan_name", "PLUS");
        assertThat(plus.path("unit_price").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(plus.path("billing_cycle").asString()).isEqualTo("monthly");
        assertThat(plus.path("source_url").asString()).startsWith("https://openai.com/");
        assertThat(new PlanTemplates().all()).hasSizeGreaterThanOrEqualTo(75);
        assertThat(get(base(org) + "/providers/Not-A-Provider/available-plans", orgKey(key)).status()).isEqualTo(400);
    }

    @Test
    void aPlanIsCreatedWithItsHierarchyFromTheOrgAndADuplicateActivePlanIsRefused() {
        OrgSlug org = newSlug("subcreate");
        String key = onboarded(org, Plan.SCALE);

        Response created = post(base(org) + "/providers/slack/plans", orgKey(key),
                with(plan("business plus", "15.00"), "seats", 12, "discount_type", "percent", "discount_value", "10",
                        "start_date", today().toString(), "owner_email", "it@example.com"));
        Response duplicate = post(base(org) + "/providers/slack/plans", orgKey(key), plan("Business Plus", "12.00"));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode p = created.body().path("plan");
        assertThat(created.body().path("success").asBoolean()).isTrue();
        assertThat(p.path("subscription_id").asString()).matches("^sub_slack_business_plus_[0-9a-f]{12}$");
        assertThat(p.path("plan_name").asString()).isEqualTo("BUSINESS PLUS");
        assertThat(p.path("status").asString()).isEqualTo("active");
        assertThat(p.path("category").asString()).isEqualTo("communication");
        assertThat(p.path("currency").asString()).isEqualTo("USD");
        assertThat(p.path("seats").asInt()).isEqualTo(12);
        assertThat(p.path("unit_price").decimalValue()).isEqualByComparingTo("15.00");
        // Re-denormalized from organizations.org_hierarchy, not taken from the request.
        assertThat(p.path("hierarchy_entity_id").asString()).isEqualTo("DEPT-ENG");
        assertThat(p.path("hierarchy_entity_name").asString()).isEqualTo("Engineering");
        assertThat(p.path("hierarchy_path").asString()).isEqualTo("/DEPT-ENG");
        assertThat(p.path("hierarchy_path_names").asString()).isEqualTo("Engineering");
        assertThat(created.body().path("backfill").path("triggered").asBoolean()).isFalse();
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().path("error").asString()).isEqualTo("ALREADY_EXISTS");
        assertThat(planRows(org)).isEqualTo(1);

        Response warned = post(base(org) + "/providers/custom_erp/plans", orgKey(key),
                with(plan("Site licence", "15000.00"), "seats", 0));
        assertThat(warned.status()).as(warned.raw().body()).isEqualTo(201);
        assertThat(warned.body().path("plan").path("category").asString()).isEqualTo("other");
        assertThat(warned.body().path("warnings").toString()).contains("unit_price above 10000")
                .contains("PER_SEAT plan with 0 seats");
    }

    @Test
    void invalidPlansAreRefusedWith422Or400AndWriteNothing() {
        OrgSlug org = newSlug("subbad");
        String key = onboarded(org, Plan.SCALE);
        String url = base(org) + "/providers/figma/plans";
        Map<String, Object> good = plan("Professional", "20.00");

        Map<String, Integer> cases = new LinkedHashMap<>();
        List<Map<String, Object>> bodies = List.of(
                with(good, "unit_price", "-1"),
                with(good, "unit_price", "100000.01"),
                with(good, "billing_cycle", "daily"),
                with(good, "pricing_model", "PER_USER"),
                with(good, "discount_type", "percent"),
                with(good, "discount_type", "percent", "discount_value", "101"),
                with(good, "discount_type", "fixed", "discount_value", "25"),
                with(good, "billing_cycle", "annual", "billing_anchor_day", 15),
                with(good, "billing_anchor_day", 29),
                with(good, "start_date", today().plusYears(5).plusDays(1).toString()),
                with(good, "start_date", "2026-05-10", "end_date", "2026-05-01"),
                with(good, "source_currency", "EUR", "source_price", "10", "exchange_rate_used", "1.10"),
                with(good, "owner_email", "not-an-email"),
                with(good, "seats", -1),
                with(good, "notes", "x".repeat(1001)),
                with(good, "unexpected", "field"),
                with(good, "hierarchy_entity_id", null));
        for (Map<String, Object> body : bodies) {
            Response answer = post(url, orgKey(key), body);
            cases.put(json.writeValueAsString(body).substring(0, 60) + answer.body().path("detail").asString(),
                    answer.status());
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(422);
            assertThat(answer.header("Content-Type")).contains("problem+json");
        }
        Response currency = post(url, orgKey(key), with(good, "currency", "EUR"));
        Response entity = post(url, orgKey(key), with(good, "hierarchy_entity_id", "DEPT-NOPE"));

        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.body().path("detail").asString()).contains("default currency USD");
        assertThat(entity.status()).isEqualTo(400);
        assertThat(entity.body().path("detail").asString()).contains("DEPT-NOPE");
        assertThat(planRows(org)).as(cases.toString()).isZero();
        // The same price entered in EUR and converted within 1 % is accepted.
        assertThat(post(url, orgKey(key), with(good, "source_currency", "EUR", "source_price", "18.50",
                "exchange_rate_used", "1.08")).status()).isEqualTo(201);
    }

    @Test
    void theListTotalsTheActivePlansPerMonthAndYearPerCurrency() {
        OrgSlug org = newSlug("sublist");
        String key = onboarded(org, Plan.SCALE);
        String url = base(org) + "/providers/notion/plans";
        // 3 seats x 10.00 monthly = 30.00 / 360.00
        post(url, orgKey(key), with(plan("Plus", "10.00"), "seats", 3));
        // annual, yearly_price 1200 flat = 100.00 / 1200.00
        post(url, orgKey(key), with(plan("Enterprise", "110.00"), "billing_cycle", "annual", "yearly_price", "1200",
                "pricing_model", "FLAT_FEE"));
        // quarterly 300 flat less 10 % = 270 a quarter: 90.00 / 1080.00
        post(url, orgKey(key), with(plan("Quarterly", "300.00"), "billing_cycle", "quarterly", "pricing_model",
                "FLAT_FEE", "discount_type", "percent", "discount_value", "10"));
        // weekly 7.00 less a fixed 2.00 = 5.00 a week: 21.67 / 260.00
        String weekly = post(url, orgKey(key), with(plan("Weekly", "7.00"), "billing_cycle", "weekly", "pricing_model",
                "FLAT_FEE", "discount_type", "fixed", "discount_value", "2")).body().path("plan").path("subscription_id").asString();
        // a cancelled plan does not count
        post(base(org) + "/providers/notion/toggle/" + weekly, orgKey(key), Map.of());

        Response list = get(url, orgKey(key));
        Response active = get(url + "?include_disabled=false", orgKey(key));

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("total").asInt()).isEqualTo(4);
        assertThat(list.body().path("total_monthly_cost").decimalValue()).isEqualByComparingTo("220.00");
        assertThat(list.body().path("total_annual_cost").decimalValue()).isEqualByComparingTo("2640.00");
        assertThat(list.body().path("totals_by_currency").path("USD").path("monthly").decimalValue())
                .isEqualByComparingTo("220.00");
        assertThat(list.body().path("totals_by_currency").path("USD").path("annual").decimalValue())
                .isEqualByComparingTo("2640.00");
        assertThat(active.body().path("total").asInt()).isEqualTo(3);
    }

    @Test
    void aVersionedEditEndsTheOldRowTheDayBeforeAndStartsANewOne() {
        OrgSlug org = newSlug("subversion");
        String key = onboarded(org, Plan.SCALE);
        LocalDate start = today().plusDays(10);
        String id = post(base(org) + "/providers/cursor/plans", orgKey(key),
                with(plan("Teams", "40.00"), "seats", 5, "start_date", start.toString()))
                .body().path("plan").path("subscription_id").asString();
        LocalDate effective = start.plusDays(20);

        Response edit = post(base(org) + "/providers/cursor/plans/" + id + "/edit-version", orgKey(key),
                Map.of("effective_date", effective.toString(), "seats", 8));
        Response tooEarly = post(base(org) + "/providers/cursor/plans/" + edit.body().path("new_plan")
                .path("subscription_id").asString() + "/edit-version", orgKey(key),
                Map.of("effective_date", effective.toString()));
        Response ofExpired = post(base(org) + "/providers/cursor/plans/" + id + "/edit-version", orgKey(key),
                Map.of("effective_date", effective.plusDays(5).toString()));

        assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
        JsonNode old = edit.body().path("old_plan");
        JsonNode next = edit.body().path("new_plan");
        assertThat(old.path("subscription_id").asString()).isEqualTo(id);
        assertThat(old.path("status").asString()).isEqualTo("expired");
        assertThat(old.path("end_date").asString()).isEqualTo(effective.minusDays(1).toString());
        assertThat(next.path("subscription_id").asString()).isNotEqualTo(id).startsWith("sub_cursor_teams_");
        assertThat(next.path("start_date").asString()).isEqualTo(effective.toString());
        assertThat(next.path("seats").asInt()).isEqualTo(8);
        assertThat(next.path("unit_price").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(next.path("status").asString()).isEqualTo("active");
        assertThat(tooEarly.status()).isEqualTo(422);
        assertThat(ofExpired.status()).isEqualTo(400);
        JsonNode rows = get(base(org) + "/providers/cursor/plans", orgKey(key)).body().path("plans");
        assertThat(rows).hasSize(2);
        assertThat(find(rows, "subscription_id", id).path("end_date").asString())
                .isEqualTo(effective.minusDays(1).toString());
    }

    @Test
    void statusesFollowTheStateMachineAndToggleAndCancelAndDisableWork() {
        OrgSlug org = newSlug("substatus");
        String key = onboarded(org, Plan.SCALE);
        String url = base(org) + "/providers/zoom/plans";
        String pending = post(url, orgKey(key), with(plan("Business", "21.99"), "status", "pending"))
                .body().path("plan").path("subscription_id").asString();
        String active = post(url, orgKey(key), plan("Pro", "15.99")).body().path("plan").path("subscription_id").asString();

        Response activate = put(url + "/" + pending, key, Map.of("status", "active", "seats", 4));
        Response cancel = put(url + "/" + active, key, Map.of("status", "cancelled"));
        Response revive = put(url + "/" + active, key, Map.of("status", "active"));
        Response toggled = post(base(org) + "/providers/zoom/toggle/" + active, orgKey(key), Map.of());
        Response softDelete = delete(url + "/" + pending + "?end_date=" + today().plusDays(30), key);
        Response again = delete(url + "/" + pending, key);
        Response otherProvider = put(base(org) + "/providers/slack/plans/" + pending, key, Map.of("seats", 2));
        Response missing = put(url + "/sub_zoom_x_000000000000", key, Map.of("seats", 2));

        assertThat(activate.status()).as(activate.raw().body()).isEqualTo(200);
        assertThat(activate.body().path("plan").path("status").asString()).isEqualTo("active");
        assertThat(activate.body().path("plan").path("seats").asInt()).isEqualTo(4);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(revive.status()).isEqualTo(400);
        assertThat(revive.body().path("detail").asString()).contains("cancelled to active");
        assertThat(toggled.status()).isEqualTo(200);
        assertThat(toggled.body().path("status").asString()).isEqualTo("active");
        assertThat(softDelete.status()).isEqualTo(200);
        assertThat(softDelete.body().path("subscription_id").asString()).isEqualTo(pending);
        assertThat(again.status()).isEqualTo(400);
        assertThat(otherProvider.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        JsonNode rows = get(url, orgKey(key)).body().path("plans");
        assertThat(find(rows, "subscription_id", pending).path("status").asString()).isEqualTo("cancelled");
        assertThat(find(rows, "subscription_id", pending).path("end_date").asString())
                .isEqualTo(today().plusDays(30).toString());

        Response disabled = post(base(org) + "/providers/zoom/disable", orgKey(key), Map.of());
        assertThat(disabled.body().path("plans_deleted").asLong()).isEqualTo(2);
        assertThat(planRows(org)).isZero();
    }

    @Test
    void allPlansPagesThroughEveryProviderWithASummary() {
        OrgSlug org = newSlug("suball");
        String key = onboarded(org, Plan.SCALE);
        post(base(org) + "/providers/slack/plans", orgKey(key), with(plan("Pro", "8.75"), "seats", 4));
        post(base(org) + "/providers/figma/plans", orgKey(key), plan("Professional", "20.00"));
        post(base(org) + "/providers/github/plans", orgKey(key), with(plan("Team", "4.00"), "seats", 10));

        Response first = get(base(org) + "/all-plans?page=1&page_size=2", orgKey(key));
        Response second = get(base(org) + "/all-plans?page=2&page_size=2", orgKey(key));
        Response badPage = get(base(org) + "/all-plans?page=0", orgKey(key));
        Response badSize = get(base(org) + "/all-plans?page_size=501", orgKey(key));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("plans")).hasSize(2);
        assertThat(first.body().path("pagination").path("total").asLong()).isEqualTo(3);
        assertThat(first.body().path("pagination").path("total_pages").asInt()).isEqualTo(2);
        assertThat(first.body().path("pagination").path("has_next").asBoolean()).isTrue();
        assertThat(second.body().path("plans")).hasSize(1);
        assertThat(second.body().path("pagination").path("has_previous").asBoolean()).isTrue();
        // 35.00 + 20.00 + 40.00 a month
        assertThat(first.body().path("summary").path("total_monthly_cost").decimalValue()).isEqualByComparingTo("95.00");
        assertThat(first.body().path("summary").path("providers").asLong()).isEqualTo(3);
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badSize.status()).isEqualTo(400);
    }

    @Test
    void aPlanStartingInThePastTriggersABackfillUntilYesterday() {
        OrgSlug org = newSlug("subbackfill");
        String key = onboarded(org, Plan.SCALE);
        LocalDate start = today().minusDays(45);

        Response created = post(base(org) + "/providers/canva/plans", orgKey(key),
                with(plan("Pro", "15.00"), "start_date", start.toString()));
        Response future = post(base(org) + "/providers/canva/plans", orgKey(key),
                with(plan("Teams", "10.00"), "start_date", today().plusDays(3).toString()));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(future.status()).isEqualTo(201);
        List<Received> runs = backfills(org);
        assertThat(runs).hasSize(1);
        assertThat(runs.getFirst().path()).isEqualTo("/api/v1/pipelines/run/" + org + RUN_PATH);
        assertThat(runs.getFirst().header("X-API-Key")).isEqualTo(key);
        assertThat(runs.getFirst().json().path("start_date").asString()).isEqualTo(start.toString());
        assertThat(runs.getFirst().json().path("end_date").asString()).isEqualTo(today().minusDays(1).toString());
        JsonNode backfill = created.body().path("backfill");
        assertThat(backfill.path("triggered").asBoolean()).isTrue();
        assertThat(backfill.path("run_id").asString()).isNotBlank();

        // A new version from 10 days ago and a cancellation 5 days ago recompute the days they change.
        String id = created.body().path("plan").path("subscription_id").asString();
        Response edit = post(base(org) + "/providers/canva/plans/" + id + "/edit-version", orgKey(key),
                Map.of("effective_date", today().minusDays(10).toString(), "seats", 3));
        String next = edit.body().path("new_plan").path("subscription_id").asString();
        Response cancel = delete(base(org) + "/providers/canva/plans/" + next + "?end_date=" + today().minusDays(5), key);

        assertThat(edit.status()).as(edit.raw().body()).isEqualTo(200);
        assertThat(cancel.status()).as(cancel.raw().body()).isEqualTo(200);
        List<Received> all = backfills(org);
        assertThat(all).hasSize(3);
        assertThat(all.get(1).json().path("start_date").asString()).isEqualTo(today().minusDays(10).toString());
        assertThat(all.get(2).json().path("start_date").asString()).isEqualTo(today().minusDays(4).toString());
        assertThat(all.get(2).json().path("end_date").asString()).isEqualTo(today().minusDays(1).toString());
    }

    @Test
    void aBackfillLongerThanOneRunIsARunWithoutDatesAndARefusalOrARunningRunBecomesAWarning() {
        OrgSlug org = newSlug("sublong");
        String key = onboarded(org, Plan.SCALE);
        LocalDate start = today().minusDays(500);

        Response longer = post(base(org) + "/providers/adobe_cc/plans", orgKey(key), with(plan("All Apps", "59.99"),
                "start_date", start.toString()));
        PipelineServiceStandIn.script(org, Reply.problem(429, "Daily pipeline quota exceeded"),
                Reply.run("run-in-progress", "RUNNING"));
        Response refused = post(base(org) + "/providers/adobe_cc/plans", orgKey(key),
                with(plan("Photography", "19.99"), "start_date", today().minusDays(3).toString()));
        Response busy = post(base(org) + "/providers/adobe_cc/plans", orgKey(key),
                with(plan("Single App", "22.99"), "start_date", today().minusDays(2).toString()));

        List<Received> runs = backfills(org);
        assertThat(runs).hasSize(3);
        // 500 days exceed one run (366); without dates the procedures cover the earliest plan start .. yesterday.
        assertThat(runs.get(0).json().has("start_date")).isFalse();
        assertThat(runs.get(0).json().has("end_date")).isFalse();
        assertThat(longer.body().path("backfill").path("start_date").asString()).isEqualTo(start.toString());
        assertThat(longer.body().path("backfill").path("triggered").asBoolean()).isTrue();
        assertThat(refused.status()).isEqualTo(201);
        assertThat(refused.body().path("warnings").toString()).contains("Daily pipeline quota exceeded");
        assertThat(busy.status()).isEqualTo(201);
        assertThat(busy.body().path("backfill").path("triggered").asBoolean()).isFalse();
        assertThat(busy.body().path("warnings").toString()).contains("already in progress");
        assertThat(planRows(org)).isEqualTo(3);
    }

    @Test
    void anotherOrgsKeyReachesNoPlanRoute() {
        OrgSlug victim = newSlug("subvictim");
        String victimKey = onboarded(victim, Plan.SCALE);
        String id = post(base(victim) + "/providers/slack/plans", orgKey(victimKey), plan("Pro", "8.75"))
                .body().path("plan").path("subscription_id").asString();
        OrgSlug intruder = newSlug("subintruder");
        String intruderKey = onboarded(intruder, Plan.SCALE);

        List<Response> answers = List.of(
                get(base(victim) + "/providers/slack/plans", orgKey(intruderKey)),
                get(base(victim) + "/all-plans", orgKey(intruderKey)),
                post(base(victim) + "/providers/slack/toggle/" + id, orgKey(intruderKey), Map.of()),
                post(base(victim) + "/providers/slack/disable", orgKey(intruderKey), Map.of()),
                delete(base(victim) + "/providers/slack/plans/" + id, intruderKey),
                get("/api/v1/integrations/" + victim + "/openai/subscriptions", orgKey(intruderKey)));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw().body()).isEqualTo(403));
        // The problem's instance echoes the URL the intruder sent; nothing else may name the victim's plan.
        assertThat(answers).allSatisfy(a -> assertThat(a.raw().body().replaceAll("\"instance\":\"[^\"]*\"", ""))
                .doesNotContain(id));
        assertThat(planRows(victim)).isEqualTo(1);
        assertThat(get(base(victim) + "/providers/slack/plans", orgKey(victimKey)).body().path("plans")
                .get(0).path("status").asString()).isEqualTo("active");
    }

    @Test
    void everyPlanWriteLeavesAnAuditRow() {
        OrgSlug org = newSlug("subaudit");
        String key = onboarded(org, Plan.SCALE);
        String id = post(base(org) + "/providers/miro/plans", orgKey(key), plan("Starter", "10.00"))
                .body().path("plan").path("subscription_id").asString();
        post(base(org) + "/providers/miro/toggle/" + id, orgKey(key), Map.of());

        List<String> routes = warehouse.query(SqlText.of("""
                SELECT CAST(details AS VARCHAR) AS d FROM ${c}.org_audit_logs
                WHERE org_slug = @org AND resource_type = 'SUBSCRIPTION_PLAN' ORDER BY created_at""")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).stream().map(r -> r.string("d")).toList();
        assertThat(routes).hasSize(2);
        assertThat(routes.get(0)).contains("POST /api/v1/subscriptions/{org_slug}/providers/{provider}/plans");
        assertThat(routes.get(1)).contains("toggle");
    }

    @Test
    void providerSubscriptionsAndTheirLegacyOpenAiAliasesWorkOnTheSameRows() {
        OrgSlug org = newSlug("subllm");
        String key = onboarded(org, Plan.SCALE);
        String legacy = "/api/v1/integrations/" + org + "/openai/subscriptions";
        Map<String, Object> tier = new HashMap<>();
        tier.put("plan_name", "tier_3");
        tier.put("quantity", 2);
        tier.put("unit_price", "50.00");
        tier.put("effective_date", today().toString());
        tier.put("tier_type", "paid");
        tier.put("rpm_limit", 5000);
        tier.put("tpm_limit", 800000);
        tier.put("billing_period", "monthly");

        Response created = post(legacy, orgKey(key), tier);
        Response one = get(legacy + "/TIER_3", orgKey(key));
        Response updated = put(legacy + "/tier_3", key, Map.of("quantity", 3, "rpm_limit", 10000));
        Response listed = get(legacy + "?is_enabled=true&limit=10", orgKey(key));
        Response duplicate = post(legacy, orgKey(key), tier);
        Response anthropic = post("/api/v1/integrations/" + org + "/anthropic/subscriptions/reset", orgKey(key), Map.of());
        Response reset = post(legacy + "/reset", orgKey(key), Map.of());
        Response notGenAi = get("/api/v1/integrations/" + org + "/slack/subscriptions", orgKey(key));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().path("plan_name").asString()).isEqualTo("TIER_3");
        assertThat(created.body().path("provider").asString()).isEqualTo("openai");
        assertThat(created.body().path("is_enabled").asBoolean()).isTrue();
        assertThat(created.body().path("is_custom").asBoolean()).isFalse();
        assertThat(created.body().path("rpm_limit").asLong()).isEqualTo(5000);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("quantity").asInt()).isEqualTo(2);
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.body().path("quantity").asInt()).isEqualTo(3);
        assertThat(updated.body().path("rpm_limit").asLong()).isEqualTo(10000);
        assertThat(updated.body().path("tpm_limit").asLong()).isEqualTo(800000);
        assertThat(listed.body().path("count").asInt()).isEqualTo(1);
        assertThat(listed.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(anthropic.status()).isEqualTo(200);
        assertThat(anthropic.body().path("subscriptions_seeded").asInt()).isEqualTo(3);
        assertThat(reset.body().path("subscriptions_deleted").asLong()).isEqualTo(1);
        assertThat(reset.body().path("subscriptions_seeded").asInt()).isEqualTo(3);
        assertThat(get(legacy, orgKey(key)).body().path("subscriptions")).hasSize(3);
        Response removed = delete(legacy + "/CHATGPT_PLUS", key);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(get(legacy + "/CHATGPT_PLUS", orgKey(key)).status()).isEqualTo(404);
        assertThat(notGenAi.status()).isEqualTo(400);
        assertThat(planRows(org)).isEqualTo(2 + 3);
        // The seeded rows are ordinary plans: the SaaS list of the provider shows them.
        assertThat(get(base(org) + "/providers/anthropic/plans", orgKey(key)).body().path("total").asInt()).isEqualTo(3);
        // The OpenAPI document shows one generic route and names the legacy alias.
        JsonNode paths = get("/openapi.json", Map.of()).body().path("paths");
        assertThat(paths.has("/api/v1/integrations/{org_slug}/{provider}/subscriptions")).isTrue();
        assertThat(paths.has("/api/v1/integrations/{org_slug}/openai/subscriptions")).isFalse();
        assertThat(paths.path("/api/v1/integrations/{org_slug}/{provider}/subscriptions").path("get")
                .path("description").asString()).contains("legacy OpenAI Data route");
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asString())) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
