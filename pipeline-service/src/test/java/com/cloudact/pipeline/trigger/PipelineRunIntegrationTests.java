package com.cloudact.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.pipeline.ApiServiceStandIn;
import com.cloudact.pipeline.PipelineHttp;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Runs through the HTTP endpoints: both trigger forms, body and query parameters, date ranges, the duplicate-run
 * guard, the quota calls around every run, cancellation, the failure alert, and the run list and detail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRunIntegrationTests extends PipelineIntegrationTest {

    private static final ApiServiceStandIn API = ApiServiceStandIn.INSTANCE;

    @LocalServerPort
    int port;

    @Autowired
    CredentialCipher cipher;

    private final OrgSlug org = OrgSlug.of("engine_http_org");
    private final OrgSlug other = OrgSlug.of("engine_other_org");
    private PipelineHttp http;
    private String key;
    private String otherKey;

    @BeforeAll
    void createOrgs() {
        http = new PipelineHttp(port);
        onboard(org);
        onboard(other);
        key = PipelineHttp.issueKey(warehouse, cipher, org);
        otherKey = PipelineHttp.issueKey(warehouse, cipher, other);
    }

    @Test
    void queryParametersOverrideTheBodyAndTheRangeReachesTheSteps() {
        PipelineHttp.Response response = http.post("/api/v1/pipelines/run/" + org
                        + "/test/engine/echo?wait=true&start_date=2024-01-01&end_date=2024-01-31", key,
                Map.of("start_date", "2023-05-05", "date", "2023-05-07", "force_refresh", true, "trigger_by", "ops"));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).isEqualTo("COMPLETED");
        String runId = response.body().path("pipeline_logging_id").asString();
        assertThat(response.body().path("pipeline_id").asString()).isEqualTo(org + "-test-engine-echo");
        Map<String, Object> seen = TestSteps.CONFIGS.get(runId);
        assertThat(seen).containsEntry("start", LocalDate.of(2024, 1, 1)).containsEntry("end", LocalDate.of(2024, 1, 31))
                .containsEntry("date", LocalDate.of(2023, 5, 7)).containsEntry("force", true)
                .containsEntry("lookback", 3)
                .containsEntry("month_start", LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1))
                .containsEntry("table", org + "_engine_table")
                .containsEntry("run_date", LocalDate.of(2024, 1, 1));
        JsonNode run = http.get("/api/v1/pipelines/" + org + "/runs/" + runId, key).body();
        assertThat(run.path("run_date").asString()).isEqualTo("2024-01-01");
        assertThat(run.path("trigger_by").asString()).isEqualTo("ops");
        assertThat(run.path("parameters").path("start_date").asString()).isEqualTo("2024-01-01");
        assertThat(run.path("reservation_date").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(API.completions(org.value())).anyMatch(r -> r.rawQuery().contains("pipeline_status=SUCCESS"));
    }

    @Test
    void theFourAndThreeSegmentFormsAreTheOnlyPipelinePaths() {
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/test/engine", key, null).status()).isEqualTo(400);
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing/extra", key, null).status())
                .isEqualTo(400);
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/test/engine/nothing_here", key, null).status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/test/engine/echo?start_date=2024-02-10&end_date=2024-02-01",
                key, null).status()).isEqualTo(422);
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/test/engine/echo", key,
                Map.of("start_date", "2023-01-01", "end_date", "2024-12-31")).status()).isEqualTo(422);
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/test/engine/echo", key, Map.of("unknown", 1)).status())
                .isEqualTo(422);
        assertThat(http.post("/api/v1/pipelines/run/" + org + "/test/engine/echo", otherKey, null).status())
                .isEqualTo(403);
    }

    @Test
    void aCancelledRunStopsInsideItsStepAndReleasesItsSlot() {
        String runId = start("slow");
        http.awaitRun(org.value(), runId, key, run -> Boolean.TRUE.equals(TestSteps.STARTED.get(runId)));
        int completionsBefore = API.completions(org.value()).size();

        assertThat(http.delete("/api/v1/pipelines/runs/" + runId, otherKey).status()).isEqualTo(404);
        PipelineHttp.Response cancel = http.delete("/api/v1/pipelines/runs/" + runId, key);

        assertThat(cancel.status()).as(cancel.body().toString()).isEqualTo(200);
        assertThat(cancel.body().path("status").asString()).isEqualTo("CANCELLING");
        JsonNode run = http.awaitRun(org.value(), runId, key, r -> r.path("status").asString().equals("CANCELLED"));
        assertThat(TestSteps.INTERRUPTED).containsEntry(runId, true);
        assertThat(run.path("steps")).extracting(s -> s.path("step_name").asString() + ":" + s.path("status").asString())
                .containsExactly("nap:FAILED", "after_nap:SKIPPED");
        assertThat(run.path("steps").get(0).path("error_message").asString()).isEqualTo("Cancelled by request");
        assertThat(transitions(runId, "PIPELINE")).containsExactly("NONE>PENDING", "PENDING>RUNNING",
                "RUNNING>CANCELLING", "CANCELLING>CANCELLED");
        awaitCompletions(completionsBefore + 1);
        assertThat(API.completions(org.value()).getLast().rawQuery()).contains("pipeline_status=FAILED")
                .contains("reservation_date=" + LocalDate.now(ZoneOffset.UTC));
        assertThat(http.delete("/api/v1/pipelines/runs/" + runId, key).status()).isEqualTo(400);
        assertThat(http.delete("/api/v1/pipelines/runs/no-such-run", key).status()).isEqualTo(404);
    }

    @Test
    void aSecondTriggerWhileTheFirstRunsGetsTheRunningRun() {
        String first = start("slow");
        PipelineHttp.Response second = http.post("/api/v1/pipelines/run/" + org + "/test/engine/slow", key, null);

        assertThat(second.body().path("pipeline_logging_id").asString()).isEqualTo(first);
        assertThat(second.body().path("status").asString()).isEqualTo("RUNNING");
        http.delete("/api/v1/pipelines/runs/" + first, key);
        http.awaitRun(org.value(), first, key, r -> r.path("status").asString().equals("CANCELLED"));
        String third = start("slow");
        assertThat(third).isNotEqualTo(first);
        http.delete("/api/v1/pipelines/runs/" + third, key);
        http.awaitRun(org.value(), third, key, r -> r.path("status").asString().equals("CANCELLED"));
    }

    @Test
    void anAlertingFailureIsRecordedForEveryChannelOfThePipelineFailureRule() {
        central("DELETE FROM ${c}.org_notification_history WHERE org_slug = @org");
        central("""
                INSERT INTO ${c}.org_notification_channels (channel_id, org_slug, channel_type, name, is_active,
                    email_recipients, created_at)
                VALUES ('ch_ops', @org, 'email', 'Ops', TRUE, ['ops@fixture.test'], CURRENT_TIMESTAMP)""");
        central("""
                INSERT INTO ${c}.org_notification_rules (rule_id, org_slug, name, is_active, priority, rule_category,
                    rule_type, conditions, notify_channel_ids, created_at)
                VALUES ('rule_pf', @org, 'Pipeline failed', TRUE, 'critical', 'pipeline', 'pipeline_failure',
                    PARSE_JSON('{}'), ['ch_ops'], CURRENT_TIMESTAMP)""");

        PipelineHttp.Response response = http.post("/api/v1/pipelines/run/" + org + "/test/engine/alerting?wait=true",
                key, null);

        assertThat(response.body().path("status").asString()).isEqualTo("FAILED");
        List<Row> alerts = warehouse.query(SqlText.of("""
                SELECT channel_id, rule_id, status, notification_type, priority, subject, body_preview, recipients,
                       CAST(trigger_data AS VARCHAR) AS data
                FROM ${c}.org_notification_history WHERE org_slug = @org""").with("c", DatasetName.CENTRAL),
                Map.of("org", org.value()));
        assertThat(alerts).hasSize(1);
        Row alert = alerts.getFirst();
        assertThat(alert.string("channel_id")).isEqualTo("ch_ops");
        assertThat(alert.string("rule_id")).isEqualTo("rule_pf");
        assertThat(alert.string("status")).isEqualTo("queued");
        assertThat(alert.string("notification_type")).isEqualTo("alert");
        assertThat(alert.string("priority")).isEqualTo("critical");
        assertThat(alert.string("body_preview")).contains("doomed").contains("planned failure");
        assertThat(alert.list("recipients")).containsExactly("ops@fixture.test");
        assertThat(alert.string("data")).contains(response.body().path("pipeline_logging_id").asString());
        Row rule = warehouse.query(SqlText.of("SELECT last_triggered_at, trigger_count_today FROM ${c}.org_notification_rules"
                + " WHERE rule_id = 'rule_pf'").with("c", DatasetName.CENTRAL), Map.of()).getFirst();
        assertThat(rule.instant("last_triggered_at")).isNotNull();
        assertThat(rule.longValue("trigger_count_today")).isEqualTo(1);
    }

    @Test
    void aRefusedQuotaIsA429AndTheRunIsRecordedAsFailed() {
        OrgSlug limited = OrgSlug.of("engine_limited_org");
        onboard(limited);
        String limitedKey = PipelineHttp.issueKey(warehouse, cipher, limited);
        API.refuseQuota(limited.value());

        PipelineHttp.Response response = http.post("/api/v1/pipelines/run/" + limited + "/test/engine/echo", limitedKey, null);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.body().path("error").asString()).isEqualTo("QUOTA_EXCEEDED");
        JsonNode runs = http.get("/api/v1/pipelines/" + limited + "/runs", limitedKey).body();
        assertThat(runs.path("total").asLong()).isEqualTo(1);
        assertThat(runs.path("runs").get(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(runs.path("runs").get(0).path("error_message").asString()).contains("Daily pipeline limit");
        assertThat(API.completions(limited.value())).as("nothing was reserved, nothing to release").isEmpty();
    }

    @Test
    void runsAreListedFilteredPagedAndOnlyForTheirOwnOrg() {
        String first = http.post("/api/v1/pipelines/run/" + org + "/test/engine/echo?wait=true", key, null).body()
                .path("pipeline_logging_id").asString();
        String failed = http.post("/api/v1/pipelines/run/" + org + "/test/engine/alerting?wait=true", key, null).body()
                .path("pipeline_logging_id").asString();

        JsonNode onlyFailed = http.get("/api/v1/pipelines/" + org + "/runs?status_filter=FAILED&limit=100", key).body();
        assertThat(onlyFailed.path("runs")).extracting(r -> r.path("status").asString()).containsOnly("FAILED");
        assertThat(onlyFailed.path("runs")).extracting(r -> r.path("pipeline_logging_id").asString()).contains(failed)
                .doesNotContain(first);
        JsonNode echo = http.get("/api/v1/pipelines/" + org + "/runs?pipeline_id=" + org + "-test-engine-echo&limit=1&offset=0",
                key).body();
        assertThat(echo.path("runs")).hasSize(1);
        assertThat(echo.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(echo.path("runs").get(0).has("steps")).isFalse();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(http.get("/api/v1/pipelines/" + org + "/runs?start_date=" + today + "&end_date=" + today, key).body()
                .path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(http.get("/api/v1/pipelines/" + org + "/runs?start_date=2020-01-01&end_date=2020-01-02", key).body()
                .path("total").asLong()).isZero();
        assertThat(http.get("/api/v1/pipelines/" + org + "/runs?status_filter=SLEEPING", key).status()).isEqualTo(400);

        JsonNode recent = http.get("/api/v1/pipelines/runs?status=FAILED", key).body();
        assertThat(recent).extracting(r -> r.path("org_slug").asString()).containsOnly(org.value());
        assertThat(http.get("/api/v1/pipelines/runs/" + first, key).body().path("steps").get(0).path("status").asString())
                .isEqualTo("COMPLETED");
        assertThat(http.get("/api/v1/pipelines/runs/" + first, otherKey).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/pipelines/" + org + "/runs/" + first, otherKey).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/pipelines/" + org + "/runs", null).status()).isEqualTo(401);
    }

    private String start(String pipeline) {
        PipelineHttp.Response response = http.post("/api/v1/pipelines/run/" + org + "/test/engine/" + pipeline, key, null);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body().path("pipeline_logging_id").asString();
    }

    private List<String> transitions(String runId, String entity) {
        List<String> out = new ArrayList<>();
        warehouse.query(SqlText.of("""
                SELECT from_state, to_state FROM ${c}.org_meta_state_transitions
                WHERE pipeline_logging_id = @run AND entity_type = @entity ORDER BY transition_time, created_at""")
                .with("c", DatasetName.CENTRAL), Map.of("run", runId, "entity", entity))
                .forEach(r -> out.add(r.string("from_state") + ">" + r.string("to_state")));
        return out;
    }

    private void awaitCompletions(int count) {
        long until = System.currentTimeMillis() + 10_000;
        while (API.completions(org.value()).size() < count && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void central(String sql) {
        warehouse.execute(SqlText.of(sql).with("c", DatasetName.CENTRAL), Map.of("org", org.value()));
    }
}
