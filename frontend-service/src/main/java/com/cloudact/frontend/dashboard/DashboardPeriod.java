package com.cloudact.frontend.dashboard;

import java.time.LocalDate;
import java.util.List;

/** The time ranges the dashboard offers; the default is the last 365 days. */
enum DashboardPeriod {
    LAST_7_DAYS("7", "Last 7 days"),
    LAST_30_DAYS("30", "Last 30 days"),
    LAST_90_DAYS("90", "Last 90 days"),
    LAST_365_DAYS("365", "Last 365 days"),
    MONTH_TO_DATE("mtd", "Month to date"),
    YEAR_TO_DATE("ytd", "Year to date");

    private final String key;
    private final String label;

    DashboardPeriod(String key, String label) {
        this.key = key;
        this.label = label;
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    LocalDate start(LocalDate today) {
        return switch (this) {
            case LAST_7_DAYS -> today.minusDays(6);
            case LAST_30_DAYS -> today.minusDays(29);
            case LAST_90_DAYS -> today.minusDays(89);
            case LAST_365_DAYS -> today.minusDays(364);
            case MONTH_TO_DATE -> today.withDayOfMonth(1);
            case YEAR_TO_DATE -> today.withDayOfYear(1);
        };
    }

    static DashboardPeriod parse(String key) {
        for (DashboardPeriod period : values()) {
            if (period.key.equals(key)) {
                return period;
            }
        }
        return LAST_365_DAYS;
    }

    static List<DashboardPeriod> all() {
        return List.of(values());
    }
}
