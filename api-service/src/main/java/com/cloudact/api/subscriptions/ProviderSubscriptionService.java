package com.cloudact.api.subscriptions;

import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.api.subscriptions.PlanRequests.CreateProviderSubscription;
import com.cloudact.api.subscriptions.PlanRequests.UpdateProviderSubscription;
import com.cloudact.api.subscriptions.PlanTemplates.PlanTemplate;
import com.cloudact.api.subscriptions.PlanViews.ProviderSubscription;
import com.cloudact.api.subscriptions.PlanViews.ProviderSubscriptionList;
import com.cloudact.api.subscriptions.PlanViews.ProviderSubscriptionsReset;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Provider-level subscription tiers of the GenAI integrations (spec §1.4: {@code /integrations/{org}/{provider}/
 * subscriptions}, also reached as the legacy OpenAI Data routes of §1.17 with provider {@code openai}). They are
 * rows of the same {@code subscription_plans} table as the SaaS plans, so the subscription cost pipeline amortizes
 * them too. A tier names no hierarchy entity unless the caller gives one; without it the row is allocated to the
 * organization itself (entity id = org slug, level {@code organization}).
 */
@Service
class ProviderSubscriptionService {

    static final Set<String> PROVIDERS = Set.of("openai", "anthropic", "gemini", "deepseek", "custom");

    private final SubscriptionPlanRepository plans;
    private final SubscriptionPlanService service;
    private final PlanTemplates templates;
    private final Clock clock;

    ProviderSubscriptionService(SubscriptionPlanRepository plans, SubscriptionPlanService service,
                                PlanTemplates templates, Clock clock) {
        this.plans = plans;
        this.service = service;
        this.templates = templates;
        this.clock = clock;
    }

