package com.cloudact.api.subscriptions;

import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.api.organizations.OrgProfiles;
import com.cloudact.api.subscriptions.PlanRequests.Changes;
import com.cloudact.api.subscriptions.PlanRequests.CreatePlan;
import com.cloudact.api.subscriptions.PlanRequests.EditVersion;
import com.cloudact.api.subscriptions.PlanRequests.UpdatePlan;
import com.cloudact.api.subscriptions.PlanTemplates.PlanTemplate;
import com.cloudact.api.subscriptions.PlanViews.AllPlans;
import com.cloudact.api.subscriptions.PlanViews.CurrencyTotals;
import com.cloudact.api.subscriptions.PlanViews.Pagination;
import com.cloudact.api.subscriptions.PlanViews.PlanCreated;
import com.cloudact.api.subscriptions.PlanViews.PlanEnded;
import com.cloudact.api.subscriptions.PlanViews.PlanList;
import com.cloudact.api.subscriptions.PlanViews.PlanToggled;
import com.cloudact.api.subscriptions.PlanViews.PlanUpdated;
import com.cloudact.api.subscriptions.PlanViews.ProviderDisabled;
import com.cloudact.api.subscriptions.PlanViews.ProviderEnabled;
import com.cloudact.api.subscriptions.PlanViews.ProviderInfo;
import com.cloudact.api.subscriptions.PlanViews.ProviderList;
import com.cloudact.api.subscriptions.PlanViews.Summary;
import com.cloudact.api.subscriptions.PlanViews.Templates;
import com.cloudact.api.subscriptions.PlanViews.VersionCreated;
import com.cloudact.api.subscriptions.SubscriptionCostBackfill.Backfill;
import com.cloudact.api.subscriptions.SubscriptionPlanRepository.HierarchyEntity;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * SaaS subscription plans of an organization (spec §1.5, §7.2): CRUD with templates, versioned edits, the status
 * state machine, soft and hard deletes, and the estimates of the lists. A change that reaches into the past starts a
 * backfill of the subscription cost pipeline.
 */
