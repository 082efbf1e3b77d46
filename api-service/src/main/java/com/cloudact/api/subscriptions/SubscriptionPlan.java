package com.cloudact.api.subscriptions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a SaaS plan, as the {@code subscription_plans} row holds it and the API answers it. Money is
 * exact ({@code unit_price} is the price of one billing cycle, per seat for PER_SEAT; {@code yearly_price} the
 * price of a year for annual plans). The tier and limit fields are those of provider-level subscriptions (the
 * integrations router).
 */
record SubscriptionPlan(String subscriptionId, String orgSlug, String provider, String planName, String displayName,
                        String category, String status, LocalDate startDate, LocalDate endDate, String billingCycle,
                        Integer billingAnchorDay, String currency, int seats, String pricingModel,
                        BigDecimal unitPrice, BigDecimal yearlyPrice, String discountType, BigDecimal discountValue,
                        boolean autoRenew, String paymentMethod, String invoiceIdLast, String ownerEmail,
                        String department, LocalDate renewalDate, String contractId, String notes,
                        String sourceCurrency, BigDecimal sourcePrice, BigDecimal exchangeRateUsed, String tierType,
                        LocalDate trialEndDate, Long rpmLimit, Long tpmLimit, Long rpdLimit, Long tpdLimit,
                        String hierarchyEntityId, String hierarchyEntityName, String hierarchyLevelCode,
                        String hierarchyPath, String hierarchyPathNames, Instant createdAt, Instant updatedAt) {

    boolean active() {
        return "active".equals(status);
    }

    SubscriptionPlan withStatus(String newStatus, LocalDate newEndDate, Instant now) {
        return new SubscriptionPlan(subscriptionId, orgSlug, provider, planName, displayName, category, newStatus,
                startDate, newEndDate, billingCycle, billingAnchorDay, currency, seats, pricingModel, unitPrice,
                yearlyPrice, discountType, discountValue, autoRenew, paymentMethod, invoiceIdLast, ownerEmail,
                department, renewalDate, contractId, notes, sourceCurrency, sourcePrice, exchangeRateUsed, tierType,
                trialEndDate, rpmLimit, tpmLimit, rpdLimit, tpdLimit, hierarchyEntityId, hierarchyEntityName,
                hierarchyLevelCode, hierarchyPath, hierarchyPathNames, createdAt, now);
    }
}
