package com.cloudact.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.localstack.demo.AwsCurGenerator;
import com.cloudact.localstack.demo.DemoCsv;
import com.cloudact.localstack.demo.DemoSeeder;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.scheduler.jobs.SchedulerJobs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The main path over HTTP through all three services: onboarding, the AWS pipeline, the cost summary and the
 * dashboard, on the local stack exactly as a newcomer starts it.
 */
class LocalStackEndToEndTests {

    private final Http http = new Http();
    private final RunningStack stack = TestStack.get();
    private final DemoSeeder.Demo demo = TestStack.demo();

    @TempDir
    Path scratch;

    @Test
    void everyServiceAnswersHealth() {
        for (URI service : new URI[] {stack.apiUrl(), stack.pipelineUrl(), stack.frontendUrl()}) {
            Http.Response health = http.get(service.resolve("/health"), Map.of());
            assertThat(health.status()).as(service.toString()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("healthy");
        }
    }

    @Test
    void everyScheduledJobRunsAgainstTheStack() {
        Map<String, String> schedules = stack.scheduler().getBean(SchedulerJobs.class).schedules();

        assertThat(schedules).containsOnlyKeys("quota-reset-daily", "quota-reset-monthly", "quota-cleanup",
                "stale-cleanup", "pipelines-daily", "alerts-daily");
        for (String job : schedules.keySet()) {
            assertThat(stack.runJob(job)).as(job).isNotBlank();
        }
    }

    @Test
    void theCostSummaryEqualsTheGeneratorsTotalExactly() {
        JsonNode summary = summary(DemoSeeder.ORG, TestStack.apiKeyOf(DemoSeeder.ORG));

        assertThat(summary.path("total_billed_cost").decimalValue()).isEqualByComparingTo(demo.totalBilledCost());
        // GCP credits become FOCUS rows of their own, so there are at least as many rows as billing lines.
        assertThat(summary.path("record_count").asLong()).isGreaterThanOrEqualTo(demo.lineItems());
        assertThat(summary.path("providers").toString()).contains("AWS", "Google Cloud", "Microsoft", "OCI");
    }

    @Test
    void genAiAndSaasCostsSitBesideTheCloudRowsAndEveryDemoRunPassedItsChecks() {
        String key = TestStack.apiKeyOf(DemoSeeder.ORG);
        JsonNode summary = summary(DemoSeeder.ORG, key);
        Http.Response genAi = http.get(stack.apiUrl().resolve("/api/v1/genai/" + DemoSeeder.ORG
                + "/costs/summary?start_date=" + demo.lastDay().minusDays(89) + "&end_date=" + demo.lastDay()),
                Map.of("X-API-Key", key));
        Http.Response runs = http.get(stack.pipelineUrl().resolve("/api/v1/pipelines/" + DemoSeeder.ORG
                + "/runs?limit=100"), Map.of("X-API-Key", key));

        assertThat(summary.path("providers").toString()).contains("OpenAI", "Anthropic", "DeepSeek", "Slack");
        assertThat(summary.path("service_categories").toString()).contains("AI and Machine Learning");
        assertThat(genAi.status()).as(genAi.text()).isEqualTo(200);
        assertThat(genAi.json().path("total_cost_usd").decimalValue()).isEqualByComparingTo(demo.genAiCost());
        assertThat(genAi.json().path("by_provider").propertyNames()).containsExactlyInAnyOrder("openai",
                "anthropic", "deepseek", "gcp_vertex", "aws_bedrock", "azure_openai", "gemini");
        List<String> seeded = new ArrayList<>();
        for (JsonNode run : runs.json().path("runs").isMissingNode() ? runs.json() : runs.json().path("runs")) {
            String pipeline = run.path("pipeline_id").asString();
            if (pipeline.contains("genai") || pipeline.contains("subscription")) {
                seeded.add(pipeline);
                JsonNode detail = http.get(stack.pipelineUrl().resolve("/api/v1/pipelines/" + DemoSeeder.ORG
                        + "/runs/" + run.path("pipeline_logging_id").asString()), Map.of("X-API-Key", key)).json();
                assertThat(detail.path("status").asString()).as(pipeline).isEqualTo("COMPLETED");
                detail.path("steps").forEach(step -> assertThat(step.path("status").asString())
                        .as(pipeline + " " + step.path("step_name").asString()).isEqualTo("COMPLETED"));
            }
        }
        assertThat(seeded).contains(DemoSeeder.ORG + "-genai-payg-openai", DemoSeeder.ORG + "-genai-payg-anthropic",
                DemoSeeder.ORG + "-genai-payg-deepseek", DemoSeeder.ORG + "-genai-payg-gcp_vertex",
                DemoSeeder.ORG + "-genai-payg-aws_bedrock", DemoSeeder.ORG + "-genai-payg-azure_openai",
                DemoSeeder.ORG + "-genai-payg-gemini", DemoSeeder.ORG + "-subscription-costs-subscription_cost");
    }

    @Test
    void theDashboardShowsTheTotalToTheCent() {
        http.login(stack.frontendUrl(), DemoSeeder.EMAIL, DemoSeeder.PASSWORD);

        Http.Response dashboard = http.get(stack.frontendUrl().resolve("/" + DemoSeeder.ORG + "/dashboard"), Map.of());

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.text()).contains(dollars(demo.totalBilledCost()));
        assertThat(dashboard.text()).contains("id=\"cost-trend\"").contains("/webjars/echarts/5.3.1/dist/echarts.min.js");
    }

