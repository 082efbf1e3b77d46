package com.cloudact.api.costs;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostsIntegrationTests extends ApiIntegrationTest {

    @Test
    void summaryAddsExactDecimalsWithinTheRange() {
        OrgSlug org = newSlug("costs");
        String key = onboarded(org, Plan.STARTER);
        insert(org, "2026-03-01", "0.0000000181", "0", "AWS", "Compute");
        insert(org, "2026-03-01", "0.07", "0.05", "AWS", "Storage");
        insert(org, "2026-03-02", "1.6123086793", "1.6123086793", "AWS", "Compute");
        insert(org, "2026-04-15", "100.00", "90.00", "Google Cloud", "Compute");

        Response march = get("/api/v1/costs/" + org + "/summary?start_date=2026-03-01&end_date=2026-03-31", orgKey(key));

        assertThat(march.status()).isEqualTo(200);
        var summary = march.body().path("summary");
        assertThat(summary.path("total_billed_cost").decimalValue()).isEqualByComparingTo("1.6823086974");
        assertThat(summary.path("total_effective_cost").decimalValue()).isEqualByComparingTo("1.6623086793");
        assertThat(summary.path("total_savings").decimalValue()).isEqualByComparingTo("0.0200000181");
        assertThat(summary.path("record_count").asLong()).isEqualTo(3);
        assertThat(summary.path("providers").toString()).isEqualTo("[\"AWS\"]");
        assertThat(summary.path("first_charge_date").asString()).isEqualTo("2026-03-01");
        assertThat(march.body().path("currency").asString()).isEqualTo("USD");
    }

    @Test
    void trendGroupsByDayWeekAndMonth() {
        OrgSlug org = newSlug("trend");
        String key = onboarded(org, Plan.STARTER);
        insert(org, "2026-03-02", "1.00", "1.00", "AWS", "Compute");
        insert(org, "2026-03-02", "2.50", "2.50", "AWS", "Storage");
        insert(org, "2026-03-04", "4.00", "4.00", "AWS", "Compute");
        insert(org, "2026-04-01", "8.00", "8.00", "AWS", "Compute");
        String range = "&start_date=2026-03-01&end_date=2026-04-30";

        var daily = get("/api/v1/costs/" + org + "/trend?granularity=daily" + range, orgKey(key)).body().path("data");
        var weekly = get("/api/v1/costs/" + org + "/trend?granularity=weekly" + range, orgKey(key)).body().path("data");
        var monthly = get("/api/v1/costs/" + org + "/trend?granularity=monthly" + range, orgKey(key)).body().path("data");

        assertThat(daily.size()).isEqualTo(3);
        assertThat(daily.get(0).path("billed_cost").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(weekly.size()).isEqualTo(2);
        assertThat(weekly.get(0).path("date").asString()).isEqualTo("2026-03-02");
        assertThat(weekly.get(0).path("billed_cost").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(monthly.get(0).path("billed_cost").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(monthly.get(1).path("billed_cost").decimalValue()).isEqualByComparingTo("8");
    }

    @Test
    void readsAreCachedUntilInvalidated() {
        OrgSlug org = newSlug("cache");
        String key = onboarded(org, Plan.STARTER);
        String summary = "/api/v1/costs/" + org + "/summary?start_date=2026-01-01&end_date=2026-12-31";
        insert(org, "2026-05-05", "10", "10", "AWS", "Compute");

        assertThat(get(summary, orgKey(key)).body().path("cache_hit").asBoolean()).isFalse();
        insert(org, "2026-05-06", "5", "5", "AWS", "Compute");
        Response cached = get(summary, orgKey(key));
        assertThat(cached.body().path("cache_hit").asBoolean()).isTrue();
        assertThat(cached.body().path("summary").path("total_billed_cost").decimalValue()).isEqualByComparingTo("10");

        assertThat(post("/api/v1/costs/" + org + "/cache/invalidate", orgKey(key), Map.of()).status()).isEqualTo(200);
        Response fresh = get(summary, orgKey(key));
        assertThat(fresh.body().path("cache_hit").asBoolean()).isFalse();
        assertThat(fresh.body().path("summary").path("total_billed_cost").decimalValue()).isEqualByComparingTo("15");
    }

    @Test
    void badDateRangesAre400() {
        OrgSlug org = newSlug("dates");
        String key = onboarded(org, Plan.STARTER);

        assertThat(get("/api/v1/costs/" + org + "/summary?start_date=2026-05-01&end_date=2026-04-01", orgKey(key))
                .status()).isEqualTo(400);
        assertThat(get("/api/v1/costs/" + org + "/summary?start_date=yesterday&end_date=2026-04-01", orgKey(key))
                .status()).isEqualTo(400);
        assertThat(get("/api/v1/costs/" + org + "/summary?start_date=2026-05-01", orgKey(key)).status()).isEqualTo(400);
        assertThat(get("/api/v1/costs/" + org + "/trend?granularity=hourly", orgKey(key)).status()).isEqualTo(400);
    }

    private void insert(OrgSlug org, String day, String billed, String effective, String provider, String category) {
        Instant start = LocalDate.parse(day).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        Map<String, Object> params = new HashMap<>();
        params.put("billed", new BigDecimal(billed));
        params.put("effective", new BigDecimal(effective));
        params.put("start", start);
        params.put("end", start.plusSeconds(86_400));
        params.put("provider", provider);
        params.put("category", category);
        params.put("org", org.value());
        params.put("day", LocalDate.parse(day));
        warehouse.execute(SqlText.of("""
                INSERT INTO ${org}.cost_data_standard_1_3 (BilledCost, BillingAccountId, BillingCurrency,
                    BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeFrequency, ChargePeriodEnd,
                    ChargePeriodStart, ContractedCost, EffectiveCost, HostProviderName, InvoiceIssuerName, ListCost,
                    ProviderName, PublisherName, ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory,
                    x_source_system, x_cost_type, x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date,
                    x_run_id, x_ingested_at, x_ingestion_date)
                VALUES (@billed, 'acct', 'USD', @end, @start, 'Usage', 'Usage-Based', @end, @start, @billed,
                    @effective, @provider, @provider, @billed, @provider, @provider, @category, 'Service', @provider,
                    'Other', 'test', 'cloud', @org, 'test', 'test', @day, 'run', @start, @day)""")
                .with("org", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), params);
    }
}