    static String provider(String value) {
        if (value == null || !PROVIDERS.contains(value)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                    "Provider must be one of openai, anthropic, gemini, deepseek, custom");
        }
        return value;
    }

    ProviderSubscriptionList list(OrgSlug org, String provider, boolean includeCustom, Boolean isEnabled, int limit,
                                  int offset) {
        service.profile(org);
        List<String> providers = includeCustom && !"custom".equals(provider) ? List.of(provider, "custom")
                : List.of(provider);
        List<ProviderSubscription> rows = plans.list(org, providers, false).stream()
                .filter(p -> isEnabled == null || p.active() == isEnabled)
                .map(ProviderSubscription::of).toList();
        List<ProviderSubscription> page = rows.subList(Math.min(offset, rows.size()),
                Math.min(offset + limit, rows.size()));
        return new ProviderSubscriptionList(org.value(), provider, page, page.size());
    }

    ProviderSubscription get(OrgSlug org, String provider, String planName) {
        service.profile(org);
        return ProviderSubscription.of(current(org, provider, planName));
    }

    ProviderSubscription create(OrgSlug org, String provider, CreateProviderSubscription request) {
        OrgProfile profile = service.profile(org);
        LocalDate today = service.today();
        Instant now = clock.instant();
        String planName = request.planName().strip().toUpperCase(Locale.ROOT);
        PlanBuilder b = new PlanBuilder();
        b.subscriptionId = request.subscriptionId() != null ? request.subscriptionId()
                : SubscriptionPlanService.newId(provider, planName);
        b.orgSlug = org.value();
        b.provider = provider;
        b.planName = planName;
        b.displayName = request.displayName() != null ? request.displayName() : planName;
        b.category = "llm_api";
        b.status = "active";
        b.startDate = request.effectiveDate() != null ? request.effectiveDate() : today;
        b.endDate = request.endDate();
        b.billingCycle = request.billingPeriod() != null ? request.billingPeriod() : "monthly";
        b.currency = request.currency() != null ? request.currency() : SubscriptionPlanService.orgCurrency(profile);
        b.seats = request.quantity() != null ? request.quantity() : 1;
        b.pricingModel = request.pricingModel() != null ? request.pricingModel() : "PER_SEAT";
        b.unitPrice = request.unitPrice();
        b.yearlyPrice = request.yearlyPrice();
        b.discountType = request.discountType();
        b.discountValue = request.discountValue();
        b.autoRenew = true;
        b.notes = request.notes();
        b.tierType = request.tierType() != null ? request.tierType() : "paid";
        b.trialEndDate = request.trialEndDate();
        b.rpmLimit = request.rpmLimit();
        b.tpmLimit = request.tpmLimit();
        b.rpdLimit = request.rpdLimit();
        b.tpdLimit = request.tpdLimit();
        b.createdAt = now;
        b.updatedAt = now;
        service.check(b, today);
        SubscriptionPlanService.requireOrgCurrency(profile, b.currency);
        allocate(org, profile, b, request.hierarchyEntityId());
        if (plans.find(org, b.subscriptionId).isPresent()) {
            throw new CloudActException(ErrorCode.ALREADY_EXISTS, "Subscription " + b.subscriptionId + " already exists");
        }
        if (plans.activeExists(org, provider, planName, null)) {
            throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                    "An active subscription " + planName + " of " + provider + " already exists");
        }
        SubscriptionPlan plan = b.build();
        plans.insert(org, plan);
        service.forget(org);
        return ProviderSubscription.of(plan);
    }

    ProviderSubscription update(OrgSlug org, String provider, String planName, UpdateProviderSubscription request) {
        service.profile(org);
        SubscriptionPlan current = current(org, provider, planName);
        PlanBuilder b = new PlanBuilder(current);
        if (request.displayName() != null) {
            b.displayName = request.displayName();
        }
        if (request.quantity() != null) {
            b.seats = request.quantity();
        }
        if (request.unitPrice() != null) {
            b.unitPrice = request.unitPrice();
        }
        if (request.pricingModel() != null) {
            b.pricingModel = request.pricingModel();
        }
        if (request.effectiveDate() != null) {
            b.startDate = request.effectiveDate();
        }
        if (request.endDate() != null) {
            b.endDate = request.endDate();
        }
        if (request.notes() != null) {
            b.notes = request.notes();
        }
        if (request.tierType() != null) {
            b.tierType = request.tierType();
        }
        if (request.trialEndDate() != null) {
            b.trialEndDate = request.trialEndDate();
        }
        if (request.rpmLimit() != null) {
            b.rpmLimit = request.rpmLimit();
        }
        if (request.tpmLimit() != null) {
            b.tpmLimit = request.tpmLimit();
        }
        if (request.rpdLimit() != null) {
            b.rpdLimit = request.rpdLimit();
        }
        if (request.tpdLimit() != null) {
            b.tpdLimit = request.tpdLimit();
        }
        if (request.billingPeriod() != null) {
            b.billingCycle = request.billingPeriod();
        }
        if (request.yearlyPrice() != null) {
            b.yearlyPrice = request.yearlyPrice();
        }
        if (request.discountType() != null) {
            b.discountType = request.discountType();
        }
        if (request.discountValue() != null) {
            b.discountValue = request.discountValue();
        }
        if (request.isEnabled() != null && request.isEnabled() != current.active()) {
            String target = request.isEnabled() ? "active" : "cancelled";
            boolean allowed = request.isEnabled() ? "pending".equals(current.status()) || "cancelled".equals(current.status())
                    : PlanRules.canMove(current.status(), target);
            if (!allowed) {
                throw new CloudActException(ErrorCode.BAD_REQUEST, "A " + current.status()
                        + " subscription cannot be " + (request.isEnabled() ? "enabled" : "disabled"));
            }
            if (request.isEnabled() && plans.activeExists(org, provider, current.planName(), current.subscriptionId())) {
                throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                        "An active subscription " + current.planName() + " of " + provider + " already exists");
            }
            b.status = target;
        }
        b.updatedAt = clock.instant();
        SubscriptionPlan plan = service.check(b, service.today());
        plans.update(org, plan);
        service.forget(org);
        return ProviderSubscription.of(plan);
    }

    /** Deletes every version of the tier. */
    void delete(OrgSlug org, String provider, String planName) {
        service.profile(org);
        String name = planName.toUpperCase(Locale.ROOT);
        List<SubscriptionPlan> versions = plans.list(org, List.of(provider), false).stream()
                .filter(p -> p.planName().equals(name)).toList();
        if (versions.isEmpty()) {
            throw new CloudActException(ErrorCode.NOT_FOUND, "No subscription " + name + " of " + provider);
        }
        versions.forEach(p -> plans.deleteOne(org, p.subscriptionId()));
        service.forget(org);
    }

    /** Replaces the provider's tiers with the shipped templates of that provider (none for DeepSeek and custom). */
    ProviderSubscriptionsReset reset(OrgSlug org, String provider) {
        OrgProfile profile = service.profile(org);
        plans.ensureTable(org);
        Instant now = clock.instant();
        LocalDate today = service.today();
        List<SubscriptionPlan> seeded = new ArrayList<>();
        for (PlanTemplate t : templates.of(provider)) {
            if (!t.currency().equals(SubscriptionPlanService.orgCurrency(profile))) {
                continue;
            }
            PlanBuilder b = new PlanBuilder();
            b.subscriptionId = SubscriptionPlanService.newId(provider, t.planName());
            b.orgSlug = org.value();
            b.provider = provider;
            b.planName = t.planName();
            b.displayName = t.displayName();
            b.category = t.category();
            b.status = "active";
            b.startDate = today;
            b.billingCycle = t.billingCycle();
            b.currency = t.currency();
            b.seats = t.seats();
            b.pricingModel = t.pricingModel();
            b.unitPrice = t.unitPrice();
            b.yearlyPrice = t.yearlyPrice();
            b.autoRenew = true;
            b.notes = "List price from " + t.sourceUrl() + " (" + t.priceChecked() + ")";
            b.tierType = "paid";
            b.createdAt = now;
            b.updatedAt = now;
            allocate(org, profile, b, null);
            seeded.add(b.build());
        }
        long deleted = plans.deleteProvider(org, provider);
        plans.insertAll(org, seeded);
        service.forget(org);
        return new ProviderSubscriptionsReset(true, provider, deleted, seeded.size(), "Re-seeded " + seeded.size()
                + " subscription(s) of " + provider + " from the shipped list"
                + (seeded.isEmpty() ? " (it lists none in the organization's currency)" : ""));
    }

    /** The version of a tier that is active, else the newest one. */
    private SubscriptionPlan current(OrgSlug org, String provider, String planName) {
        String name = planName.toUpperCase(Locale.ROOT);
        return plans.list(org, List.of(provider), false).stream().filter(p -> p.planName().equals(name))
                .min(Comparator.comparing((SubscriptionPlan p) -> !p.active())
                        .thenComparing(SubscriptionPlan::startDate, Comparator.nullsLast(Comparator.reverseOrder())))
                .orElseThrow(() -> new CloudActException(ErrorCode.NOT_FOUND,
                        "No subscription " + name + " of " + provider));
    }

    private void allocate(OrgSlug org, OrgProfile profile, PlanBuilder b, String entityId) {
        if (entityId != null) {
            service.allocate(org, b, entityId);
            return;
        }
        b.hierarchyEntityId = org.value();
        b.hierarchyEntityName = profile.companyName();
        b.hierarchyLevelCode = "organization";
        b.hierarchyPath = "/" + org.value();
        b.hierarchyPathNames = profile.companyName();
    }
}
