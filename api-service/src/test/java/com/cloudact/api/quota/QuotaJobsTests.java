package com.cloudact.api.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.api.ProviderStandIns;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.QuotaLimits;
import com.cloudact.model.RetryLaterException;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The quota read (api.md §1.9) and the scheduler's quota jobs (§4.4): daily rows, monthly reset, stale-slot
 * clean-up and self-healing (§4.3), retention; and the refusals a reservation gives at each limit.
 */
class QuotaJobsTests extends ApiIntegrationTest {

    private static final Map<String, Object> AWS_UPLOAD = Map.of("pipeline_id", "cloud_aws_cost_billing", "source", "upload");
    private static final SqlText UPSERT_ROW = SqlText.of("""
            INSERT OR REPLACE INTO ${c}.org_usage_quotas (usage_id, org_slug, usage_date, pipelines_run_today,
                pipelines_succeeded_today, pipelines_failed_today, pipelines_run_month, concurrent_pipelines_running,
                daily_limit, monthly_limit, concurrent_limit, last_pipeline_started_at, last_updated, created_at)
            VALUES (@id, @org, @date, @today, @today, 0, @month, @running, 6, 180, 20, @started, @now, @now)""")
            .with("c", DatasetName.CENTRAL);

    @Autowired
    private JdbcClient appDb;

    @Autowired
    private QuotaService quotaService;

    // ---------------------------------------------------------------- the quota read

