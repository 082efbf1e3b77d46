package com.cloudact.pipeline.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.pipeline.ApiServiceStandIn;
import com.cloudact.pipeline.PipelineHttp;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Crash recovery: runs a previous process of this instance left unfinished are failed and their quota slots
 * released with the org's key and the stored reservation date; a run another live instance is executing is left
 * alone unless it is older than its pipeline's timeout allows.
 */
class RunRecoveryTests extends PipelineIntegrationTest {

    @Autowired
    RunRecovery recovery;

    @Autowired
    CredentialCipher cipher;

    private final OrgSlug org = OrgSlug.of("engine_restart_org");

    @Test
    void runsOfThePreviousProcessAreFailedAndTheirSlotsReleased() {
        onboard(org);
        String key = PipelineHttp.issueKey(warehouse, cipher, org);
        LocalDate reserved = LocalDate.of(2026, 3, 14);
        String interrupted = insertRun("RUNNING", "pipeline-service", "previous-process", Instant.now().minusSeconds(60),
                reserved, 1800);
        String waiting = insertRun("PENDING", "pipeline-service", "previous-process", Instant.now().minusSeconds(30),
                null, 1800);
        String elsewhere = insertRun("RUNNING", "replica-b", "live-process", Instant.now().minusSeconds(60),
                reserved, 1800);
        String abandoned = insertRun("RUNNING", "replica-c", "gone-process",
                Instant.now().minus(Duration.ofHours(3)), reserved.minusDays(1), 3600);
        int completionsBefore = ApiServiceStandIn.INSTANCE.completions(org.value()).size();

        int recovered = recovery.recover();

        assertThat(recovered).isGreaterThanOrEqualTo(3);
        assertThat(run(interrupted).string("status")).isEqualTo("FAILED");
        assertThat(run(interrupted).string("error_message")).isEqualTo(RunRecovery.RESTARTED);
        assertThat(run(interrupted).instant("end_time")).isNotNull();
        assertThat(run(waiting).string("status")).isEqualTo("FAILED");
        assertThat(run(elsewhere).string("status")).isEqualTo("RUNNING");
        assertThat(run(abandoned).string("status")).isEqualTo("FAILED");
        assertThat(run(abandoned).string("error_message")).isEqualTo(RunRecovery.ABANDONED);
        List<StandIn.Request> releases = ApiServiceStandIn.INSTANCE.completions(org.value())
                .subList(completionsBefore, ApiServiceStandIn.INSTANCE.completions(org.value()).size());
        assertThat(releases).as("the pending run had reserved nothing").hasSize(2);
        assertThat(releases).allSatisfy(r -> {
            assertThat(r.header("X-API-Key")).isEqualTo(key);
            assertThat(r.rawQuery()).contains("pipeline_status=FAILED");
        });
        assertThat(releases).extracting(StandIn.Request::rawQuery).anyMatch(q -> q.contains("reservation_date=" + reserved))
                .anyMatch(q -> q.contains("reservation_date=" + reserved.minusDays(1)));
        assertThat(transitions(interrupted)).contains("RUNNING>FAILED");
        assertThat(recovery.recover()).as("a second pass finds nothing more").isZero();
    }

    private String insertRun(String status, String instance, String process, Instant started, LocalDate reservation,
                             long timeoutSeconds) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("pipeline", org.value() + "-test-engine-" + id.substring(0, 8));
        params.put("status", status);
        params.put("started", started);
        params.put("reservation", reservation);
        params.put("metadata", "{\"service_instance\":\"" + instance + "\",\"service_process\":\"" + process
                + "\",\"timeout_seconds\":" + timeoutSeconds + "}");
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status,
                    trigger_type, start_time, reservation_date, run_metadata, created_at)
                VALUES (@id, @org, @pipeline, @status, 'api', @started, @reservation, PARSE_JSON(@metadata), @started)""")
                .with("c", DatasetName.CENTRAL), params);
        return id;
    }

    private Row run(String id) {
        return warehouse.query(SqlText.of("SELECT * FROM ${c}.org_meta_pipeline_runs WHERE pipeline_logging_id = @id")
                .with("c", DatasetName.CENTRAL), Map.of("id", id)).getFirst();
    }

    private List<String> transitions(String id) {
        return warehouse.query(SqlText.of("""
                SELECT from_state, to_state FROM ${c}.org_meta_state_transitions WHERE pipeline_logging_id = @id""")
                .with("c", DatasetName.CENTRAL), Map.of("id", id)).stream()
                .map(r -> r.string("from_state") + ">" + r.string("to_state")).toList();
    }
}
