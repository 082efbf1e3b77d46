package com.cloudact.api.pipelinelogs;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.api.PipelineServiceStandIn;
import com.cloudact.api.PipelineServiceStandIn.Received;
import com.cloudact.api.PipelineServiceStandIn.Reply;
import com.cloudact.model.CsvLine;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.SqlText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pipeline logs (spec §1.7, §7.6): runs, steps, transitions and batch runs of one org read from the central run-log
 * tables, downloads, real retries through the pipeline service, and today's pipeline status.
 */
class PipelineLogsTests extends ApiIntegrationTest {

    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final SqlText RUN = SqlText.of("""
            INSERT INTO ${central}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status,
                trigger_type, trigger_by, start_time, end_time, duration_ms, run_date, parameters, run_metadata,
                error_message, error_context, created_at)
            VALUES (@id, @org, @pipeline, @status, @trigger_type, @trigger_by, @start, @end, @duration, @run_date,
                PARSE_JSON(@parameters), PARSE_JSON(@metadata), @error, PARSE_JSON(@error_context), @start)""")
            .with("central", CENTRAL);
    private static final SqlText STEP = SqlText.of("""
            INSERT INTO ${central}.org_meta_step_logs (step_logging_id, org_slug, pipeline_logging_id, step_name,
                step_type, step_index, status, start_time, end_time, duration_ms, rows_processed, error_message,
                metadata, created_at)
            VALUES (@id, @org, @run, @name, @type, @index, @status, @start, @end, @duration, @rows, @error,
                PARSE_JSON(@metadata), @start)""").with("central", CENTRAL);
    private static final SqlText TRANSITION = SqlText.of("""
            INSERT INTO ${central}.org_meta_state_transitions (transition_id, org_slug, pipeline_logging_id,
                step_logging_id, entity_type, entity_name, from_state, to_state, transition_time, reason, metadata,
                transition_date, created_at)
            VALUES (@id, @org, @run, @step, @entity, @name, @from, @to, @time, @reason, PARSE_JSON(@metadata),
                @day, @time)""").with("central", CENTRAL);
    private static final SqlText BATCH = SqlText.of("""
            INSERT INTO ${central}.org_meta_pipeline_batch_runs (batch_run_id, org_slug, trigger_type, status, run_date,
                dry_run, categories_filter, providers_filter, orgs_processed, orgs_skipped, pipelines_triggered,
                pipelines_failed, pipelines_skipped_quota, total_integrations, results, errors, elapsed_seconds,
                triggered_at, completed_at, created_at)
            VALUES (@id, @org, 'scheduler', @status, @run_date, @dry_run, PARSE_JSON('["cloud"]'), PARSE_JSON('[]'),
                1, 0, @triggered, 0, 0, 1, PARSE_JSON(@results), PARSE_JSON('[]'), 1.5, @at, @at, @at)""")
            .with("central", CENTRAL);
    private static final Instant DAY = Instant.parse("2026-03-01T06:00:00Z");

