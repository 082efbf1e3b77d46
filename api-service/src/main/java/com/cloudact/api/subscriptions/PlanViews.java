package com.cloudact.api.subscriptions;

import com.cloudact.api.subscriptions.PlanTemplates.PlanTemplate;
import com.cloudact.api.subscriptions.SubscriptionCostBackfill.Backfill;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Response bodies of the Subscription Plans routes (spec §1.5) and of the provider subscription routes (§1.4). */
final class PlanViews {

    private PlanViews() {
    }

    record ProviderInfo(String provider, String displayName, String category, boolean isEnabled, long planCount,
                        boolean isCustom) {
    }

    record ProviderList(List<ProviderInfo> providers, int total) {
    }

    record ProviderEnabled(boolean success, String provider, int plansSeeded, String message) {
    }

    record ProviderDisabled(boolean success, String provider, long plansDeleted, String message) {
    }

    record CurrencyTotals(BigDecimal monthly, BigDecimal annual) {
    }

    record PlanList(List<SubscriptionPlan> plans, int total, BigDecimal totalMonthlyCost, BigDecimal totalAnnualCost,
                    Map<String, CurrencyTotals> totalsByCurrency) {
    }

    record Templates(String provider, List<PlanTemplate> plans, int total) {
    }

    record PlanCreated(boolean success, SubscriptionPlan plan, String message, List<String> warnings,
                       Backfill backfill) {
    }

    record PlanUpdated(boolean success, SubscriptionPlan plan, String message, List<String> warnings) {
    }

    record VersionCreated(boolean success, SubscriptionPlan newPlan, SubscriptionPlan oldPlan, String message,
                          Backfill backfill) {
    }

    record PlanEnded(boolean success, String subscriptionId, String message, Backfill backfill) {
    }

    record PlanToggled(boolean success, String subscriptionId, String status, String message) {
    }

    record Summary(long totalPlans, long activePlans, long providers, BigDecimal totalMonthlyCost,
                   BigDecimal totalAnnualCost, Map<String, CurrencyTotals> totalsByCurrency,
                   Map<String, Long> plansByCategory) {
    }

    record Pagination(int page, int pageSize, long total, int totalPages, boolean hasNext, boolean hasPrevious) {
    }

    record AllPlans(boolean success, List<SubscriptionPlan> plans, Summary summary, Pagination pagination,
                    String message) {
    }

    /** A provider-level subscription tier (§1.4) as the integrations router answers it. */
    record ProviderSubscription(String subscriptionId, String provider, String planName, String displayName,
                                boolean isCustom, int quantity, BigDecimal unitPrice, String currency,
                                String pricingModel, LocalDate effectiveDate, LocalDate endDate, boolean isEnabled,
                                String status, String notes, String tierType, LocalDate trialEndDate, Long rpmLimit,
                                Long tpmLimit, Long rpdLimit, Long tpdLimit, String billingPeriod,
                                BigDecimal yearlyPrice, String discountType, BigDecimal discountValue,
                                String category, Instant createdAt, Instant updatedAt) {

        static ProviderSubscription of(SubscriptionPlan p) {
            return new ProviderSubscription(p.subscriptionId(), p.provider(), p.planName(), p.displayName(),
                    "custom".equals(p.provider()), p.seats(), p.unitPrice(), p.currency(), p.pricingModel(),
                    p.startDate(), p.endDate(), p.active(), p.status(), p.notes(), p.tierType(), p.trialEndDate(),
                    p.rpmLimit(), p.tpmLimit(), p.rpdLimit(), p.tpdLimit(), p.billingCycle(), p.yearlyPrice(),
                    p.discountType(), p.discountValue(), p.category(), p.createdAt(), p.updatedAt());
        }
    }

    record ProviderSubscriptionList(String orgSlug, String provider, List<ProviderSubscription> subscriptions,
                                    int count) {
    }

    record ProviderSubscriptionsReset(boolean success, String provider, long subscriptionsDeleted,
                                      int subscriptionsSeeded, String message) {
    }
}
