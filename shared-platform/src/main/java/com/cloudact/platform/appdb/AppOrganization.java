package com.cloudact.platform.appdb;

import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.QuotaLimits;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An organization as the app database knows it: plan, limits and billing state. */
public record AppOrganization(UUID id, OrgSlug slug, String name, Plan plan, String billingStatus,
                              Integer dailyLimit, Integer monthlyLimit, Integer concurrentLimit, Integer seatLimit,
                              Integer providersLimit, String defaultCurrency, String defaultTimezone,
                              int fiscalYearStartMonth, boolean backendOnboarded, Optional<Instant> trialEndsAt,
                              String stripeSubscriptionId, Instant createdAt, Instant updatedAt) {

    /** The effective limits: the org's own values where set, else its plan's. */
    public QuotaLimits limits() {
        QuotaLimits plan = this.plan.limits();
        return new QuotaLimits(
                dailyLimit != null ? dailyLimit : plan.dailyPipelines(),
                monthlyLimit != null ? monthlyLimit : plan.monthlyPipelines(),
                concurrentLimit != null ? concurrentLimit : plan.concurrentPipelines(),
                seatLimit != null ? seatLimit : plan.seats(),
                providersLimit != null ? providersLimit : plan.providers());
    }

    /** Whether billing allows pipelines to run (an active or trialing subscription). */
    public boolean subscriptionActive() {
        return billingStatus.equals("active") || billingStatus.equals("trialing");
    }

    /** The reference's upper-case status names (ACTIVE, TRIAL, PAST_DUE, ...). */
    public String subscriptionStatus() {
        return switch (billingStatus) {
            case "trialing" -> "TRIAL";
            case "canceled" -> "CANCELED";
            default -> billingStatus.toUpperCase(java.util.Locale.ROOT);
        };
    }
}
