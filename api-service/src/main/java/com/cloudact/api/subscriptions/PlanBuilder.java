package com.cloudact.api.subscriptions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A mutable copy of a plan, for creating one and for applying the fields an update or a new version sets. */
final class PlanBuilder {

    String subscriptionId;
    String orgSlug;
    String provider;
    String planName;
    String displayName;
    String category;
    String status;
    LocalDate startDate;
    LocalDate endDate;
    String billingCycle;
    Integer billingAnchorDay;
    String currency;
    int seats;
    String pricingModel;
    BigDecimal unitPrice;
    BigDecimal yearlyPrice;
    String discountType;
    BigDecimal discountValue;
    boolean autoRenew;
    String paymentMethod;
    String invoiceIdLast;
    String ownerEmail;
    String department;
    LocalDate renewalDate;
    String contractId;
    String notes;
    String sourceCurrency;
    BigDecimal sourcePrice;
    BigDecimal exchangeRateUsed;
    String tierType;
    LocalDate trialEndDate;
    Long rpmLimit;
    Long tpmLimit;
    Long rpdLimit;
    Long tpdLimit;
    String hierarchyEntityId;
    String hierarchyEntityName;
    String hierarchyLevelCode;
    String hierarchyPath;
    String hierarchyPathNames;
    Instant createdAt;
    Instant updatedAt;

    PlanBuilder() {
    }

    PlanBuilder(SubscriptionPlan p) {
        subscriptionId = p.subscriptionId();
        orgSlug = p.orgSlug();
        provider = p.provider();
        planName = p.planName();
        displayName = p.displayName();
        category = p.category();
        status = p.status();
        startDate = p.startDate();
        endDate = p.endDate();
        billingCycle = p.billingCycle();
        billingAnchorDay = p.billingAnchorDay();
        currency = p.currency();
        seats = p.seats();
        pricingModel = p.pricingModel();
        unitPrice = p.unitPrice();
        yearlyPrice = p.yearlyPrice();
        discountType = p.discountType();
        discountValue = p.discountValue();
        autoRenew = p.autoRenew();
        paymentMethod = p.paymentMethod();
        invoiceIdLast = p.invoiceIdLast();
        ownerEmail = p.ownerEmail();
        department = p.department();
        renewalDate = p.renewalDate();
        contractId = p.contractId();
        notes = p.notes();
        sourceCurrency = p.sourceCurrency();
        sourcePrice = p.sourcePrice();
        exchangeRateUsed = p.exchangeRateUsed();
        tierType = p.tierType();
        trialEndDate = p.trialEndDate();
        rpmLimit = p.rpmLimit();
        tpmLimit = p.tpmLimit();
        rpdLimit = p.rpdLimit();
        tpdLimit = p.tpdLimit();
        hierarchyEntityId = p.hierarchyEntityId();
        hierarchyEntityName = p.hierarchyEntityName();
        hierarchyLevelCode = p.hierarchyLevelCode();
        hierarchyPath = p.hierarchyPath();
        hierarchyPathNames = p.hierarchyPathNames();
        createdAt = p.createdAt();
        updatedAt = p.updatedAt();
    }

    SubscriptionPlan build() {
        return new SubscriptionPlan(subscriptionId, orgSlug, provider, planName, displayName, category, status,
                startDate, endDate, billingCycle, billingAnchorDay, currency, seats, pricingModel, unitPrice,
                yearlyPrice, discountType, discountValue, autoRenew, paymentMethod, invoiceIdLast, ownerEmail,
                department, renewalDate, contractId, notes, sourceCurrency, sourcePrice, exchangeRateUsed, tierType,
                trialEndDate, rpmLimit, tpmLimit, rpdLimit, tpdLimit, hierarchyEntityId, hierarchyEntityName,
                hierarchyLevelCode, hierarchyPath, hierarchyPathNames, createdAt, updatedAt);
    }
}
