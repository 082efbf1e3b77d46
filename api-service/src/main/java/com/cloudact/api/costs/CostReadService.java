package com.cloudact.api.costs;

import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.api.organizations.OrgProfiles;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Reads an org's costs from its FOCUS 1.3 table. Tenancy is twofold: the SQL reads only the org's own dataset,
 * and filters on {@code x_org_slug}. Sums are computed in the warehouse as exact decimals.
 */
@Service
class CostReadService {

    private static final SqlText SUMMARY = SqlText.resource(CostReadService.class, "summary.sql");
    private static final SqlText DIMENSIONS = SqlText.resource(CostReadService.class, "dimensions.sql");
    private static final SqlText DAILY = SqlText.resource(CostReadService.class, "daily.sql");

    private final Warehouse warehouse;
    private final OrgProfiles profiles;
    private final CostCache cache;
    private final Clock clock;

    CostReadService(Warehouse warehouse, OrgProfiles profiles, CostCache cache, Clock clock) {
        this.warehouse = warehouse;
        this.profiles = profiles;
        this.cache = cache;
        this.clock = clock;
    }

    CostResponse summary(OrgSlug org, String startDate, String endDate) {
        long started = System.nanoTime();
        OrgProfile profile = profile(org);
        DateRange range = DateRange.resolve(startDate, endDate, today(), profile.fiscalYearStartMonth());
        CostCache.Lookup<CostSummary> lookup = cache.get(org, "summary", range, () -> loadSummary(profile, range));
        return new CostResponse(true, org.value(), profile.defaultCurrency(), lookup.value(), List.of(), null,
                lookup.hit(), elapsedMillis(started));
    }

    CostResponse trend(OrgSlug org, String granularity, Integer days, String startDate, String endDate) {
        long started = System.nanoTime();
        OrgProfile profile = profile(org);
        DateRange range;
        if (startDate == null && endDate == null && days != null) {
            if (days < 1 || days > 365) {
                throw new CloudActException(ErrorCode.INVALID_PARAMETER, "days must be 1-365");
            }
            range = new DateRange(today().minusDays(days - 1L), today());
        } else {
            range = DateRange.resolve(startDate, endDate, today(), profile.fiscalYearStartMonth());
        }
        String grain = granularity == null ? "daily" : granularity;
        if (!List.of("daily", "weekly", "monthly").contains(grain)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "granularity must be daily, weekly or monthly");
        }
        CostCache.Lookup<List<CostPoint>> lookup = cache.get(org, "daily", range, () -> loadDaily(profile, range));
        return new CostResponse(true, org.value(), profile.defaultCurrency(), null, rollUp(lookup.value(), grain),
                grain, lookup.hit(), elapsedMillis(started));
    }

    int invalidate(OrgSlug org) {
        return cache.invalidate(org);
    }

    private CostSummary loadSummary(OrgProfile profile, DateRange range) {
        Map<String, Object> params = params(profile, range);
        Row totals = warehouse.query(SUMMARY.with("org", profile.dataset()), params).getFirst();
        List<Row> dimensions = warehouse.query(DIMENSIONS.with("org", profile.dataset()), params);
        BigDecimal billed = Money.normalize(totals.decimal("total_billed_cost"));
        BigDecimal effective = Money.normalize(totals.decimal("total_effective_cost"));
        return new CostSummary(billed, effective, Money.normalize(totals.decimal("total_list_cost")),
                Money.normalize(billed.subtract(effective)), totals.longValue("record_count"),
                new CostSummary.DateRangeView(range.start(), range.end()), totals.date("first_charge_date"),
                totals.date("last_charge_date"), distinct(dimensions, "provider"), distinct(dimensions, "category"),
                distinct(dimensions, "currency"));
    }

    private List<CostPoint> loadDaily(OrgProfile profile, DateRange range) {
        return warehouse.query(DAILY.with("org", profile.dataset()), params(profile, range)).stream()
                .map(row -> new CostPoint(row.date("charge_date"), Money.normalize(row.decimal("billed_cost")),
                        Money.normalize(row.decimal("effective_cost")), row.longValue("record_count")))
                .toList();
    }

    private static List<CostPoint> rollUp(List<CostPoint> daily, String grain) {
        if (grain.equals("daily")) {
            return daily;
        }
        Map<LocalDate, CostPoint> periods = new TreeMap<>();
        for (CostPoint day : daily) {
            LocalDate start = grain.equals("weekly")
                    ? day.date().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    : day.date().withDayOfMonth(1);
            periods.merge(start, new CostPoint(start, day.billedCost(), day.effectiveCost(), day.recordCount()),
                    (a, b) -> new CostPoint(start, a.billedCost().add(b.billedCost()),
                            a.effectiveCost().add(b.effectiveCost()), a.recordCount() + b.recordCount()));
        }
        return List.copyOf(periods.values());
    }

    private OrgProfile profile(OrgSlug org) {
        return profiles.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded"));
    }

    private static Map<String, Object> params(OrgProfile profile, DateRange range) {
        return Map.of("org_slug", profile.slug().value(), "start_date", range.start(), "end_date", range.end());
    }

    private static List<String> distinct(List<Row> rows, String column) {
        return rows.stream().map(r -> r.string(column)).filter(v -> v != null).distinct().sorted().toList();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
