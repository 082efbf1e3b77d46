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
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The AWS billing pipeline triggered over HTTP with an uploaded CUR: every step, transition and data-quality
 * result is tracked; the reconciliation holds to the cent; a FOCUS total that drifts from the raw rows fails the
 * re-check and raises the alert; a step killed in the middle of its slice replacement leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingRunIntegrationTests extends PipelineIntegrationTest {

    private static final BigDecimal FIXTURE_TOTAL = new BigDecimal("1.68230869740");
    private static final String CREDENTIAL = "upload_123412340534";

    @LocalServerPort
    int port;

    @Autowired
    CredentialCipher cipher;

    private final OrgSlug org = OrgSlug.of("engine_billing_org");
    private DatasetName dataset;
    private PipelineHttp http;
    private String key;

    @BeforeAll
    void createOrg() {
        http = new PipelineHttp(port);
        dataset = onboard(org);
        key = PipelineHttp.issueKey(warehouse, cipher, org);
    }

    @Test
    @Order(1)
    void anUploadedCurRunsEveryStepReconcilesAndIsTracked() {
        PipelineHttp.Response response = http.upload("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing?wait=true",
                key, fixture("cur1-sample-focus-converters.csv"));

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).as(response.body().toString()).isEqualTo("COMPLETED");
        String runId = response.body().path("pipeline_logging_id").asString();
        JsonNode run = http.get("/api/v1/pipelines/" + org + "/runs/" + runId, key).body();
        assertThat(run.path("steps")).extracting(s -> s.path("step_name").asString() + ":" + s.path("status").asString()
                + ":" + s.path("rows_processed").asLong()).containsExactly("load_cur:COMPLETED:1281",
                "convert_to_focus:COMPLETED:0", "reconcile:COMPLETED:0");
        assertThat(states(runId, "PIPELINE")).containsExactly("NONE>PENDING", "PENDING>RUNNING", "RUNNING>COMPLETED");
        assertThat(states(runId, "STEP")).containsExactlyInAnyOrder("PENDING>RUNNING", "RUNNING>COMPLETED",
                "PENDING>RUNNING", "RUNNING>COMPLETED", "PENDING>RUNNING", "RUNNING>COMPLETED");
        Row dq = dqResults(runId).getFirst();
        assertThat(dq.string("overall_status")).isEqualTo("PASS");
        assertThat(dq.string("dq_config_id")).isEqualTo("aws_billing_focus_reconciliation");
        assertThat(dq.longValue("expectations_passed")).isEqualTo(2);
        assertThat(dq.longValue("expectations_failed")).isZero();
        assertThat(focusTotal()).isEqualByComparingTo(FIXTURE_TOTAL);
        assertThat(byChargeCategory()).containsOnly(Map.entry("Usage", new BigDecimal("1.6023086974")),
                Map.entry("Tax", new BigDecimal("0.08")));
        assertThat(ApiServiceStandIn.INSTANCE.completions(org.value())).last()
                .satisfies(r -> assertThat(r.rawQuery()).contains("pipeline_status=SUCCESS"));
        assertThat(ApiServiceStandIn.INSTANCE.requestsTo("/api/v1/costs/" + org + "/cache/invalidate")).isNotEmpty();
    }

    @Test
    @Order(2)
    void aFocusTotalThatDriftsFromTheRawRowsFailsTheRecheckAndRaisesTheAlert() {
        warehouse.execute(SqlText.of("""
                UPDATE ${org}.cost_data_standard_1_3 SET BilledCost = BilledCost + 0.01
                WHERE rowid = (SELECT MIN(rowid) FROM ${org}.cost_data_standard_1_3
                               WHERE x_credential_id = @credential)""").with("org", dataset),
                Map.of("credential", CREDENTIAL));
        try {
            PipelineHttp.Response response = http.post("/api/v1/pipelines/run/" + org
                    + "/test/engine/recheck?wait=true&start_date=2023-11-01", key, null);

            assertThat(response.body().path("status").asString()).isEqualTo("FAILED");
            assertThat(response.body().path("message").asString()).contains("aws_recheck").contains("1.6823086974");
            Row dq = dqResults(response.body().path("pipeline_logging_id").asString()).getFirst();
            assertThat(dq.string("overall_status")).isEqualTo("FAIL");
            assertThat(dq.longValue("expectations_failed")).isEqualTo(1);
            assertThat(dq.string("failures")).contains("\"raw_cost\":\"1.6823086974").contains("\"raw_rows\":1281")
                    .contains("\"focus_cost\":\"1.6923086974").contains(CREDENTIAL);
            assertThat(warehouse.query(SqlText.of("""
                    SELECT status FROM ${c}.org_notification_history WHERE org_slug = @org AND notification_type = 'alert'""")
                    .with("c", DatasetName.CENTRAL), Map.of("org", org.value()))).extracting(r -> r.string("status"))
                    .containsExactly("skipped");
        } finally {
            warehouse.execute(SqlText.of("""
                    UPDATE ${org}.cost_data_standard_1_3 SET BilledCost = BilledCost - 0.01
                    WHERE rowid = (SELECT MIN(rowid) FROM ${org}.cost_data_standard_1_3
                                   WHERE x_credential_id = @credential)""").with("org", dataset),
                    Map.of("credential", CREDENTIAL));
        }
    }

    @Test
    @Order(3)
    void aStepKilledInTheMiddleOfItsSliceReplacementLeavesThePreviousRowsIntact() {
        BigDecimal before = rawTotal();
        long rowsBefore = rawRows();
        assertThat(before).isEqualByComparingTo(FIXTURE_TOTAL);

        Instant started = Instant.now();
        PipelineHttp.Response killed = http.post("/api/v1/pipelines/run/" + org + "/test/engine/slow_write?wait=true",
                key, null);

        assertThat(killed.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(killed.body().path("message").asString()).contains("Timed out after 1 s");
        assertThat(Boolean.TRUE.equals(TestSteps.STARTED.get(killed.body().path("pipeline_logging_id").asString()))).isTrue();
        assertThat(rawTotal()).isEqualByComparingTo(before);
        assertThat(rawRows()).isEqualTo(rowsBefore);

        // The control: the same replacement given time commits (every cost becomes 0), and it takes longer than
        // the 1 s the killed run had, so the kill did land in the middle of the work.
        Instant controlStart = Instant.now();
        PipelineHttp.Response control = http.post("/api/v1/pipelines/run/" + org
                + "/test/engine/slow_write_control?wait=true", key, null);
        Duration controlTook = Duration.between(controlStart, Instant.now());
        assertThat(control.body().path("status").asString()).as(control.body().toString()).isEqualTo("COMPLETED");
        assertThat(controlTook).as("the replacement must outlast the killed step's timeout").isGreaterThan(Duration.ofMillis(1500));
        assertThat(rawTotal()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(rawRows()).isEqualTo(rowsBefore);
        assertThat(Duration.between(started, controlStart)).isLessThan(Duration.ofSeconds(60));
    }

    private List<Row> dqResults(String runId) {
        return warehouse.query(SqlText.of("""
                SELECT overall_status, dq_config_id, expectations_passed, expectations_failed,
                       CAST(failed_expectations AS VARCHAR) AS failures
                FROM ${c}.org_meta_dq_results WHERE pipeline_logging_id = @run""").with("c", DatasetName.CENTRAL),
                Map.of("run", runId));
    }

    private List<String> states(String runId, String entity) {
        List<String> out = new ArrayList<>();
        warehouse.query(SqlText.of("""
                SELECT from_state, to_state FROM ${c}.org_meta_state_transitions
                WHERE pipeline_logging_id = @run AND entity_type = @entity ORDER BY transition_time, created_at""")
                .with("c", DatasetName.CENTRAL), Map.of("run", runId, "entity", entity))
                .forEach(r -> out.add(r.string("from_state") + ">" + r.string("to_state")));
        return out;
    }

    private BigDecimal focusTotal() {
        return query("SELECT SUM(BilledCost) AS v FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @credential")
                .getFirst().decimal("v");
    }

    private Map<String, BigDecimal> byChargeCategory() {
        return query("""
                SELECT ChargeCategory AS c, SUM(BilledCost) AS v FROM ${org}.cost_data_standard_1_3
                WHERE x_credential_id = @credential GROUP BY ChargeCategory""").stream()
                .collect(Collectors.toMap(r -> r.string("c"), r -> r.decimal("v").stripTrailingZeros()));
    }

    private BigDecimal rawTotal() {
        return query("SELECT SUM(unblended_cost) AS v FROM ${org}.cloud_aws_billing_raw_daily WHERE x_credential_id = @credential")
                .getFirst().decimal("v");
    }

    private long rawRows() {
        return query("SELECT COUNT(*) AS n FROM ${org}.cloud_aws_billing_raw_daily WHERE x_credential_id = @credential")
                .getFirst().longValue("n");
    }

    private List<Row> query(String sql) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of("credential", CREDENTIAL));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(BillingRunIntegrationTests.class.getResource("/fixtures/billing/aws/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