@Service
class SubscriptionPlanService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionPlanRepository plans;
    private final PlanTemplates templates;
    private final OrgProfiles profiles;
    private final SubscriptionCostBackfill backfill;
    private final Clock clock;
    private final Cache<String, PlanList> listCache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(60)).maximumSize(10_000).build();

    SubscriptionPlanService(SubscriptionPlanRepository plans, PlanTemplates templates, OrgProfiles profiles,
                            SubscriptionCostBackfill backfill, Clock clock) {
        this.plans = plans;
        this.templates = templates;
        this.profiles = profiles;
        this.backfill = backfill;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    ProviderList providers(OrgSlug org) {
        profile(org);
        Map<String, Long> counts = plans.countsByProvider(org);
        TreeSet<String> ids = new TreeSet<>(SaasProviders.KNOWN.keySet());
        ids.addAll(counts.keySet());
        List<ProviderInfo> providers = ids.stream().map(id -> {
            long count = counts.getOrDefault(id, 0L);
            return new ProviderInfo(id, SaasProviders.displayName(id), SaasProviders.category(id), count > 0, count,
                    SaasProviders.known(id).isEmpty() || "custom".equals(id));
        }).toList();
        return new ProviderList(providers, providers.size());
    }

    ProviderEnabled enable(OrgSlug org, String provider) {
        profile(org);
        plans.ensureTable(org);
        return new ProviderEnabled(true, provider, 0, "Provider " + provider
                + " is enabled; add plans from its templates (available-plans) or your own");
    }

    ProviderDisabled disable(OrgSlug org, String provider) {
        profile(org);
        long deleted = plans.deleteProvider(org, provider);
        forget(org);
        return new ProviderDisabled(true, provider, deleted, "Deleted " + deleted + " plan(s) of " + provider);
    }

    PlanList list(OrgSlug org, String provider, boolean includeDisabled) {
        profile(org);
        String key = "plans:" + org.value() + ":" + provider + ":" + includeDisabled;
        return listCache.get(key, k -> {
            List<SubscriptionPlan> rows = plans.list(org, List.of(provider), !includeDisabled);
            Totals totals = Totals.of(rows);
            return new PlanList(rows, rows.size(), totals.monthly(), totals.annual(), totals.byCurrency());
        });
    }

    Templates available(OrgSlug org, String provider) {
        profile(org);
        List<PlanTemplate> rows = templates.of(provider);
        return new Templates(provider, rows, rows.size());
    }

    PlanCreated create(OrgSlug org, String provider, CreatePlan request, String apiKey) {
        OrgProfile profile = profile(org);
        LocalDate today = today();
        Instant now = clock.instant();
        String planName = request.planName().strip().toUpperCase(Locale.ROOT);
        PlanBuilder b = new PlanBuilder();
        b.subscriptionId = newId(provider, planName);
        b.orgSlug = org.value();
        b.provider = provider;
        b.planName = planName;
        b.displayName = request.displayName() != null ? request.displayName()
                : SaasProviders.displayName(provider) + " " + planName;
        b.category = request.category() != null ? request.category() : SaasProviders.category(provider);
        b.status = request.status() != null ? request.status() : "active";
        b.startDate = request.startDate() != null ? request.startDate() : today;
        b.endDate = request.endDate();
        b.billingCycle = request.billingCycle() != null ? request.billingCycle() : "monthly";
        b.billingAnchorDay = request.billingAnchorDay();
        b.currency = request.currency() != null ? request.currency() : orgCurrency(profile);
        b.seats = request.seats() != null ? request.seats() : 1;
        b.pricingModel = request.pricingModel() != null ? request.pricingModel() : "PER_SEAT";
        b.unitPrice = request.unitPrice();
        b.yearlyPrice = request.yearlyPrice();
        b.discountType = request.discountType();
        b.discountValue = request.discountValue();
        b.autoRenew = request.autoRenew() == null || request.autoRenew();
        b.paymentMethod = request.paymentMethod();
        b.invoiceIdLast = request.invoiceIdLast();
        b.ownerEmail = request.ownerEmail();
        b.department = request.department();
        b.renewalDate = request.renewalDate();
        b.contractId = request.contractId();
        b.notes = request.notes();
        b.sourceCurrency = request.sourceCurrency();
        b.sourcePrice = request.sourcePrice();
        b.exchangeRateUsed = request.exchangeRateUsed();
        b.createdAt = now;
        b.updatedAt = now;
        SubscriptionPlan checked = check(b, today);
        requireOrgCurrency(profile, checked.currency());
        allocate(org, b, request.hierarchyEntityId());
        if ("active".equals(b.status) && plans.activeExists(org, provider, planName, null)) {
            throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                    "An active plan " + planName + " of " + provider + " already exists");
        }
        SubscriptionPlan plan = b.build();
        plans.insert(org, plan);
        forget(org);
        List<String> warnings = new ArrayList<>(PlanRules.warnings(plan));
        Backfill run = backfill.run(org, apiKey, plan.startDate(), today);
        if (run.error() != null) {
            warnings.add("Backfill of past costs not started: " + run.error());
        }
        return new PlanCreated(true, plan, "Plan " + planName + " created", warnings, run);
    }

    PlanUpdated update(OrgSlug org, String provider, String subscriptionId, UpdatePlan request) {
        OrgProfile profile = profile(org);
        SubscriptionPlan current = plan(org, provider, subscriptionId);
        if (request.status() != null && !PlanRules.canMove(current.status(), request.status())) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "A plan cannot go from " + current.status() + " to "
                    + request.status());
        }
        PlanBuilder b = new PlanBuilder(current);
        apply(b, request);
        if (request.startDate() != null) {
            b.startDate = request.startDate();
        }
        if (request.status() != null) {
            b.status = request.status();
        }
        b.updatedAt = clock.instant();
        SubscriptionPlan checked = check(b, today());
        if (request.currency() != null) {
            requireOrgCurrency(profile, checked.currency());
        }
        if (request.hierarchyEntityId() != null) {
            allocate(org, b, request.hierarchyEntityId());
        }
        if ("active".equals(b.status) && !current.active()
                && plans.activeExists(org, provider, current.planName(), current.subscriptionId())) {
            throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                    "An active plan " + current.planName() + " of " + provider + " already exists");
        }
        SubscriptionPlan plan = b.build();
        plans.update(org, plan);
        forget(org);
        return new PlanUpdated(true, plan, "Plan " + plan.subscriptionId() + " updated", PlanRules.warnings(plan));
    }

    VersionCreated editVersion(OrgSlug org, String provider, String subscriptionId, EditVersion request, String apiKey) {
        OrgProfile profile = profile(org);
        SubscriptionPlan old = plan(org, provider, subscriptionId);
        if (!old.active() && !"pending".equals(old.status())) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Only an active or pending plan gets a new version; "
                    + subscriptionId + " is " + old.status());
        }
        LocalDate effective = request.effectiveDate();
        if (old.startDate() != null && !effective.isAfter(old.startDate())) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "effective_date must be after the plan's start_date "
                    + old.startDate());
        }
        if (old.endDate() != null && effective.isAfter(old.endDate())) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "effective_date must be on or before the plan's "
                    + "end_date " + old.endDate());
        }
        Instant now = clock.instant();
        PlanBuilder b = new PlanBuilder(old);
        apply(b, request);
        b.subscriptionId = newId(provider, old.planName());
        b.startDate = effective;
        b.createdAt = now;
        b.updatedAt = now;
        SubscriptionPlan checked = check(b, today());
        if (request.currency() != null) {
            requireOrgCurrency(profile, checked.currency());
        }
        if (request.hierarchyEntityId() != null) {
            allocate(org, b, request.hierarchyEntityId());
        }
        SubscriptionPlan next = b.build();
        plans.replaceVersion(org, old, next);
        forget(org);
        SubscriptionPlan ended = old.withStatus("expired", effective.minusDays(1), now);
        Backfill run = backfill.run(org, apiKey, effective, today());
        return new VersionCreated(true, next, ended, "Plan " + old.planName() + " has a new version from " + effective,
                run);
    }

    PlanEnded end(OrgSlug org, String provider, String subscriptionId, LocalDate endDate, String apiKey) {
        profile(org);
        SubscriptionPlan current = plan(org, provider, subscriptionId);
        if (!PlanRules.canMove(current.status(), "cancelled") || "cancelled".equals(current.status())) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "A " + current.status() + " plan cannot be cancelled");
        }
        LocalDate end = endDate != null ? endDate : today();
        if (current.startDate() != null && end.isBefore(current.startDate())) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "end_date " + end + " is before the plan's start_date "
                    + current.startDate());
        }
        plans.update(org, current.withStatus("cancelled", end, clock.instant()));
        forget(org);
        Backfill run = end.isBefore(today().minusDays(1)) ? backfill.run(org, apiKey, end.plusDays(1), today())
                : Backfill.none();
        return new PlanEnded(true, subscriptionId, "Plan " + subscriptionId + " cancelled from " + end.plusDays(1), run);
    }

    /**
     * active → cancelled (ending today unless it ends earlier) and cancelled → active (a plan that had ended is open
     * again); 400 for other statuses, 409 when reactivating would make two active plans of one name.
     */
    PlanToggled toggle(OrgSlug org, String provider, String subscriptionId) {
        profile(org);
        SubscriptionPlan current = plan(org, provider, subscriptionId);
        LocalDate today = today();
        SubscriptionPlan changed;
        if (current.active()) {
            LocalDate end = current.endDate() == null || current.endDate().isAfter(today) ? today : current.endDate();
            changed = current.withStatus("cancelled", end, clock.instant());
        } else if ("cancelled".equals(current.status())) {
            if (plans.activeExists(org, provider, current.planName(), current.subscriptionId())) {
                throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                        "An active plan " + current.planName() + " of " + provider + " already exists");
            }
            LocalDate end = current.endDate() != null && !current.endDate().isAfter(today) ? null : current.endDate();
            changed = current.withStatus("active", end, clock.instant());
        } else {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Only active and cancelled plans toggle; "
                    + subscriptionId + " is " + current.status());
        }
        plans.update(org, changed);
        forget(org);
        return new PlanToggled(true, subscriptionId, changed.status(), "Plan " + subscriptionId + " is now "
                + changed.status());
    }

    AllPlans all(OrgSlug org, boolean enabledOnly, int page, int pageSize) {
        profile(org);
        List<SubscriptionPlan> rows = plans.list(org, List.of(), enabledOnly);
        Totals totals = Totals.of(rows);
        Map<String, Long> byCategory = rows.stream().collect(Collectors.groupingBy(SubscriptionPlan::category,
                TreeMap::new, Collectors.counting()));
        Summary summary = new Summary(rows.size(), rows.stream().filter(SubscriptionPlan::active).count(),
                rows.stream().map(SubscriptionPlan::provider).distinct().count(), totals.monthly(), totals.annual(),
                totals.byCurrency(), byCategory);
        int from = (int) Math.min((long) (page - 1) * pageSize, rows.size());
        int to = Math.min(from + pageSize, rows.size());
        int pages = rows.isEmpty() ? 0 : (rows.size() + pageSize - 1) / pageSize;
        return new AllPlans(true, rows.subList(from, to), summary,
                new Pagination(page, pageSize, rows.size(), pages, page < pages, page > 1),
                "Found " + rows.size() + " plan(s)");
    }

    // --- shared with the provider subscription routes ---

    OrgProfile profile(OrgSlug org) {
        return profiles.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded"));
    }

    static String orgCurrency(OrgProfile profile) {
        return profile.defaultCurrency() == null ? "USD" : profile.defaultCurrency();
    }

    static void requireOrgCurrency(OrgProfile profile, String currency) {
        if (!orgCurrency(profile).equals(currency)) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Currency " + currency
                    + " differs from the organization's default currency " + orgCurrency(profile)
                    + "; convert the price (source_currency, source_price, exchange_rate_used)");
        }
    }

    SubscriptionPlan check(PlanBuilder b, LocalDate today) {
        SubscriptionPlan plan = b.build();
        List<String> problems = PlanRules.violations(plan, today);
        if (!problems.isEmpty()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, String.join("; ", problems));
        }
        return plan;
    }

    /** Allocates the plan to a current entity of the org's hierarchy, copying its names (400 when unknown). */
    void allocate(OrgSlug org, PlanBuilder b, String entityId) {
        String id = entityId.toUpperCase(Locale.ROOT);
        HierarchyEntity entity = plans.entity(org, id).orElseThrow(() -> new CloudActException(ErrorCode.BAD_REQUEST,
                "Hierarchy entity " + id + " does not exist in the organization's hierarchy"));
        b.hierarchyEntityId = entity.id();
        b.hierarchyEntityName = entity.name();
        b.hierarchyLevelCode = entity.levelCode();
        b.hierarchyPath = entity.path();
        b.hierarchyPathNames = entity.pathNames();
    }

    SubscriptionPlan plan(OrgSlug org, String provider, String subscriptionId) {
        return plans.find(org, subscriptionId).filter(p -> p.provider().equals(provider)).orElseThrow(() ->
                new CloudActException(ErrorCode.NOT_FOUND, "No plan " + subscriptionId + " of " + provider));
    }

    void forget(OrgSlug org) {
        String prefix = "plans:" + org.value() + ":";
        listCache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** {@code sub_{provider}_{plan_lower}_{12 hex}}. */
    static String newId(String provider, String planName) {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String plan = planName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return "sub_" + provider + "_" + plan + "_" + HexFormat.of().formatHex(bytes);
    }

    private static void apply(PlanBuilder b, Changes c) {
        set(c.displayName(), v -> b.displayName = v);
        set(c.category(), v -> b.category = v);
        set(c.unitPrice(), v -> b.unitPrice = v);
        set(c.billingCycle(), v -> b.billingCycle = v);
        set(c.currency(), v -> b.currency = v);
        set(c.seats(), v -> b.seats = v);
        set(c.pricingModel(), v -> b.pricingModel = v);
        set(c.yearlyPrice(), v -> b.yearlyPrice = v);
        set(c.discountType(), v -> b.discountType = v);
        set(c.discountValue(), v -> b.discountValue = v);
        set(c.autoRenew(), v -> b.autoRenew = v);
        set(c.paymentMethod(), v -> b.paymentMethod = v);
        set(c.ownerEmail(), v -> b.ownerEmail = v);
        set(c.department(), v -> b.department = v);
        set(c.endDate(), v -> b.endDate = v);
        set(c.renewalDate(), v -> b.renewalDate = v);
        set(c.contractId(), v -> b.contractId = v);
        set(c.notes(), v -> b.notes = v);
        set(c.sourceCurrency(), v -> b.sourceCurrency = v);
        set(c.sourcePrice(), v -> b.sourcePrice = v);
        set(c.exchangeRateUsed(), v -> b.exchangeRateUsed = v);
        set(c.billingAnchorDay(), v -> b.billingAnchorDay = v);
        set(c.invoiceIdLast(), v -> b.invoiceIdLast = v);
        if (c.billingCycle() != null && !"monthly".equals(c.billingCycle()) && c.billingAnchorDay() == null) {
            b.billingAnchorDay = null;
        }
    }

    private static <T> void set(T value, Consumer<T> target) {
        if (value != null) {
            target.accept(value);
        }
    }

    /** Estimates of the active plans, overall and per currency. */
    record Totals(BigDecimal monthly, BigDecimal annual, Map<String, CurrencyTotals> byCurrency) {

        static Totals of(List<SubscriptionPlan> rows) {
            BigDecimal monthly = BigDecimal.ZERO.setScale(2);
            BigDecimal annual = BigDecimal.ZERO.setScale(2);
            Map<String, CurrencyTotals> byCurrency = new TreeMap<>();
            for (SubscriptionPlan plan : rows) {
                if (!plan.active()) {
                    continue;
                }
                PlanRules.Estimate e = PlanRules.estimate(plan);
                monthly = monthly.add(e.monthly());
                annual = annual.add(e.annual());
                byCurrency.merge(plan.currency(), new CurrencyTotals(e.monthly(), e.annual()),
                        (a, b) -> new CurrencyTotals(a.monthly().add(b.monthly()), a.annual().add(b.annual())));
            }
            return new Totals(monthly, annual, byCurrency);
        }
    }
}
