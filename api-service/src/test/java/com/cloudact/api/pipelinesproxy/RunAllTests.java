package com.cloudact.api.pipelinesproxy;

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
 * The daily fan-out {@code POST /admin/pipelines/run-all} (spec §1.1): every usable integration of an org is run
 * through the pipeline service with the org's own key, outcomes are counted apart, and the batch is recorded in
 * {@code org_meta_pipeline_batch_runs}. Every call names its org, so integrations of other tests are not run.
 */
class RunAllTests extends ApiIntegrationTest {

    private static final String RUN_ALL = "/api/v1/admin/pipelines/run-all";
    private static final SqlText CREDENTIAL = SqlText.of("""
            INSERT INTO ${central}.org_integration_credentials (credential_id, org_slug, provider,
                encrypted_credential, credential_type, validation_status, is_active, created_at, expires_at,
                deactivation_scheduled_at)
            VALUES (@id, @org, @provider, @secret, 'API_KEY', @validation, @active, @created, @expires, @deactivation)""")
            .with("central", DatasetName.CENTRAL);
    private static final SqlText BATCH = SqlText.of("""
            SELECT * FROM ${central}.org_meta_pipeline_batch_runs WHERE batch_run_id = @id""")
            .with("central", DatasetName.CENTRAL);

    @Test
    void aDryRunCountsWhatWouldRunTriggersNothingAndIsRecorded() {
        OrgSlug org = newSlug("dryrun");
        String key = onboarded(org, Plan.STARTER);
        String aws = credential(org, "AWS", "VALID", true, days(-1), days(89), null);
        credential(org, "AZURE_OPENAI", "VALID", true, days(-1), days(89), null);
        credential(org, "GCP_SA", "INVALID", true, days(-1), days(89), null);

        Response answer = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "dry_run", true));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("total_integrations").asInt()).as("the INVALID one is not usable").isEqualTo(2);
        assertThat(body.path("orgs_processed").asInt()).isEqualTo(1);
        assertThat(body.path("pipelines_triggered").asInt()).isZero();
        assertThat(body.path("pipelines_failed").asInt()).isZero();
        JsonNode awsResult = result(body, "AWS");
        assertThat(awsResult.path("status").asString()).isEqualTo("dry_run");
        assertThat(awsResult.path("pipeline").asString()).isEqualTo("cloud/aws/cost/billing");
        assertThat(awsResult.path("credential_id").asString()).isEqualTo(aws);
        assertThat(result(body, "AZURE_OPENAI").path("status").asString()).isEqualTo("skipped");
        assertThat(result(body, "AZURE_OPENAI").path("reason").asString()).isEqualTo("no pipeline for this provider yet");
        assertThat(body.path("message").asString()).startsWith("Dry run");
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();

        Row batch = batch(body);
        assertThat(batch.string("org_slug")).isEqualTo(org.value());
        assertThat(batch.bool("dry_run")).isTrue();
        assertThat(batch.string("trigger_type")).isEqualTo("api");
        assertThat(batch.string("status")).isEqualTo("COMPLETED");
        assertThat(batch.date("run_date")).as("yesterday by default").isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1));
        assertThat(batch.longValue("total_integrations")).isEqualTo(2);
        assertThat(batch.longValue("pipelines_triggered")).isZero();
        assertThat(json.readTree(batch.string("results")).size()).isEqualTo(2);
        assertThat(batch.instant("completed_at")).isAfterOrEqualTo(batch.instant("triggered_at"));

        Response history = get("/api/v1/pipelines/" + org + "/batch-runs", orgKey(key));
        assertThat(history.body().path("batch_runs").get(0).path("batch_run_id").asString())
                .isEqualTo(body.path("batch_run_id").asString());
    }

    @Test
    void aRunTriggersTheNewestUsableCredentialWithTheOrgsOwnKey() {
        OrgSlug org = newSlug("runall");
        String key = onboarded(org, Plan.STARTER);
        String usable = credential(org, "AWS", "VALID", true, days(-3), days(87), null);
        credential(org, "AWS", "VALID", true, days(-1), days(-1), null);
        credential(org, "AWS", "VALID", false, days(-1), days(89), null);
        credential(org, "AWS", "VALID", true, days(-2), days(88), days(-1));
        PipelineServiceStandIn.script(org, Reply.run("batch-run-1", "PENDING"));

        Response answer = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "date", "2026-03-05",
                "trigger_type", "scheduler"));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("pipelines_triggered").asInt()).isEqualTo(1);
        assertThat(body.path("total_integrations").asInt()).as("expired, inactive and replaced ones are left out")
                .isEqualTo(1);
        JsonNode result = result(body, "AWS");
        assertThat(result.path("status").asString()).isEqualTo("triggered");
        assertThat(result.path("credential_id").asString()).isEqualTo(usable);
        assertThat(result.path("pipeline_logging_id").asString()).isEqualTo("batch-run-1");

        List<Received> received = PipelineServiceStandIn.received(org);
        assertThat(received).hasSize(1);
        Received trigger = received.getFirst();
        assertThat(trigger.method()).isEqualTo("POST");
        assertThat(trigger.path()).isEqualTo("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing");
        assertThat(trigger.header("X-API-Key")).isEqualTo(key);
        assertThat(trigger.header("X-Request-ID")).isEqualTo(answer.header("X-Request-ID"));
        assertThat(trigger.json().path("date").asString()).isEqualTo("2026-03-05");
        assertThat(trigger.json().path("credential_id").asString()).isEqualTo(usable);
        assertThat(trigger.json().path("trigger_by").asString()).isEqualTo("run-all");

        Row batch = batch(body);
        assertThat(batch.bool("dry_run")).isFalse();
        assertThat(batch.string("trigger_type")).isEqualTo("scheduler");
        assertThat(batch.string("status")).isEqualTo("COMPLETED");
        assertThat(batch.date("run_date")).isEqualTo(LocalDate.parse("2026-03-05"));
        assertThat(batch.longValue("pipelines_triggered")).isEqualTo(1);
        assertThat(batch.longValue("orgs_processed")).isEqualTo(1);
        assertThat(json.readTree(batch.string("results")).get(0).path("pipeline_logging_id").asString())
                .isEqualTo("batch-run-1");
    }

    @Test
    void aFailingOrUnreachablePipelineServiceIsCountedAsFailed() {
        OrgSlug broken = newSlug("broken");
        onboarded(broken, Plan.STARTER);
        credential(broken, "AWS", "VALID", true, days(-1), days(89), null);
        OrgSlug dropped = newSlug("dropped");
        onboarded(dropped, Plan.STARTER);
        credential(dropped, "AWS", "VALID", true, days(-1), days(89), null);
        PipelineServiceStandIn.script(broken, Reply.problem(500, "Internal server error"));
        PipelineServiceStandIn.script(dropped, Reply.dropConnection());

        for (OrgSlug org : List.of(broken, dropped)) {
            Response answer = post(RUN_ALL, root(), Map.of("org_slug", org.value()));

            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
            JsonNode body = answer.body();
            assertThat(body.path("success").asBoolean()).isFalse();
            assertThat(body.path("pipelines_failed").asInt()).isEqualTo(1);
            assertThat(body.path("pipelines_triggered").asInt()).isZero();
            assertThat(body.path("pipelines_skipped_quota").asInt()).isZero();
            assertThat(body.path("errors").size()).isEqualTo(1);
            assertThat(body.path("errors").get(0).asString()).startsWith(org + " AWS: ");
            assertThat(result(body, "AWS").path("status").asString()).isEqualTo("failed");
            Row batch = batch(body);
            assertThat(batch.string("status")).isEqualTo("FAILED");
            assertThat(batch.longValue("pipelines_failed")).isEqualTo(1);
            assertThat(json.readTree(batch.string("errors")).get(0).asString()).startsWith(org + " AWS: ");
            assertThat(PipelineServiceStandIn.received(org)).hasSize(1);
        }
    }

    @Test
    void quotaRefusalsAreCountedApartFromFailures() {
        OrgSlug org = newSlug("runquota");
        onboarded(org, Plan.STARTER);
        credential(org, "AWS", "VALID", true, days(-1), days(89), null);
        PipelineServiceStandIn.script(org, Reply.problem(429, "Daily pipeline quota exceeded (6 pipelines/day). "
                + "Try again tomorrow.").withHeader("Retry-After", "86400"));

        Response answer = post(RUN_ALL, root(), Map.of("org_slug", org.value()));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("pipelines_skipped_quota").asInt()).isEqualTo(1);
        assertThat(body.path("pipelines_failed").asInt()).isZero();
        assertThat(body.path("errors").size()).isZero();
        assertThat(result(body, "AWS").path("status").asString()).isEqualTo("quota_exceeded");
        assertThat(result(body, "AWS").path("error").asString()).contains("Daily pipeline quota exceeded");
        assertThat(batch(body).longValue("pipelines_skipped_quota")).isEqualTo(1);
        assertThat(PipelineServiceStandIn.received(org)).as("a quota refusal is not retried").hasSize(1);
    }

    @Test
    void categoryAndProviderFiltersNarrowTheRun() {
        OrgSlug org = newSlug("filters");
        onboarded(org, Plan.STARTER);
        credential(org, "AWS", "VALID", true, days(-1), days(89), null);

        Response genaiOnly = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "categories", List.of("genai")));
        Response openaiOnly = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "providers", List.of("openai")));
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
        Response awsOnly = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "categories", List.of("cloud"),
                "providers", List.of("aws")));

        for (Response filtered : List.of(genaiOnly, openaiOnly)) {
            assertThat(filtered.status()).as(filtered.raw().body()).isEqualTo(200);
            assertThat(filtered.body().path("pipelines_triggered").asInt()).isZero();
            assertThat(result(filtered.body(), "AWS").path("status").asString()).isEqualTo("skipped");
            assertThat(result(filtered.body(), "AWS").path("reason").asString()).isEqualTo("filtered out");
        }
        assertThat(json.readTree(batch(genaiOnly.body()).string("categories_filter")).toString())
                .isEqualTo("[\"genai\"]");
        assertThat(json.readTree(batch(openaiOnly.body()).string("providers_filter")).toString())
                .isEqualTo("[\"openai\"]");
        assertThat(awsOnly.body().path("pipelines_triggered").asInt()).isEqualTo(1);
        assertThat(PipelineServiceStandIn.received(org)).hasSize(1);
    }

    @Test
    void anOrgWithoutAnActiveKeyIsSkippedAndCountedSo() {
        OrgSlug org = newSlug("keyless");
        onboarded(org, Plan.STARTER);
        credential(org, "AWS", "VALID", true, days(-1), days(89), null);
        warehouse.execute(SqlText.of("UPDATE ${central}.org_api_keys SET is_active = FALSE WHERE org_slug = @org")
                .with("central", DatasetName.CENTRAL), Map.of("org", org.value()));

        Response answer = post(RUN_ALL, root(), Map.of("org_slug", org.value()));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(result(body, "AWS").path("status").asString()).isEqualTo("skipped");
        assertThat(result(body, "AWS").path("reason").asString()).isEqualTo("the organization has no active API key");
        assertThat(body.path("pipelines_triggered").asInt()).isZero();
        assertThat(body.path("orgs_skipped").asInt()).isEqualTo(1);
        assertThat(body.path("orgs_processed").asInt()).isZero();
        Row batch = batch(body);
        assertThat(batch.longValue("orgs_skipped")).as("the batch row says what the answer says").isEqualTo(1);
        assertThat(batch.longValue("orgs_processed")).isZero();
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
    }

    @Test
    void aCloudCredentialFeedsTheGenAiPipelinesItsMetadataNamesAndAnOrgWithPlansGetsItsAmortization() {
        OrgSlug org = newSlug("fanout");
        onboarded(org, Plan.SCALE);
        String aws = credential(org, "AWS", "VALID", true, days(-1), days(89), null);
        warehouse.execute(SqlText.of("""
                UPDATE ${central}.org_integration_credentials SET metadata = PARSE_JSON(@metadata)
                WHERE credential_id = @id""").with("central", DatasetName.CENTRAL),
                Map.of("id", aws, "metadata", "{\"genai_usage\": \"aws_bedrock, azure_openai\"}"));
        credential(org, "OPENAI", "VALID", true, days(-1), days(89), null);
        warehouse.execute(SqlText.of("""
                INSERT INTO ${ds}.subscription_plans (x_org_slug, subscription_id, provider, plan_name, category, status,
                    start_date, billing_cycle, currency, seats, pricing_model, unit_price, auto_renew,
                    x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_path, x_hierarchy_path_names)
                VALUES (@org, 'sub_slack_pro_0123456789ab', 'slack', 'PRO', 'communication', 'active',
                    DATE '2026-01-01', 'monthly', 'USD', 10, 'PER_SEAT', 8.75, TRUE, 'DEPT-ENG', 'Engineering',
                    '/DEPT-ENG', 'Engineering')""").with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)),
                Map.of("org", org.value()));

        Response answer = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "dry_run", true));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<String> pipelines = new ArrayList<>();
        answer.body().path("results").forEach(r -> pipelines.add(r.path("pipeline").asString()));
        // Azure OpenAI is read with an Azure credential, so an AWS credential naming it feeds nothing of it.
        assertThat(pipelines).containsExactlyInAnyOrder("cloud/aws/cost/billing", "genai/payg/aws_bedrock",
                "genai/commitment/aws_bedrock", "genai/payg/openai", "subscription/costs/subscription_cost");
        assertThat(answer.body().path("orgs_processed").asInt()).isEqualTo(1);

        Response saasOnly = post(RUN_ALL, root(), Map.of("org_slug", org.value(), "dry_run", true,
                "categories", List.of("saas")));
        assertThat(saasOnly.body().path("results").findValuesAsString("pipeline"))
                .containsExactly("subscription/costs/subscription_cost");
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
    }

    @Test
    void anAllOrgsDryRunIsRecordedUnderAll() {
        OrgSlug org = newSlug("allorgs");
        onboarded(org, Plan.STARTER);
        credential(org, "AWS", "VALID", true, days(-1), days(89), null);

        Response answer = post(RUN_ALL, root(), Map.of("dry_run", true, "date", "2026-03-10"));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("total_integrations").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.body().path("pipelines_triggered").asInt()).isZero();
        Row batch = batch(answer.body());
        assertThat(batch.string("org_slug")).isEqualTo("ALL");
        assertThat(batch.bool("dry_run")).isTrue();
        assertThat(batch.date("run_date")).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
    }

    @Test
    void onlyTheRootKeyRunsAndBadRequestsAreRefused() {
        OrgSlug org = newSlug("runallauth");
        String key = onboarded(org, Plan.STARTER);
        credential(org, "AWS", "VALID", true, days(-1), days(89), null);

        assertThat(post(RUN_ALL, orgKey(key), Map.of("org_slug", org.value())).status()).isEqualTo(403);
        assertThat(post(RUN_ALL, Map.of(), Map.of("org_slug", org.value())).status()).isEqualTo(401);
        assertThat(post(RUN_ALL, Map.of("X-CA-Root-Key", "wrong-" + ROOT_KEY), Map.of("org_slug", org.value()))
                .status()).isEqualTo(403);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("org_slug", org.value(), "date", "2026-02-30"),
                Map.of("org_slug", org.value(), "date", "2026-13-01"),
                Map.of("org_slug", org.value(), "date", "yesterday"),
                Map.of("org_slug", org.value(), "categories", List.of("space")),
                Map.of("org_slug", org.value(), "providers", List.of("nosuch")),
                Map.of("org_slug", "a-b"),
                Map.of("org_slug", org.value(), "trigger_type", "cron"))) {
            Response refused = post(RUN_ALL, root(), bad);
            assertThat(refused.status()).as(bad + ": " + refused.raw().body()).isEqualTo(422);
            assertThat(refused.header("Content-Type")).contains("problem+json");
        }
        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
        assertThat(warehouse.query(SqlText.of("""
                SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_batch_runs WHERE org_slug = @org""")
                .with("central", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst().longValue("n"))
                .as("refused requests record no batch").isZero();
    }

    private String credential(OrgSlug org, String provider, String validation, boolean active, Instant created,
                              Instant expires, Instant deactivation) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("provider", provider);
        params.put("secret", new byte[] {1, 2, 3, 4});
        params.put("validation", validation);
        params.put("active", active);
        params.put("created", created);
        params.put("expires", expires);
        params.put("deactivation", deactivation);
        warehouse.execute(CREDENTIAL, params);
        return id;
    }

    private Row batch(JsonNode body) {
        List<Row> rows = warehouse.query(BATCH, Map.of("id", body.path("batch_run_id").asString()));
        assertThat(rows).as("batch row of " + body).hasSize(1);
        Row row = rows.getFirst();
        assertThat(row.longValue("pipelines_triggered")).isEqualTo(body.path("pipelines_triggered").asLong());
        assertThat(row.longValue("pipelines_failed")).isEqualTo(body.path("pipelines_failed").asLong());
        assertThat(row.longValue("pipelines_skipped_quota")).isEqualTo(body.path("pipelines_skipped_quota").asLong());
        assertThat(row.longValue("total_integrations")).isEqualTo(body.path("total_integrations").asLong());
        assertThat(row.longValue("orgs_processed")).isEqualTo(body.path("orgs_processed").asLong());
        assertThat(row.longValue("orgs_skipped")).isEqualTo(body.path("orgs_skipped").asLong());
        return row;
    }

    private static JsonNode result(JsonNode body, String provider) {
        Map<String, JsonNode> byProvider = new LinkedHashMap<>();
        body.path("results").forEach(r -> byProvider.put(r.path("provider").asString(), r));
        assertThat(byProvider).as("results of " + body).containsKey(provider);
        return byProvider.get(provider);
    }

    private static Instant days(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS);
    }
}