    @Test
    void triggeringTheSameImportTwiceLeavesCountAndTotalUnchanged() {
        OrgSlug org = onboardNewOrg("twice_co");
        String key = TestStack.apiKeyOf(org);
        DemoCsv.Written cur = new AwsCurGenerator(7).write(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10),
                scratch);
        Path file = cur.files().getFirst();

        Http.Response first = http.upload(trigger(org, "?wait=true"), Map.of("X-API-Key", key), file);
        JsonNode afterFirst = summary(org, key);
        Http.Response second = http.upload(trigger(org, "?wait=true"), Map.of("X-API-Key", key), file);
        JsonNode afterSecond = summary(org, key);

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().path("status").asString()).as(first.text()).isEqualTo("COMPLETED");
        assertThat(second.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(afterFirst.path("total_billed_cost").decimalValue()).isEqualByComparingTo(cur.total());
        assertThat(afterSecond.path("record_count").asLong()).isEqualTo(cur.rows())
                .isEqualTo(afterFirst.path("record_count").asLong());
        assertThat(afterSecond.path("total_billed_cost").decimalValue()).isEqualByComparingTo(cur.total());

        JsonNode run = http.get(stack.pipelineUrl().resolve("/api/v1/pipelines/" + org + "/runs/"
                + second.json().path("pipeline_logging_id").asString()), Map.of("X-API-Key", key)).json();
        assertThat(run.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("steps").size()).isEqualTo(3);
        assertThat(run.path("steps").get(0).path("rows_processed").asLong()).isEqualTo(cur.rows());
        assertThat(run.path("steps").get(2).path("step_name").asString()).isEqualTo("reconcile");
        assertThat(run.path("steps").get(2).path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void anotherOrgsKeyOrNoKeyGetsProblemDetailsAndNoData() {
        OrgSlug intruder = onboardNewOrg("intruder");
        String intruderKey = TestStack.apiKeyOf(intruder);

        Http.Response otherKeyApi = http.get(stack.apiUrl().resolve("/api/v1/costs/" + DemoSeeder.ORG + "/summary"),
                Map.of("X-API-Key", intruderKey));
        Http.Response noKeyApi = http.get(stack.apiUrl().resolve("/api/v1/costs/" + DemoSeeder.ORG + "/summary"),
                Map.of());
        Http.Response otherKeyPipeline = http.postJson(trigger(DemoSeeder.ORG, ""), Map.of("X-API-Key", intruderKey),
                Map.of("file_path", "demo/anything.csv"));
        Http.Response otherKeyRuns = http.get(stack.pipelineUrl().resolve("/api/v1/pipelines/" + DemoSeeder.ORG
                + "/runs"), Map.of("X-API-Key", intruderKey));

        assertThat(otherKeyApi.status()).isEqualTo(403);
        assertThat(otherKeyApi.text()).doesNotContain("total_billed_cost");
        assertThat(noKeyApi.status()).isEqualTo(401);
        assertThat(otherKeyPipeline.status()).isEqualTo(403);
        assertThat(otherKeyRuns.status()).isEqualTo(403);
        assertThat(otherKeyRuns.text()).doesNotContain("pipeline_logging_id");
        assertThat(otherKeyApi.json().path("error").asString()).isEqualTo("ORG_MISMATCH");
    }

    @Test
    void filePathsCannotLeaveTheImportDirectory() {
        String key = TestStack.apiKeyOf(DemoSeeder.ORG);

        Http.Response escape = http.postJson(trigger(DemoSeeder.ORG, ""), Map.of("X-API-Key", key),
                Map.of("file_path", "../keys/root-key"));
        Http.Response missing = http.postJson(trigger(DemoSeeder.ORG, ""), Map.of("X-API-Key", key),
                Map.of("file_path", "demo/no-such-file.csv"));

        assertThat(escape.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(404);
    }

    private OrgSlug onboardNewOrg(String prefix) {
        OrgSlug org = OrgSlug.of(prefix + "_" + Long.toString(System.nanoTime(), 36));
        stack.frontend().getBean(AppOrganizations.class).create(org, "Test " + org, Plan.SCALE, "active", null);
        Http.Response onboard = http.postJson(stack.apiUrl().resolve("/api/v1/organizations/onboard"),
                Map.of("X-CA-Root-Key", stack.settings().rootKey()),
                Map.of("org_slug", org.value(), "company_name", "Test Co", "admin_email", "ops@test.example",
                        "subscription_plan", "SCALE"));
        assertThat(onboard.status()).as(onboard.text()).isEqualTo(200);
        return org;
    }

    private URI trigger(OrgSlug org, String query) {
        return stack.pipelineUrl().resolve("/api/v1/pipelines/run/" + org + "/cloud/aws/cost/billing" + query);
    }

    private JsonNode summary(OrgSlug org, String key) {
        Http.Response response = http.get(stack.apiUrl().resolve("/api/v1/costs/" + org
                + "/summary?start_date=2025-06-01&end_date=2027-12-31"), Map.of("X-API-Key", key));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().path("summary");
    }

    static String dollars(BigDecimal amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }
}
