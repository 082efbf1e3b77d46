package com.cloudact.model;

import java.math.BigDecimal;
import java.util.Locale;

/** Subscription plans and the quotas each allows (requirements FR-ARCH-008, decisions §3). */
public enum Plan {
    STARTER(6, 180, 20, 2, 3, new BigDecimal("19")),
    PROFESSIONAL(25, 750, 20, 6, 6, new BigDecimal("69")),
    SCALE(100, 3000, 20, 11, 10, new BigDecimal("199")),
    /** Negotiated contracts: limits are set per organization; these are the ceilings. */
    ENTERPRISE(999_999, 999_999, 999_999, 999_999, 999_999, null);

    private final int dailyPipelines;
    private final int monthlyPipelines;
    private final int concurrentPipelines;
    private final int seats;
    private final int providers;
    private final BigDecimal monthlyPriceUsd;

    Plan(int dailyPipelines, int monthlyPipelines, int concurrentPipelines, int seats, int providers,
         BigDecimal monthlyPriceUsd) {
        this.dailyPipelines = dailyPipelines;
        this.monthlyPipelines = monthlyPipelines;
        this.concurrentPipelines = concurrentPipelines;
        this.seats = seats;
        this.providers = providers;
        this.monthlyPriceUsd = monthlyPriceUsd;
    }

    public QuotaLimits limits() {
        return new QuotaLimits(dailyPipelines, monthlyPipelines, concurrentPipelines, seats, providers);
    }

    /** Monthly list price in USD; empty for {@link #ENTERPRISE}, which is priced per contract. */
    public java.util.Optional<BigDecimal> monthlyPriceUsd() {
        return java.util.Optional.ofNullable(monthlyPriceUsd);
    }

    /** Case-insensitive lookup; unknown names are a client error. */
    public static Plan parse(String name) {
        if (name != null) {
            for (Plan plan : values()) {
                if (plan.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                    return plan;
                }
            }
        }
        throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                "Unknown subscription plan '%s' (expected STARTER, PROFESSIONAL, SCALE or ENTERPRISE)".formatted(name));
    }
}