    @Test
    void theQuotaReadIsCamelCaseWithLimitsFromTheAccountAndTodaysUsage() {
        OrgSlug org = newSlug("quotaread");
        String key = onboarded(org, Plan.STARTER);
        row(org, today(), 1, 4, 1, Instant.now());
        post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key), Map.of("credential", ProviderStandIns.OPENAI_KEY));

        Response quota = get("/api/v1/organizations/" + org + "/quota", orgKey(key));

        assertThat(quota.status()).isEqualTo(200);
        assertThat(quota.body().path("org_slug").asString()).isEqualTo(org.value());
        assertThat(quota.body().path("pipelinesRunToday").asLong()).isEqualTo(1);
        assertThat(quota.body().path("dailyLimit").asLong()).isEqualTo(6);
        assertThat(quota.body().path("pipelinesRunMonth").asLong()).isEqualTo(4);
        assertThat(quota.body().path("monthlyLimit").asLong()).isEqualTo(180);
        assertThat(quota.body().path("concurrentRunning").asLong()).isEqualTo(1);
        assertThat(quota.body().path("concurrentLimit").asLong()).isEqualTo(20);
        assertThat(quota.body().path("seatLimit").asLong()).isEqualTo(2);
        assertThat(quota.body().path("providersLimit").asLong()).isEqualTo(3);
        assertThat(quota.body().path("configuredProvidersCount").asLong()).isEqualTo(1);
        assertThat(quota.body().path("usageDate").asString()).isEqualTo(today().toString());
        assertThat(quota.body().path("dailyUsagePercent").asDouble()).isEqualTo(16.67);
        assertThat(quota.body().path("monthlyUsagePercent").asDouble()).isEqualTo(2.22);
        assertThat(quota.body().has("pipelines_run_today")).isFalse();

        appDb.sql("UPDATE organizations SET pipelines_per_day_limit = 8 WHERE org_slug = :org")
                .param("org", org.value()).update();
        Response asRoot = get("/api/v1/organizations/" + org + "/quota", root());
        assertThat(asRoot.status()).isEqualTo(200);
        assertThat(asRoot.body().path("dailyLimit").asLong()).as("limits come from the account").isEqualTo(8);
        assertThat(asRoot.body().path("dailyUsagePercent").asDouble()).isEqualTo(12.5);
    }

    @Test
    void theQuotaReadRefusesUnknownAndOtherOrgs() {
        OrgSlug org = newSlug("quotaown");
        OrgSlug other = newSlug("quotaother");
        onboarded(org, Plan.STARTER);
        String otherKey = onboarded(other, Plan.STARTER);

        Response unknown = get("/api/v1/organizations/" + newSlug("nobody") + "/quota", root());
        Response otherOrg = get("/api/v1/organizations/" + org + "/quota", orgKey(otherKey));
        Response noKey = get("/api/v1/organizations/" + org + "/quota", Map.of());
        Response badSlug = get("/api/v1/organizations/bad-slug/quota", root());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asString()).isEqualTo("ORG_NOT_FOUND");
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(otherOrg.status()).isEqualTo(403);
        assertThat(otherOrg.body().path("error").asString()).isEqualTo("ORG_MISMATCH");
        assertThat(otherOrg.body().has("dailyLimit")).isFalse();
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(badSlug.status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- daily and monthly jobs

    @Test
    void resetDailyCreatesTodaysRowForEveryActiveOrgCarryingTheMonth() {
        OrgSlug fresh = newSlug("daily");
        OrgSlug existing = newSlug("dailykept");
        OrgSlug suspended = newSlug("dailysusp");
        onboarded(fresh, Plan.STARTER);
        onboarded(existing, Plan.STARTER);
        onboarded(suspended, Plan.STARTER);
        deleteRow(fresh, today());
        deleteRow(suspended, today());
        row(fresh, today().minusDays(2), 2, 2, 0, null);
        row(fresh, today().minusDays(1), 3, 5, 0, null);
        row(fresh, today().minusMonths(1).withDayOfMonth(1).minusDays(1), 7, 9, 0, null);
        row(existing, today(), 1, 1, 0, null);
        appDb.sql("UPDATE organizations SET pipelines_per_day_limit = 9 WHERE org_slug = :org")
                .param("org", fresh.value()).update();
        warehouse.execute(SqlText.of("UPDATE ${c}.org_profiles SET status = 'SUSPENDED' WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", suspended.value()));
        long carried = (today().minusDays(2).getMonth() == today().getMonth() ? 2 : 0)
                + (today().minusDays(1).getMonth() == today().getMonth() ? 3 : 0);

        Response reset = post("/api/v1/quota/reset-daily", root(), Map.of());

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.body().path("success").asBoolean()).isTrue();
        assertThat(reset.body().path("orgs_created").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(reset.body().path("orgs_skipped").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(reset.body().path("orgs_processed").asInt()).isEqualTo(
                reset.body().path("orgs_created").asInt() + reset.body().path("orgs_skipped").asInt());
        assertThat(reset.body().path("message").asString()).contains(today().toString());
        Row created = read(fresh, today()).orElseThrow();
        assertThat(created.string("usage_id")).isEqualTo(fresh + "_" + today().format(DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(created.longValue("pipelines_run_today")).isZero();
        assertThat(created.longValue("concurrent_pipelines_running")).isZero();
        assertThat(created.longValue("pipelines_run_month")).as("this month's runs are carried over").isEqualTo(carried);
        assertThat(created.longValue("daily_limit")).as("limits come from the account").isEqualTo(9);
        assertThat(created.longValue("monthly_limit")).isEqualTo(180);
        assertThat(read(existing, today()).orElseThrow().longValue("pipelines_run_today"))
                .as("an existing row is left alone").isEqualTo(1);
        assertThat(read(suspended, today())).as("inactive orgs get no row").isEmpty();

        Response again = post("/api/v1/quota/reset-daily", root(), Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) AS n FROM ${c}.org_usage_quotas WHERE org_slug = @org AND usage_date = @d",
                Map.of("org", fresh.value(), "d", today()))).isEqualTo(1);
    }

    @Test
    void resetMonthlyZeroesTodaysMonthCountOnlyOnTheFirstDayUnlessForced() {
        OrgSlug org = newSlug("monthly");
        onboarded(org, Plan.STARTER);
        row(org, today(), 2, 7, 0, null);

        Response unforced = post("/api/v1/quota/reset-monthly", root(), Map.of());

        assertThat(unforced.status()).isEqualTo(200);
        assertThat(unforced.body().path("success").asBoolean()).isTrue();
        if (today().getDayOfMonth() == 1) {
            assertThat(read(org, today()).orElseThrow().longValue("pipelines_run_month")).isZero();
        } else {
            assertThat(unforced.body().path("orgs_processed").asInt()).isZero();
            assertThat(unforced.body().path("message").asString()).isEqualTo("Not the first day of the month; nothing to reset");
            assertThat(read(org, today()).orElseThrow().longValue("pipelines_run_month")).isEqualTo(7);
        }

        Response forced = post("/api/v1/quota/reset-monthly?force=true", root(), Map.of());

        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body().path("orgs_processed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(forced.body().path("message").asString()).startsWith("Reset the monthly count of ");
        Row row = read(org, today()).orElseThrow();
        assertThat(row.longValue("pipelines_run_month")).isZero();
        assertThat(row.longValue("pipelines_run_today")).as("today's count is kept").isEqualTo(2);
        assertThat(post("/api/v1/quota/reset-monthly?force=perhaps", root(), Map.of()).status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- stale slots and self-healing

    @Test
    void cleanupStaleFailsRunsWithoutProgressAndReleasesTheirSlots() {
        OrgSlug org = newSlug("stale");
        onboarded(org, Plan.STARTER);
        Instant now = Instant.now();
        row(org, today(), 0, 0, 2, now.minus(Duration.ofMinutes(5)));
        String stale = run(org, "RUNNING", now.minus(Duration.ofMinutes(45)), today());
        String recent = run(org, "RUNNING", now.minus(Duration.ofMinutes(5)), today());
        String staleYesterday = run(org, "PENDING", now.minus(Duration.ofHours(20)), today().minusDays(1));

        Response cleanup = post("/api/v1/quota/cleanup-stale", root(), Map.of());

        assertThat(cleanup.status()).isEqualTo(200);
        assertThat(cleanup.body().path("success").asBoolean()).isTrue();
        assertThat(cleanup.body().path("orgs_processed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(cleanup.body().path("message").asString()).matches("Released [1-9]\\d* stale pipeline slots");
        Row failed = runRow(stale);
        assertThat(failed.string("status")).isEqualTo("FAILED");
        assertThat(failed.instant("end_time")).isNotNull();
        assertThat(failed.string("error_message")).startsWith("Marked failed by self-healing");
        assertThat(runRow(staleYesterday).string("status")).isEqualTo("FAILED");
        assertThat(runRow(recent).string("status")).as("a run with recent progress is left alone").isEqualTo("RUNNING");
        assertThat(read(org, today()).orElseThrow().longValue("concurrent_pipelines_running"))
                .as("only the slot of today's stale run is released").isEqualTo(1);
    }

    @Test
    void anIdleCounterIsBroughtDownOnlyWhenNoReservationIsRecent() {
        OrgSlug idle = newSlug("idle");
        OrgSlug busy = newSlug("busy");
        onboarded(idle, Plan.STARTER);
        onboarded(busy, Plan.STARTER);
        row(idle, today(), 0, 0, 3, Instant.now().minus(Duration.ofMinutes(40)));
        row(busy, today(), 0, 0, 3, Instant.now().minus(Duration.ofMinutes(2)));

        assertThat(post("/api/v1/quota/cleanup-stale", root(), Map.of()).status()).isEqualTo(200);

        assertThat(read(idle, today()).orElseThrow().longValue("concurrent_pipelines_running"))
                .as("slots of runs that never started are freed after 30 minutes").isZero();
        assertThat(read(busy, today()).orElseThrow().longValue("concurrent_pipelines_running"))
                .as("fresh reservations whose runs are not logged yet are kept").isEqualTo(3);
    }

    @Test
    void theValidatorHealsAStaleSlotBeforeReserving() {
        OrgSlug org = newSlug("heal");
        String key = onboarded(org, Plan.STARTER);
        appDb.sql("UPDATE organizations SET concurrent_pipelines_limit = 1 WHERE org_slug = :org")
                .param("org", org.value()).update();
        row(org, today(), 0, 0, 1, Instant.now().minus(Duration.ofMinutes(40)));
        String stale = run(org, "RUNNING", Instant.now().minus(Duration.ofMinutes(40)), today());

        Response healed = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);

        assertThat(healed.status()).isEqualTo(200);
        assertThat(healed.body().path("valid").asBoolean()).as(healed.body().toString()).isTrue();
        assertThat(healed.body().path("quota").path("concurrent_pipelines_running").asLong()).isEqualTo(1);
        assertThat(runRow(stale).string("status")).isEqualTo("FAILED");

        Response full = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);

        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body().path("valid").asBoolean()).isFalse();
        assertThat(full.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(full.body().path("error").asString())
                .isEqualTo("Concurrent pipeline limit reached (1 pipelines). Wait for running pipelines to complete.");
        assertThat(read(org, today()).orElseThrow().longValue("concurrent_pipelines_running"))
                .as("a refusal reserves nothing").isEqualTo(1);
    }

    @Test
    void concurrentReservationsReleaseAStaleSlotExactlyOnce() throws Exception {
        OrgSlug org = newSlug("healrace");
        String key = onboarded(org, Plan.STARTER);
        appDb.sql("""
                UPDATE organizations SET pipelines_per_day_limit = 100, concurrent_pipelines_limit = 100
                WHERE org_slug = :org""").param("org", org.value()).update();
        Instant now = Instant.now();
        row(org, today(), 0, 0, 3, now.minus(Duration.ofMinutes(1)));
        String stale = run(org, "RUNNING", now.minus(Duration.ofMinutes(45)), today());
        run(org, "RUNNING", now.minus(Duration.ofMinutes(5)), today());
        run(org, "RUNNING", now.minus(Duration.ofMinutes(5)), today());
        int calls = 12;

        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls)) {
            for (int i = 0; i < calls; i++) {
                answers.add(pool.submit(() -> post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD)));
            }
        }
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
            assertThat(response.body().path("valid").asBoolean()).as(response.body().toString()).isTrue();
        }

        assertThat(runRow(stale).string("status")).isEqualTo("FAILED");
        assertThat(read(org, today()).orElseThrow().longValue("concurrent_pipelines_running"))
                .as("two runs in progress plus every granted reservation; the stale slot released once")
                .isEqualTo(2 + calls);
    }

    // ---------------------------------------------------------------- retention

    @Test
    void cleanupOldDeletesRowsPastTheRetentionAndKeepsRecentOnes() {
        OrgSlug org = newSlug("retention");
        onboarded(org, Plan.STARTER);
        for (int daysAgo : List.of(120, 91, 90, 89, 10)) {
            row(org, today().minusDays(daysAgo), 1, 1, 0, null);
        }

        Response cleanup = post("/api/v1/quota/cleanup-old", root(), Map.of());

        assertThat(cleanup.status()).isEqualTo(200);
        assertThat(cleanup.body().path("success").asBoolean()).isTrue();
        assertThat(cleanup.body().path("message").asString()).matches("Deleted ([2-9]|\\d{2,}) quota rows older than 90 days");
        assertThat(read(org, today().minusDays(120))).isEmpty();
        assertThat(read(org, today().minusDays(91))).isEmpty();
        assertThat(read(org, today().minusDays(90))).isPresent();
        assertThat(read(org, today().minusDays(89))).isPresent();
        assertThat(read(org, today().minusDays(10))).isPresent();
        assertThat(read(org, today())).isPresent();

        assertThat(post("/api/v1/quota/cleanup-old?days=60", root(), Map.of()).status()).isEqualTo(200);
        assertThat(read(org, today().minusDays(89))).isEmpty();
        assertThat(read(org, today().minusDays(10))).isPresent();
        Response tooShort = post("/api/v1/quota/cleanup-old?days=29", root(), Map.of());
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body().path("error").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(post("/api/v1/quota/cleanup-old?days=ninety", root(), Map.of()).status()).isEqualTo(400);
        assertThat(read(org, today().minusDays(10))).isPresent();
    }

    // ---------------------------------------------------------------- refusals at each limit

    @Test
    void aReachedMonthlyLimitIsRefusedWithTheContractMessage() {
        OrgSlug org = newSlug("monthcap");
        String key = onboarded(org, Plan.STARTER);
        appDb.sql("UPDATE organizations SET pipelines_per_month_limit = 3 WHERE org_slug = :org")
                .param("org", org.value()).update();
        row(org, today(), 0, 3, 0, null);

        Response refused = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body().path("valid").asBoolean()).isFalse();
        assertThat(refused.body().path("error_code").asString()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(refused.body().path("error").asString())
                .isEqualTo("Monthly pipeline quota exceeded (3 pipelines/month). Upgrade your plan.");
        assertThat(read(org, today()).orElseThrow().longValue("concurrent_pipelines_running")).isZero();
    }

    @Test
    void runsInProgressCountAgainstTheDailyLimitAndFailedRunsGiveTheirSlotBack() {
        OrgSlug org = newSlug("inflight");
        String key = onboarded(org, Plan.STARTER);
        appDb.sql("UPDATE organizations SET pipelines_per_day_limit = 2 WHERE org_slug = :org")
                .param("org", org.value()).update();
        row(org, today(), 1, 1, 0, null);

        Response granted = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);
        Response refused = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);

        assertThat(granted.body().path("valid").asBoolean()).as(granted.body().toString()).isTrue();
        assertThat(refused.body().path("valid").asBoolean()).isFalse();
        assertThat(refused.body().path("error").asString()).isEqualTo(
                "Pipelines in progress already use the rest of today's quota (2 pipelines/day). Wait for them to complete.");

        post("/api/v1/validator/complete/" + org + "?pipeline_status=FAILED", orgKey(key), Map.of());
        Response afterFailure = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);
        assertThat(afterFailure.body().path("valid").asBoolean()).as("a failed run burns no quota").isTrue();
        post("/api/v1/validator/complete/" + org + "?pipeline_status=SUCCESS", orgKey(key), Map.of());
        Response dailyFull = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_UPLOAD);
        assertThat(dailyFull.body().path("error").asString())
                .isEqualTo("Daily pipeline quota exceeded (2 pipelines/day). Try again tomorrow.");
    }

    @Test
    void refusalsTellWhenToRetry() {
        OrgSlug org = newSlug("retry");
        onboarded(org, Plan.STARTER);
        Instant now = Instant.now();

        row(org, today(), 1, 1, 0, null);
        RetryLaterException daily = refusal(org, new QuotaLimits(1, 180, 20, 2, 3));
        row(org, today(), 0, 1, 0, null);
        RetryLaterException monthly = refusal(org, new QuotaLimits(6, 1, 20, 2, 3));
        row(org, today(), 0, 0, 1, Instant.now());
        RetryLaterException concurrent = refusal(org, new QuotaLimits(6, 180, 1, 2, 3));

        long toMidnight = Duration.between(now, today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds();
        long toNextMonth = Duration.between(now, today().withDayOfMonth(1).plusMonths(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC)).toSeconds();
        assertThat(daily.code().httpStatus()).isEqualTo(429);
        assertThat(daily.getMessage()).isEqualTo("Daily pipeline quota exceeded (1 pipelines/day). Try again tomorrow.");
        assertThat(daily.retryAfterSeconds()).isCloseTo(toMidnight, within(10L)).isBetween(1L, 86_400L);
        assertThat(monthly.getMessage()).isEqualTo("Monthly pipeline quota exceeded (1 pipelines/month). Upgrade your plan.");
        assertThat(monthly.retryAfterSeconds()).isCloseTo(toNextMonth, within(10L));
        assertThat(concurrent.getMessage())
                .isEqualTo("Concurrent pipeline limit reached (1 pipelines). Wait for running pipelines to complete.");
        assertThat(concurrent.retryAfterSeconds()).isEqualTo(300);
    }

    @Test
    void theQuotaJobsNeedTheRootKey() {
        OrgSlug org = newSlug("jobsauth");
        String key = onboarded(org, Plan.STARTER);
        row(org, today(), 2, 7, 0, null);

        for (String job : List.of("reset-daily", "reset-monthly?force=true", "cleanup-stale", "cleanup-old?days=30")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/quota/" + job))
                    .POST(HttpRequest.BodyPublishers.noBody());
            Response withOrgKey = send(request.copy(), orgKey(key));
            Response withoutKey = send(request.copy(), Map.of());

            assertThat(withOrgKey.status()).as(job).isEqualTo(403);
            assertThat(withOrgKey.body().path("error").asString()).as(job).isEqualTo("FORBIDDEN");
            assertThat(withoutKey.status()).as(job).isEqualTo(401);
            assertThat(withoutKey.body().path("error").asString()).as(job).isEqualTo("ROOT_KEY_REQUIRED");
        }
        assertThat(read(org, today()).orElseThrow().longValue("pipelines_run_month"))
                .as("refused jobs changed nothing").isEqualTo(7);
    }

    // ---------------------------------------------------------------- helpers

    private RetryLaterException refusal(OrgSlug org, QuotaLimits limits) {
        return catchThrowableOfType(RetryLaterException.class, () -> quotaService.reserve(org, limits));
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Writes (or replaces) the org's quota row of one day. */
    private void row(OrgSlug org, LocalDate date, long runToday, long runMonth, long running, Instant lastStarted) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", org.value() + "_" + date.format(DateTimeFormatter.BASIC_ISO_DATE));
        params.put("org", org.value());
        params.put("date", date);
        params.put("today", runToday);
        params.put("month", runMonth);
        params.put("running", running);
        params.put("started", lastStarted);
        params.put("now", Instant.now());
        warehouse.execute(UPSERT_ROW, params);
    }

    private void deleteRow(OrgSlug org, LocalDate date) {
        warehouse.execute(SqlText.of("DELETE FROM ${c}.org_usage_quotas WHERE org_slug = @org AND usage_date = @d")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value(), "d", date));
    }

    private Optional<Row> read(OrgSlug org, LocalDate date) {
        return warehouse.query(SqlText.of("SELECT * FROM ${c}.org_usage_quotas WHERE org_slug = @org AND usage_date = @d")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value(), "d", date)).stream().findFirst();
    }

    /** A pipeline run as the pipeline service logs it; returns its id. */
    private String run(OrgSlug org, String status, Instant started, LocalDate reservationDate) {
        String id = UUID.randomUUID().toString();
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_meta_pipeline_runs (pipeline_logging_id, org_slug, pipeline_id, status, trigger_type,
                    start_time, run_date, reservation_date, created_at)
                VALUES (@id, @org, @pipeline, @status, 'api', @started, @date, @reserved, @started)""")
                .with("c", DatasetName.CENTRAL), Map.of("id", id, "org", org.value(),
                "pipeline", org + "-cloud-aws-cost-billing", "status", status, "started", started,
                "date", reservationDate, "reserved", reservationDate));
        return id;
    }

    private Row runRow(String id) {
        return warehouse.query(SqlText.of("SELECT * FROM ${c}.org_meta_pipeline_runs WHERE pipeline_logging_id = @id")
                .with("c", DatasetName.CENTRAL), Map.of("id", id)).getFirst();
    }

    private long count(String sql, Map<String, ?> params) {
        return warehouse.query(SqlText.of(sql).with("c", DatasetName.CENTRAL), params).getFirst().longValue("n");
    }
}