    @Test
    void runsAreListedNewestFirstWithFiltersAndPaging() {
        OrgSlug org = newSlug("logs");
        String key = onboarded(org, Plan.STARTER);
        String aws = org + "-cloud-aws-cost-billing";
        String openai = org + "-genai-payg-openai";
        String first = run(org, aws, "COMPLETED", "scheduler", "run-all", DAY, "{\"date\":\"2026-02-28\"}", null);
        String second = run(org, aws, "FAILED", "api", "retry of x", DAY.plus(1, ChronoUnit.DAYS), null,
                "{\"error_type\":\"AuthError\",\"error_code\":\"INVALID_CREDENTIALS\",\"retry_count\":2,"
                        + "\"is_retryable\":false}");
        String third = run(org, openai, "COMPLETED", "api", "api-service", DAY.plus(2, ChronoUnit.DAYS), null, null);
        String fourth = run(org, openai, "RUNNING", "manual", "jane", DAY.plus(3, ChronoUnit.DAYS), null, null);
        run(OrgSlug.of("other_" + org.value()), aws, "COMPLETED", "api", "x", DAY, null, null);
        String runs = "/api/v1/pipelines/" + org + "/runs";

        Response all = get(runs, orgKey(key));
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all, "runs")).containsExactly(fourth, third, second, first);
        assertThat(all.body().path("total").asLong()).isEqualTo(4);
        assertThat(all.body().path("limit").asInt()).isEqualTo(20);
        assertThat(all.body().path("offset").asInt()).isZero();
        JsonNode failed = all.body().path("runs").get(2);
        assertThat(failed.path("pipeline_id").asString()).isEqualTo(aws);
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("trigger_type").asString()).isEqualTo("api");
        assertThat(failed.path("trigger_by").asString()).isEqualTo("retry of x");
        assertThat(Instant.parse(failed.path("start_time").asString())).isEqualTo(DAY.plus(1, ChronoUnit.DAYS));
        assertThat(failed.path("duration_ms").asLong()).isEqualTo(90_000);
        assertThat(failed.path("run_date").asString()).isEqualTo("2026-03-02");
        assertThat(failed.path("error_message").asString()).isEqualTo("Run failed");
        assertThat(failed.path("error_context").path("error_code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(failed.path("error_context").path("retry_count").asInt()).isEqualTo(2);
        assertThat(all.body().path("runs").get(3).path("parameters").path("date").asString()).isEqualTo("2026-02-28");

        assertThat(ids(get(runs + "?status_filter=completed", orgKey(key)), "runs")).containsExactly(third, first);
        assertThat(ids(get(runs + "?pipeline_id=" + openai, orgKey(key)), "runs")).containsExactly(fourth, third);
        assertThat(ids(get(runs + "?trigger_type=scheduler", orgKey(key)), "runs")).containsExactly(first);
        assertThat(ids(get(runs + "?trigger_by=jane", orgKey(key)), "runs")).containsExactly(fourth);
        assertThat(ids(get(runs + "?start_date=2026-03-02&end_date=2026-03-03", orgKey(key)), "runs"))
                .as("both ends inclusive").containsExactly(third, second);
        assertThat(ids(get(runs + "?status_filter=COMPLETED&pipeline_id=" + aws, orgKey(key)), "runs"))
                .containsExactly(first);

        Response page = get(runs + "?limit=2&offset=1", orgKey(key));
        assertThat(ids(page, "runs")).containsExactly(third, second);
        assertThat(page.body().path("total").asLong()).isEqualTo(4);
        assertThat(page.body().path("limit").asInt()).isEqualTo(2);
        assertThat(page.body().path("offset").asInt()).isEqualTo(1);
        assertThat(ids(get(runs + "?limit=2&offset=4", orgKey(key)), "runs")).isEmpty();
    }

    @Test
    void badFilterAndPagingValuesAre400() {
        OrgSlug org = newSlug("badlogs");
        String key = onboarded(org, Plan.STARTER);
        String runs = "/api/v1/pipelines/" + org + "/runs";

        for (String query : List.of("status_filter=DONE", "status_filter=" + enc("COMPLETED' OR '1'='1"),
                "start_date=2026-13-01", "end_date=yesterday", "start_date=2026-02-30", "limit=0", "limit=101",
                "offset=-1", "limit=abc")) {
            Response answer = get(runs + "?" + query, orgKey(key));
            assertThat(answer.status()).as(query + ": " + answer.raw().body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).contains("problem+json");
        }
        assertThat(get(runs + "?status_filter=DONE", orgKey(key)).body().path("detail").asString())
                .contains("status_filter");
        assertThat(get(runs + "?limit=100", orgKey(key)).status()).isEqualTo(200);
        assertThat(get("/api/v1/pipelines/" + org + "/batch-runs?limit=101", orgKey(key)).status()).isEqualTo(400);
    }

    @Test
    void aRunsDetailHasItsStepsAndOnlyTheOrgsOwnRunsAreFound() {
        OrgSlug org = newSlug("detail");
        String key = onboarded(org, Plan.STARTER);
        OrgSlug other = newSlug("neighbour");
        String otherKey = onboarded(other, Plan.STARTER);
        String runId = run(org, org + "-cloud-aws-cost-billing", "FAILED", "api", "api-service", DAY, null, null);
        String convert = step(org, runId, "convert_focus", 2, "FAILED", "Column missing", "{\"rows_skipped\":3}");
        String load = step(org, runId, "load_cur", 1, "COMPLETED", null, null);
        String neighbours = run(other, other + "-cloud-aws-cost-billing", "COMPLETED", "api", "x", DAY, null, null);

        Response detail = get("/api/v1/pipelines/" + org + "/runs/" + runId, orgKey(key));

        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body().path("pipeline_logging_id").asString()).isEqualTo(runId);
        assertThat(detail.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(detail.body().path("run_metadata").path("steps").get(0).path("step_id").asString())
                .isEqualTo("load_cur");
        JsonNode steps = detail.body().path("steps");
        assertThat(steps.size()).isEqualTo(2);
        assertThat(steps.get(0).path("step_logging_id").asString()).isEqualTo(load);
        assertThat(steps.get(1).path("step_logging_id").asString()).isEqualTo(convert);
        assertThat(steps.get(1).path("step_name").asString()).isEqualTo("convert_focus");
        assertThat(steps.get(1).path("step_index").asInt()).isEqualTo(2);
        assertThat(steps.get(1).path("rows_processed").asLong()).isEqualTo(20);
        assertThat(steps.get(1).path("error_message").asString()).isEqualTo("Column missing");
        assertThat(steps.get(1).path("metadata").path("rows_skipped").asInt()).isEqualTo(3);

        Response unknown = get("/api/v1/pipelines/" + org + "/runs/" + UUID.randomUUID(), orgKey(key));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).contains("problem+json");
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + neighbours, orgKey(key)).status())
                .as("another org's run through one's own URL").isEqualTo(404);
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + neighbours + "/steps", orgKey(key)).status())
                .isEqualTo(404);
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + runId, orgKey(otherKey)).status())
                .as("another org's URL").isEqualTo(403);
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + runId, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void stepsAreFilteredByStatusAndPaged() {
        OrgSlug org = newSlug("steps");
        String key = onboarded(org, Plan.STARTER);
        String runId = run(org, org + "-cloud-aws-cost-billing", "FAILED", "api", "api-service", DAY, null, null);
        String one = step(org, runId, "one", 1, "COMPLETED", null, null);
        String two = step(org, runId, "two", 2, "COMPLETED", null, null);
        String three = step(org, runId, "three", 3, "FAILED", "boom", null);
        String steps = "/api/v1/pipelines/" + org + "/runs/" + runId + "/steps";

        Response all = get(steps, orgKey(key));
        assertThat(ids(all, "steps", "step_logging_id")).containsExactly(one, two, three);
        assertThat(all.body().path("total").asLong()).isEqualTo(3);
        assertThat(all.body().path("limit").asInt()).isEqualTo(100);
        assertThat(ids(get(steps + "?status_filter=failed", orgKey(key)), "steps", "step_logging_id"))
                .containsExactly(three);
        Response page = get(steps + "?limit=1&offset=1", orgKey(key));
        assertThat(ids(page, "steps", "step_logging_id")).containsExactly(two);
        assertThat(page.body().path("total").asLong()).isEqualTo(3);
        assertThat(get(steps + "?limit=1001", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(steps + "?limit=1000", orgKey(key)).status()).isEqualTo(200);
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + UUID.randomUUID() + "/steps", orgKey(key)).status())
                .isEqualTo(404);
    }

    @Test
    void transitionsAreFilteredByEntityType() {
        OrgSlug org = newSlug("transit");
        String key = onboarded(org, Plan.STARTER);
        String runId = run(org, org + "-cloud-aws-cost-billing", "COMPLETED", "api", "api-service", DAY, null, null);
        String stepId = step(org, runId, "load", 1, "COMPLETED", null, null);
        String pending = transition(org, runId, null, "PIPELINE", "PENDING", "RUNNING", DAY, null);
        String stepStart = transition(org, runId, stepId, "STEP", "PENDING", "RUNNING", DAY.plusSeconds(1), null);
        String stepEnd = transition(org, runId, stepId, "STEP", "RUNNING", "COMPLETED", DAY.plusSeconds(5),
                "{\"rows\":20}");
        String done = transition(org, runId, null, "PIPELINE", "RUNNING", "COMPLETED", DAY.plusSeconds(6), null);
        String url = "/api/v1/pipelines/" + org + "/runs/" + runId + "/transitions";

        Response all = get(url, orgKey(key));
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all, "transitions", "transition_id")).containsExactly(pending, stepStart, stepEnd, done);
        assertThat(all.body().path("total").asLong()).isEqualTo(4);
        JsonNode end = all.body().path("transitions").get(2);
        assertThat(end.path("step_logging_id").asString()).isEqualTo(stepId);
        assertThat(end.path("from_state").asString()).isEqualTo("RUNNING");
        assertThat(end.path("to_state").asString()).isEqualTo("COMPLETED");
        assertThat(end.path("metadata").path("rows").asInt()).as("JSON nests").isEqualTo(20);
        assertThat(ids(get(url + "?entity_type=step", orgKey(key)), "transitions", "transition_id"))
                .containsExactly(stepStart, stepEnd);
        assertThat(ids(get(url + "?entity_type=PIPELINE&limit=1&offset=1", orgKey(key)), "transitions",
                "transition_id")).containsExactly(done);
        assertThat(get(url + "?entity_type=TASK", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(url + "?limit=0", orgKey(key)).status()).isEqualTo(400);
    }

    @Test
    void batchRunsAreTheOrgsOwnNewestFirst() {
        OrgSlug org = newSlug("batches");
        String key = onboarded(org, Plan.STARTER);
        String older = batch(org, DAY, false, 1, "[{\"provider\":\"AWS\",\"status\":\"triggered\"}]");
        String newer = batch(org, DAY.plus(1, ChronoUnit.DAYS), true, 0, "[]");
        batch(OrgSlug.of("other_" + org.value()), DAY.plus(2, ChronoUnit.DAYS), false, 1, "[]");
        String url = "/api/v1/pipelines/" + org + "/batch-runs";

        Response all = get(url, orgKey(key));

        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all, "batch_runs", "batch_run_id")).containsExactly(newer, older);
        assertThat(all.body().path("total").asLong()).isEqualTo(2);
        JsonNode first = all.body().path("batch_runs").get(1);
        assertThat(first.path("org_slug").asString()).isEqualTo(org.value());
        assertThat(first.path("dry_run").asBoolean()).isFalse();
        assertThat(first.path("pipelines_triggered").asLong()).isEqualTo(1);
        assertThat(first.path("elapsed_seconds").asDouble()).isEqualTo(1.5);
        assertThat(first.path("results").get(0).path("provider").asString()).isEqualTo("AWS");
        assertThat(first.path("categories_filter").get(0).asString()).isEqualTo("cloud");
        assertThat(all.body().path("batch_runs").get(0).path("dry_run").asBoolean()).isTrue();
        assertThat(ids(get(url + "?limit=1&offset=1", orgKey(key)), "batch_runs", "batch_run_id"))
                .containsExactly(older);
    }

    @Test
    void aRunDownloadsAsJsonTheWayTheDetailIsServed() {
        OrgSlug org = newSlug("download");
        String key = onboarded(org, Plan.STARTER);
        String runId = run(org, org + "-cloud-aws-cost-billing", "COMPLETED", "api", "api-service", DAY,
                "{\"date\":\"2026-03-01\"}", null);
        step(org, runId, "load", 1, "COMPLETED", null, "{\"file\":\"cur.csv\"}");

        Response download = get("/api/v1/pipelines/" + org + "/runs/" + runId + "/download", orgKey(key));
        Response detail = get("/api/v1/pipelines/" + org + "/runs/" + runId, orgKey(key));

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/json");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"pipeline_run_" + runId + ".json\"");
        assertThat(json.readTree(download.raw().body())).isEqualTo(detail.body());
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + runId + "/download?format=xml", orgKey(key)).status())
                .isEqualTo(400);
        assertThat(get("/api/v1/pipelines/" + org + "/runs/" + UUID.randomUUID() + "/download", orgKey(key))
                .status()).isEqualTo(404);
    }

    @Test
    void aRunDownloadsAsCsvWithOneSafelyEscapedRowPerStep() {
        OrgSlug org = newSlug("csv");
        String key = onboarded(org, Plan.STARTER);
        String tricky = "Column \"BilledCost\" missing, see\nline 2";
        String runId = run(org, org + "-cloud-aws-cost-billing", "FAILED", "api", "api-service", DAY, null, null,
                "=HYPERLINK(\"http://evil\",\"click\")");
        step(org, runId, "load", 1, "COMPLETED", null, null);
        step(org, runId, "convert", 2, "FAILED", tricky, null);
        step(org, runId, "notify", 3, "SKIPPED", "a\rb", null);
        step(org, runId, "cleanup", 4, "SKIPPED", "-1+2", null);
        String empty = run(org, org + "-genai-payg-openai", "COMPLETED", "api", "api-service", DAY, null, null);

        Response download = get("/api/v1/pipelines/" + org + "/runs/" + runId + "/download?format=csv", orgKey(key));

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("text/csv");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"pipeline_run_" + runId + ".csv\"");
        List<List<String>> rows = CsvLine.records(download.raw().body());
        assertThat(rows.getFirst()).containsExactly("pipeline_logging_id", "pipeline_id", "status", "start_time",
                "end_time", "duration_ms", "error_message", "step_step_index", "step_step_name", "step_step_type",
                "step_status", "step_start_time", "step_end_time", "step_duration_ms", "step_rows_processed",
                "step_error_message");
        assertThat(rows).hasSize(5);
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(16));
        Map<String, String> convert = named(rows, 2);
        assertThat(convert.get("pipeline_logging_id")).isEqualTo(runId);
        assertThat(convert.get("status")).isEqualTo("FAILED");
        assertThat(Instant.parse(convert.get("start_time"))).isEqualTo(DAY);
        assertThat(convert.get("duration_ms")).isEqualTo("90000");
        assertThat(convert.get("error_message")).as("a formula is defused")
                .isEqualTo("'=HYPERLINK(\"http://evil\",\"click\")");
        assertThat(convert.get("step_step_index")).isEqualTo("2");
        assertThat(convert.get("step_step_name")).isEqualTo("convert");
        assertThat(convert.get("step_rows_processed")).isEqualTo("20");
        assertThat(convert.get("step_error_message")).isEqualTo(tricky);
        assertThat(named(rows, 3).get("step_error_message")).as("a lone carriage return stays in its field")
                .isEqualTo("a\rb");
        assertThat(named(rows, 4).get("step_error_message")).isEqualTo("'-1+2");
        assertThat(named(rows, 1).get("step_error_message")).isEmpty();

        List<List<String>> none = CsvLine.records(get("/api/v1/pipelines/" + org + "/runs/" + empty + "/download?format=csv",
                orgKey(key)).raw().body());
        assertThat(none).hasSize(2);
        assertThat(named(none, 1).get("pipeline_logging_id")).isEqualTo(empty);
        assertThat(named(none, 1).get("step_step_name")).isEmpty();
        assertThat(none.get(1)).hasSize(16);
    }

    @Test
    void retryRunsThePipelineAgainWithTheOriginalParameters() {
        OrgSlug org = newSlug("retry");
        String key = onboarded(org, Plan.STARTER);
        String failed = run(org, org + "-cloud-aws-cost-billing", "FAILED", "api", "api-service", DAY,
                "{\"date\":null,\"start_date\":\"2026-03-01\",\"end_date\":\"2026-03-31\",\"credential_id\":\"cred-7\","
                        + "\"file_path\":null}", null);
        String imported = run(org, org + "-cloud-aws-cost-billing", "COMPLETED", "api", "api-service",
                DAY.plusSeconds(60), "{\"file_path\":\"aws/cur-2026-03.csv\",\"input_file\":\"cur-2026-03.csv\"}", null);
        String genai = run(org, org + "-genai-payg-openai", "TIMEOUT", "scheduler", "run-all", DAY.plusSeconds(120),
                "{\"date\":\"2026-03-04\"}", null);
        PipelineServiceStandIn.script(org, Reply.run("new-run-1", "PENDING"), Reply.run("new-run-2", "PENDING"));
        Map<String, String> headers = new LinkedHashMap<>(orgKey(key));
        headers.put("X-Request-ID", "retry-" + UUID.randomUUID());

        Response answer = post("/api/v1/pipelines/" + org + "/runs/" + failed + "/retry", headers, Map.of());
        Response again = post("/api/v1/pipelines/" + org + "/runs/" + imported + "/retry", orgKey(key), Map.of());
        Response timedOut = post("/api/v1/pipelines/" + org + "/runs/" + genai + "/retry", orgKey(key), Map.of());

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("success").asBoolean()).isTrue();
        assertThat(answer.body().path("new_pipeline_logging_id").asString()).isEqualTo("new-run-1");
        assertThat(answer.body().path("original_pipeline_logging_id").asString()).isEqualTo(failed);
        assertThat(answer.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(again.body().path("new_pipeline_logging_id").asString()).isEqualTo("new-run-2");
        assertThat(timedOut.status()).isEqualTo(200);

        List<Received> received = PipelineServiceStandIn.received(org);
        assertThat(received).extracting(Received::path).containsExactly(
                "/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing",
                "/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing",
                "/api/v1/pipelines/run/" + org + "/genai/payg/openai");
        Received first = received.getFirst();
        assertThat(first.header("X-API-Key")).isEqualTo(key);
        assertThat(first.header("X-Request-ID")).isEqualTo(headers.get("X-Request-ID"));
        assertThat(first.json()).isEqualTo(json.readTree("{\"start_date\":\"2026-03-01\",\"end_date\":\"2026-03-31\","
                + "\"credential_id\":\"cred-7\",\"trigger_by\":\"retry of " + failed + "\"}"));
        assertThat(received.get(1).json().path("file_path").asString()).isEqualTo("aws/cur-2026-03.csv");
        assertThat(received.get(1).json().has("input_file")).isFalse();
        assertThat(received.get(2).json().path("date").asString()).isEqualTo("2026-03-04");
    }

    @Test
    void retryRefusesUploadsUnfinishedAndUnknownRunsAndPassesOnRefusals() {
        OrgSlug org = newSlug("noretry");
        String key = onboarded(org, Plan.STARTER);
        String upload = run(org, org + "-cloud-aws-cost-billing", "COMPLETED", "api", "api-service", DAY,
                "{\"file_path\":null,\"input_file\":\"cur.csv\"}", null);
        String running = run(org, org + "-cloud-aws-cost-billing", "RUNNING", "api", "api-service", DAY.plusSeconds(1),
                null, null);
        String quota = run(org, org + "-genai-payg-openai", "FAILED", "api", "api-service", DAY.plusSeconds(2),
                null, null);
        String retry = "/api/v1/pipelines/" + org + "/runs/%s/retry";

        Response uploaded = post(retry.formatted(upload), orgKey(key), Map.of());
        assertThat(uploaded.status()).isEqualTo(400);
        assertThat(uploaded.body().path("detail").asString()).contains("upload");
        Response unfinished = post(retry.formatted(running), orgKey(key), Map.of());
        assertThat(unfinished.status()).isEqualTo(400);
        assertThat(unfinished.body().path("detail").asString()).contains("RUNNING");
        assertThat(post(retry.formatted(UUID.randomUUID()), orgKey(key), Map.of()).status()).isEqualTo(404);
        assertThat(PipelineServiceStandIn.received(org)).as("nothing was forwarded").isEmpty();

        PipelineServiceStandIn.script(org, Reply.problem(429, "Concurrent pipeline limit reached (20 pipelines)")
                .withHeader("Retry-After", "300"));
        Response refused = post(retry.formatted(quota), orgKey(key), Map.of());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("300");
        assertThat(PipelineServiceStandIn.received(org)).hasSize(1);
    }

    @Test
    void statusSaysWhatRanTodayAndIsCachedUntilATrigger() {
        OrgSlug org = newSlug("status");
        String key = onboarded(org, Plan.STARTER);
        String aws = org + "-cloud-aws-cost-billing";
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        run(org, aws, "COMPLETED", "api", "x", midnight.minus(2, ChronoUnit.HOURS), null, null);
        run(org, aws, "FAILED", "api", "x", midnight.plusSeconds(1), null, null);
        run(org, aws, "COMPLETED", "api", "x", midnight.plusSeconds(2), null, null);
        run(org, aws, "FAILED", "api", "x", midnight.plusSeconds(3), null, null);
        String url = "/api/v1/pipelines/status/" + org;

        Response fresh = get(url, orgKey(key));

        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(fresh.body().path("check_date").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(fresh.body().path("cached").asBoolean()).isFalse();
        JsonNode billing = fresh.body().path("pipelines").path("cloud_aws_cost_billing");
        assertThat(billing.path("pipeline_id").asString()).isEqualTo("cloud_aws_cost_billing");
        assertThat(billing.path("ran_today").asBoolean()).isTrue();
        assertThat(billing.path("succeeded_today").asBoolean()).isTrue();
        assertThat(billing.path("failed_today").asLong()).as("yesterday's run does not count").isEqualTo(2);
        assertThat(billing.path("status").asString()).isEqualTo("FAILED");
        assertThat(Instant.parse(billing.path("last_run").asString())).isEqualTo(midnight.plusSeconds(3));

        run(org, aws, "RUNNING", "api", "x", midnight.plusSeconds(4), null, null);
        Response cached = get(url, orgKey(key));
        assertThat(cached.body().path("cached").asBoolean()).isTrue();
        assertThat(cached.body().path("pipelines").path("cloud_aws_cost_billing").path("status").asString())
                .isEqualTo("FAILED");

        assertThat(post("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing", orgKey(key), Map.of()).status())
                .isEqualTo(200);
        Response afterTrigger = get(url, orgKey(key));
        assertThat(afterTrigger.body().path("cached").asBoolean()).isFalse();
        assertThat(afterTrigger.body().path("pipelines").path("cloud_aws_cost_billing").path("status").asString())
                .isEqualTo("RUNNING");

        OrgSlug quiet = newSlug("quiet");
        String quietKey = onboarded(quiet, Plan.STARTER);
        JsonNode nothing = get("/api/v1/pipelines/status/" + quiet, orgKey(quietKey)).body()
                .path("pipelines").path("cloud_aws_cost_billing");
        assertThat(nothing.path("ran_today").asBoolean()).isFalse();
        assertThat(nothing.path("succeeded_today").asBoolean()).isFalse();
        assertThat(nothing.path("last_run").isNull()).isTrue();
        assertThat(get(url, orgKey(quietKey)).status()).as("another org's status").isEqualTo(403);
    }

    private String run(OrgSlug org, String pipeline, String status, String triggerType, String triggerBy, Instant start,
                       String parameters, String errorContext) {
        return run(org, pipeline, status, triggerType, triggerBy, start, parameters, errorContext,
                status.equals("FAILED") ? "Run failed" : null);
    }

    private String run(OrgSlug org, String pipeline, String status, String triggerType, String triggerBy, Instant start,
                       String parameters, String errorContext, String error) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("pipeline", pipeline);
        params.put("status", status);
        params.put("trigger_type", triggerType);
        params.put("trigger_by", triggerBy);
        params.put("start", start);
        params.put("end", start.plusSeconds(90));
        params.put("duration", 90_000L);
        params.put("run_date", start.atZone(ZoneOffset.UTC).toLocalDate());
        params.put("parameters", parameters);
        params.put("metadata", "{\"steps\":[{\"step_id\":\"load_cur\",\"status\":\"COMPLETED\"}]}");
        params.put("error", error);
        params.put("error_context", errorContext);
        warehouse.execute(RUN, params);
        return id;
    }

    private String step(OrgSlug org, String runId, String name, int index, String status, String error,
                        String metadata) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("run", runId);
        params.put("name", name);
        params.put("type", "aws.cur_load");
        params.put("index", (long) index);
        params.put("status", status);
        params.put("start", DAY.plusSeconds(index));
        params.put("end", DAY.plusSeconds(index + 10L));
        params.put("duration", 10_000L);
        params.put("rows", 20L);
        params.put("error", error);
        params.put("metadata", metadata);
        warehouse.execute(STEP, params);
        return id;
    }

    private String transition(OrgSlug org, String runId, String stepId, String entity, String from, String to,
                              Instant time, String metadata) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("run", runId);
        params.put("step", stepId);
        params.put("entity", entity);
        params.put("name", stepId == null ? "pipeline" : "load");
        params.put("from", from);
        params.put("to", to);
        params.put("time", time);
        params.put("reason", "test");
        params.put("metadata", metadata);
        params.put("day", time.atZone(ZoneOffset.UTC).toLocalDate());
        warehouse.execute(TRANSITION, params);
        return id;
    }

    private String batch(OrgSlug org, Instant at, boolean dryRun, long triggered, String results) {
        String id = UUID.randomUUID().toString();
        warehouse.execute(BATCH, Map.of("id", id, "org", org.value(), "status", "COMPLETED",
                "run_date", at.atZone(ZoneOffset.UTC).toLocalDate(), "dry_run", dryRun, "triggered", triggered,
                "results", results, "at", at));
        return id;
    }

    private static List<String> ids(Response response, String list) {
        return ids(response, list, "pipeline_logging_id");
    }

    private static List<String> ids(Response response, String list, String field) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.body().path(list).forEach(item -> ids.add(item.path(field).asString()));
        return ids;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> named(List<List<String>> rows, int index) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < rows.getFirst().size(); i++) {
            row.put(rows.getFirst().get(i), rows.get(index).get(i));
        }
        return row;
    }

}
