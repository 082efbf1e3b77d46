package com.cloudact.api.validator;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ValidatorIntegrationTests extends ApiIntegrationTest {

    private static final Map<String, Object> AWS_UPLOAD = Map.of("pipeline_id", "cloud_aws_cost_billing", "source", "upload");

    @Autowired
    private JdbcClient appDb;

    @Test
    void aValidRunReservesASlotAndCompletionReleasesIt() {
        OrgSlug org = newSlug("valid");
        String key = onboarded(org, Plan.STARTER);

        Response validate = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);

        assertThat(validate.status()).isEqualTo(200);
        assertThat(validate.body().path("valid").asBoolean()).as(validate.body().toString()).isTrue();
        assertThat(validate.body().path("org_dataset_id").asString()).isEqualTo(org + "_local");
        assertThat(validate.body().path("quota").path("concurrent_pipelines_running").asLong()).isEqualTo(1);
        String reserved = validate.body().path("reservation_date").asString();

        Response complete = post("/api/v1/validator/complete/" + org + "?pipeline_status=SUCCESS&reservation_date="
                + reserved, orgKey(key), Map.of());

        assertThat(complete.status()).isEqualTo(200);
        Row quota = quota(org);
        assertThat(quota.longValue("concurrent_pipelines_running")).isZero();
        assertThat(quota.longValue("pipelines_run_today")).isEqualTo(1);
        assertThat(quota.longValue("pipelines_succeeded_today")).isEqualTo(1);
        assertThat(quota.longValue("pipelines_run_month")).isEqualTo(1);
    }

    @Test
    void aFailedRunReleasesItsSlotWithoutUsingQuota() {
        OrgSlug org = newSlug("failed");
        String key = onboarded(org, Plan.STARTER);
        post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);

        post("/api/v1/validator/complete/" + org + "?pipeline_status=FAILED", orgKey(key), Map.of());

        Row quota = quota(org);
        assertThat(quota.longValue("concurrent_pipelines_running")).isZero();
        assertThat(quota.longValue("pipelines_run_today")).isZero();
        assertThat(quota.longValue("pipelines_failed_today")).isEqualTo(1);
    }

    @Test
    void concurrentReservationsNeverExceedTheDailyLimit() throws Exception {
        OrgSlug org = newSlug("race");
        String key = onboarded(org, Plan.STARTER);
        int limit = 7;
        appDb.sql("UPDATE organizations SET pipelines_per_day_limit = :limit WHERE org_slug = :org")
                .param("limit", limit).param("org", org.value()).update();

        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 100; i++) {
                answers.add(pool.submit(() -> post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD)));
            }
        }
        long granted = 0;
        long refused = 0;
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertThat(response.status()).isEqualTo(200);
            if (response.body().path("valid").asBoolean()) {
                granted++;
            } else {
                assertThat(response.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
                refused++;
            }
        }

        assertThat(granted).isEqualTo(limit);
        assertThat(refused).isEqualTo(100 - limit);
        assertThat(quota(org).longValue("concurrent_pipelines_running")).isEqualTo(limit);
        for (int i = 0; i < limit; i++) {
            post("/api/v1/validator/complete/" + org + "?pipeline_status=SUCCESS", orgKey(key), Map.of());
        }
        assertThat(quota(org).longValue("concurrent_pipelines_running")).isZero();
        assertThat(quota(org).longValue("pipelines_run_today")).isEqualTo(limit);
        Response afterLimit = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);
        assertThat(afterLimit.body().path("valid").asBoolean()).isFalse();
        assertThat(afterLimit.body().path("error").asString()).contains("Daily pipeline quota exceeded (7 pipelines/day)");
    }

    @Test
    void refusalsKeepTheValidatorShape() {
        OrgSlug org = newSlug("refusals");
        String key = onboarded(org, Plan.STARTER);

        Response unknown = post("/api/v1/validator/validate/" + org, orgKey(key), Map.of("pipeline_id", "cloud_nope_x_y"));
        Response needsIntegration = post("/api/v1/validator/validate/" + org, orgKey(key),
                Map.of("pipeline_id", "cloud_aws_cost_billing"));

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().path("error_code").asString()).isEqualTo("PIPELINE_NOT_FOUND");
        assertThat(needsIntegration.body().path("error_code").asString()).isEqualTo("INTEGRATION_NOT_CONFIGURED");
        assertThat(quota(org).longValue("concurrent_pipelines_running")).isZero();

        appDb.sql("UPDATE organizations SET billing_status = 'past_due' WHERE org_slug = :org")
                .param("org", org.value()).update();
        Response inactive = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);
        assertThat(inactive.body().path("error_code").asString()).isEqualTo("SUBSCRIPTION_INACTIVE");
    }

    @Test
    void completeChecksItsParametersAndTheOrg() {
        OrgSlug org = newSlug("complete");
        OrgSlug other = newSlug("complete_other");
        String key = onboarded(org, Plan.STARTER);
        onboarded(other, Plan.STARTER);

        assertThat(post("/api/v1/validator/complete/" + org + "?pipeline_status=DONE", orgKey(key), Map.of()).status())
                .isEqualTo(400);
        assertThat(post("/api/v1/validator/complete/" + org + "?pipeline_status=SUCCESS&reservation_date=yesterday",
                orgKey(key), Map.of()).status()).isEqualTo(400);
        assertThat(post("/api/v1/validator/complete/" + other + "?pipeline_status=SUCCESS", orgKey(key), Map.of())
                .status()).isEqualTo(403);
        assertThat(post("/api/v1/validator/validate/" + other, orgKey(key), AWS_UPLOAD).status()).isEqualTo(403);
    }

    private Row quota(OrgSlug org) {
        return warehouse.query(SqlText.of("""
                SELECT * FROM ${c}.org_usage_quotas WHERE org_slug = @org ORDER BY usage_date DESC LIMIT 1""")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst();
    }
}
