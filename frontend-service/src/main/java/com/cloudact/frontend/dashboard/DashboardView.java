package com.cloudact.frontend.dashboard;

import java.util.List;

/** What the dashboard page shows (public: templates read it by reflection). */
public record DashboardView(String orgSlug, String periodKey, String periodLabel, String startDate, String endDate,
                     String currency, String totalCost, String exactTotal, String dailyRate, String effectiveCost,
                     String savings, long recordCount, int daysWithData, List<String> providers, String chartJson,
                     List<PeriodOption> periods, String error) {

    /** One choice of the period selector. */
    public record PeriodOption(String key, String label) {
    }
}
