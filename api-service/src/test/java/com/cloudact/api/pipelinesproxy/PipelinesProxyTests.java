package com.cloudact.api.pipelinesproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.api.PipelineServiceStandIn;
import com.cloudact.api.PipelineServiceStandIn.Received;
import com.cloudact.api.PipelineServiceStandIn.Reply;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pipelines proxy (spec §1.8): triggers go to the pipeline service with the caller's key and request id,
 * gateway errors are retried, quota refusals and other errors come back with their status.
 */
class PipelinesProxyTests extends ApiIntegrationTest {

    private static final String PIPELINE = "/api/v1/pipelines/run/";

    @Test
    void triggerForwardsTheCallersKeyRequestIdAndDates() {
        OrgSlug org = newSlug("proxy");
        String key = onboarded(org, Plan.STARTER);
        String requestId = "req-" + UUID.randomUUID();
        PipelineServiceStandIn.script(org, Reply.run("run-1", "PENDING"));

        Response answer = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai",
                headers(key, requestId), Map.of("start_date", "2026-03-01", "end_date", "2026-03-31"));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("pipeline_logging_id").asString()).isEqualTo("run-1");
        assertThat(answer.body().path("pipeline_id").asString()).isEqualTo(org + "-genai-payg-openai");
        assertThat(answer.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(answer.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(answer.body().path("message").asString()).isEqualTo("Pipeline run started");
        assertThat(answer.body().path("request_id").asString()).isEqualTo(requestId);
        assertThat(answer.header("X-Request-ID")).isEqualTo(requestId);
        assertThat(answer.header("X-RateLimit-Limit")).isEqualTo("30");

        List<Received> received = PipelineServiceStandIn.received(org);
        assertThat(received).hasSize(1);
        Received forwarded = received.getFirst();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.path()).isEqualTo(PIPELINE + org + "/genai/payg/openai");
        assertThat(forwarded.header("X-API-Key")).isEqualTo(key);
        assertThat(forwarded.header("X-Request-ID")).isEqualTo(requestId);
        assertThat(forwarded.header("Content-Type")).startsWith("application/json");
        assertThat(forwarded.json().path("start_date").asString()).isEqualTo("2026-03-01");
        assertThat(forwarded.json().path("end_date").asString()).isEqualTo("2026-03-31");
        assertThat(forwarded.json().path("trigger_by").asString()).isEqualTo("api-service");
        assertThat(forwarded.json().has("date")).isFalse();
    }

    @Test
    void bothRunPathsForwardToThePipelineTheyName() {
        OrgSlug org = newSlug("runpaths");
        String key = onboarded(org, Plan.STARTER);

        Response genai = post("/api/v1/pipelines/run/" + org + "/genai/payg/anthropic", orgKey(key), Map.of());
        Response cloud = post("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing", orgKey(key),
                Map.of("date", "2026-04-02", "credential_id", "cred-aws-1"));

        assertThat(genai.status()).as(genai.raw().body()).isEqualTo(200);
        assertThat(cloud.status()).as(cloud.raw().body()).isEqualTo(200);
        assertThat(cloud.body().path("pipeline_id").asString()).isEqualTo(org + "-cloud-aws-cost-billing");
        List<Received> received = PipelineServiceStandIn.received(org);
        assertThat(received).extracting(Received::path).containsExactly(PIPELINE + org + "/genai/payg/anthropic",
                PIPELINE + org + "/cloud/aws/cost/billing");
        assertThat(received).allSatisfy(r -> assertThat(r.header("X-API-Key")).isEqualTo(key));
        // Without a caller id the API makes one, answers with it and forwards the same.
        assertThat(genai.header("X-Request-ID")).isNotBlank();
        assertThat(received.get(0).header("X-Request-ID")).isEqualTo(genai.header("X-Request-ID"));
        assertThat(received.get(1).header("X-Request-ID")).isEqualTo(cloud.header("X-Request-ID"));
        assertThat(genai.body().path("pipeline_logging_id").asString())
                .isNotEqualTo(cloud.body().path("pipeline_logging_id").asString()).isNotBlank();
        assertThat(received.get(1).json().path("date").asString()).isEqualTo("2026-04-02");
        assertThat(received.get(1).json().path("credential_id").asString()).isEqualTo("cred-aws-1");
    }

    @Test
    void gatewayErrorsAreRetriedUntilThePipelineServiceAnswers() {
        OrgSlug org = newSlug("retried");
        String key = onboarded(org, Plan.STARTER);
        String requestId = "req-" + UUID.randomUUID();
        PipelineServiceStandIn.script(org, Reply.problem(502, "bad gateway"), Reply.problem(503, "starting"),
                Reply.problem(504, "slow"), Reply.run("run-after-retries", "PENDING"));

        Response answer = post("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing", headers(key, requestId),
                Map.of());

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.body().path("pipeline_logging_id").asString()).isEqualTo("run-after-retries");
        List<Received> received = PipelineServiceStandIn.received(org);
        assertThat(received).hasSize(4);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(PIPELINE + org + "/cloud/aws/cost/billing");
            assertThat(r.header("X-API-Key")).isEqualTo(key);
            assertThat(r.header("X-Request-ID")).isEqualTo(requestId);
        });
    }

    @Test
    void aPersistent503IsAnswered503AfterThreeRetries() {
        OrgSlug org = newSlug("down");
        String key = onboarded(org, Plan.STARTER);
        PipelineServiceStandIn.script(org, Reply.problem(503, "draining"), Reply.problem(503, "draining"),
                Reply.problem(503, "draining"), Reply.problem(503, "still draining"), Reply.run("too-late", "PENDING"));

        long started = System.nanoTime();
        Response answer = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai", orgKey(key), Map.of());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).contains("problem+json");
        assertThat(answer.body().path("detail").asString()).isEqualTo("Pipeline service error: still draining");
        assertThat(PipelineServiceStandIn.received(org)).as("one call and three retries").hasSize(4);
        assertThat(PipelineServiceStandIn.pending(org)).isEqualTo(1);
        assertThat(seconds).as("backoff 1 s, 2 s, 4 s").isGreaterThanOrEqualTo(7);
    }

    @Test
    void a429IsPassedOnWithItsRetryAfterAndNotRetried() {
        OrgSlug org = newSlug("quota");
        String key = onboarded(org, Plan.STARTER);
        PipelineServiceStandIn.script(org, Reply.problem(429,
                "Daily pipeline quota exceeded (6 pipelines/day). Try again tomorrow.").withHeader("Retry-After", "86400"));

        Response answer = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai", orgKey(key), Map.of());

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("86400");
        assertThat(answer.body().path("error").asString()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(answer.body().path("detail").asString())
                .isEqualTo("Daily pipeline quota exceeded (6 pipelines/day). Try again tomorrow.");
        assertThat(PipelineServiceStandIn.received(org)).hasSize(1);
    }

    @Test
    void otherPipelineServiceErrorsComeBackAtOnceWithTheirStatus() {
        OrgSlug org = newSlug("upstream");
        String key = onboarded(org, Plan.STARTER);
        PipelineServiceStandIn.script(org, Reply.problem(404, "No pipeline genai/payg/nosuch"),
                Reply.problem(400, "Give an uploaded file or a file_path, not both"),
                Reply.problem(401, "Invalid or inactive API key"),
                Reply.problem(500, "Internal server error"));
        String url = "/api/v1/pipelines/trigger/" + org + "/genai/payg/nosuch";

        Response notFound = post(url, orgKey(key), Map.of());
        Response badRequest = post(url, orgKey(key), Map.of());
        Response unauthorized = post(url, orgKey(key), Map.of());
        Response broken = post(url, orgKey(key), Map.of());

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body().path("detail").asString())
                .isEqualTo("Pipeline service error: No pipeline genai/payg/nosuch");
        assertThat(badRequest.status()).isEqualTo(400);
        assertThat(badRequest.body().path("detail").asString())
                .isEqualTo("Pipeline service error: Give an uploaded file or a file_path, not both");
        assertThat(unauthorized.status()).isEqualTo(401);
        // A failure inside the pipeline service is a bad gateway from this service's point of view.
        assertThat(broken.status()).isEqualTo(502);
        assertThat(broken.body().path("error").asString()).isEqualTo("UPSTREAM_ERROR");
        assertThat(PipelineServiceStandIn.received(org)).as("none of these is retried").hasSize(4);
    }

    @Test
    void aConnectionDroppedByThePipelineServiceIs502() {
        OrgSlug org = newSlug("dropped");
        String key = onboarded(org, Plan.STARTER);
        PipelineServiceStandIn.script(org, Reply.dropConnection());

        Response answer = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai", orgKey(key), Map.of());

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(502);
        assertThat(answer.body().path("error").asString()).isEqualTo("UPSTREAM_ERROR");
        assertThat(answer.body().path("detail").asString()).startsWith("The pipeline service");
        assertThat(PipelineServiceStandIn.received(org)).hasSize(1);
    }

    @Test
    void pathSegmentsAndBodiesAreCheckedBeforeAnythingIsForwarded() {
        OrgSlug org = newSlug("segments");
        String key = onboarded(org, Plan.STARTER);

        for (String path : List.of("/api/v1/pipelines/trigger/" + org + "/genai/pay-g/openai",
                "/api/v1/pipelines/trigger/" + org + "/genai/payg/" + "x".repeat(51),
                "/api/v1/pipelines/run/" + org + "/genai/payg/open%20ai",
                "/api/v1/pipelines/run/" + org + "/cloud/aws/cost/bill%3Bing",
                "/api/v1/pipelines/run/" + org + "/cloud/a.ws/cost/billing")) {
            Response answer = post(path, orgKey(key), Map.of());
            assertThat(answer.status()).as(path + ": " + answer.raw().body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).contains("problem+json");
        }
        Response fiftyOk = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/" + "x".repeat(50), orgKey(key),
                Map.of());
        assertThat(fiftyOk.status()).as("50 characters are allowed").isEqualTo(200);

        Response badDate = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai", orgKey(key),
                Map.of("start_date", "2026-13-01"));
        Response unknownField = post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai", orgKey(key),
                Map.of("start_date", "2026-03-01", "wait", true));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body().path("errors").get(0).path("field").asString()).isEqualTo("start_date");
        assertThat(unknownField.status()).isEqualTo(422);

        assertThat(PipelineServiceStandIn.received(org)).extracting(Received::path)
                .containsExactly(PIPELINE + org + "/genai/payg/" + "x".repeat(50));
    }

    @Test
    void onlyTheOrgsOwnKeyWithTheExecuteScopeTriggers() {
        OrgSlug org = newSlug("scoped");
        String key = onboarded(org, Plan.STARTER);
        OrgSlug other = newSlug("stranger");
        String otherKey = onboarded(other, Plan.STARTER);
        String url = "/api/v1/pipelines/trigger/" + org + "/genai/payg/openai";

        assertThat(post(url, Map.of(), Map.of()).status()).isEqualTo(401);
        assertThat(post(url, orgKey("nope_api_" + "x".repeat(32)), Map.of()).status()).isEqualTo(401);
        Response foreign = post(url, orgKey(otherKey), Map.of());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body().path("error").asString()).isEqualTo("ORG_MISMATCH");

        Response rotated = post("/api/v1/organizations/" + org + "/api-key/rotate", root(),
                Map.of("scopes", List.of("pipelines:read")));
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        String readOnly = rotated.body().path("api_key").asString();
        Response refused = post(url, orgKey(readOnly), Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("detail").asString()).contains("pipelines:execute");
        assertThat(get("/api/v1/pipelines/status/" + org, orgKey(readOnly)).status()).isEqualTo(200);

        assertThat(PipelineServiceStandIn.received(org)).isEmpty();
        assertThat(PipelineServiceStandIn.received(other)).isEmpty();
    }

    @Test
    void cacheMetricsCountHitsMissesAndInvalidations() {
        OrgSlug org = newSlug("metrics");
        String key = onboarded(org, Plan.STARTER);
        assertThat(get("/api/v1/pipelines/metrics/cache", Map.of()).status()).isEqualTo(401);
        JsonNode before = get("/api/v1/pipelines/metrics/cache", orgKey(key)).body();

        assertThat(get("/api/v1/pipelines/status/" + org, orgKey(key)).body().path("cached").asBoolean()).isFalse();
        assertThat(get("/api/v1/pipelines/status/" + org, orgKey(key)).body().path("cached").asBoolean()).isTrue();
        assertThat(post("/api/v1/pipelines/trigger/" + org + "/genai/payg/openai", orgKey(key), Map.of()).status())
                .isEqualTo(200);
        assertThat(get("/api/v1/pipelines/status/" + org, orgKey(key)).body().path("cached").asBoolean()).isFalse();
        Response after = get("/api/v1/pipelines/metrics/cache", orgKey(key));

        assertThat(after.status()).isEqualTo(200);
        JsonNode metrics = after.body();
        assertThat(metrics.path("hits").asLong() - before.path("hits").asLong()).isEqualTo(1);
        assertThat(metrics.path("misses").asLong() - before.path("misses").asLong()).isEqualTo(2);
        assertThat(metrics.path("invalidations").asLong() - before.path("invalidations").asLong()).isEqualTo(1);
        long total = metrics.path("total_requests").asLong();
        assertThat(total).isEqualTo(metrics.path("hits").asLong() + metrics.path("misses").asLong());
        assertThat(metrics.path("hit_rate").asDouble())
                .isCloseTo(metrics.path("hits").asDouble() / total, offset(0.0001));
    }

    private static Map<String, String> headers(String key, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(orgKey(key));
        headers.put("X-Request-ID", requestId);
        return headers;
    }
}
