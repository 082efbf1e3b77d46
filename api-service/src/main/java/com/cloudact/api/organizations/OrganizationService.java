package com.cloudact.api.organizations;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.quota.QuotaService;
import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.QuotaLimits;
import com.cloudact.model.SupportedLocales;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.appdb.AppOrganization;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.OrgKeyAuthenticator;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** An onboarded organization's subscription, locale, listing, members and offboarding. */
@Service
class OrganizationService {

    /** Subscription statuses of the contract and the app database's billing statuses they stand for. */
    private static final Map<String, String> BILLING_STATUS = Map.of("ACTIVE", "active", "TRIAL", "trialing",
            "EXPIRED", "incomplete_expired", "SUSPENDED", "paused", "CANCELLED", "canceled");
    private static final Set<String> KEEP_ON_OFFBOARDING = Set.of("org_audit_logs");

    private final OrgProfiles profiles;
    private final AppOrganizations appOrganizations;
    private final QuotaService quotas;
    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final OrgDatasets datasets;
    private final OrgKeyAuthenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;

    OrganizationService(OrgProfiles profiles, AppOrganizations appOrganizations, QuotaService quotas,
                        Warehouse warehouse, TableCatalog catalog, OrgDatasets datasets,
                        OrgKeyAuthenticator authenticator, AuditLog audit, Clock clock) {
        this.profiles = profiles;
        this.appOrganizations = appOrganizations;
        this.quotas = quotas;
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.datasets = datasets;
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
    }

    OrganizationViews.Subscription subscription(OrgSlug org) {
        AppOrganization account = account(org);
        QuotaLimits limits = account.limits();
        return new OrganizationViews.Subscription(org.value(),
                account.stripeSubscriptionId() == null ? "" : account.stripeSubscriptionId(), account.plan().name(),
                contractStatus(account.billingStatus()), limits.dailyPipelines(), limits.monthlyPipelines(),
                limits.concurrentPipelines(), limits.seats(), limits.providers(),
                account.trialEndsAt().map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC)).orElse(null),
                account.createdAt(), account.updatedAt());
    }

    OrganizationViews.SubscriptionUpdate updateSubscription(OrgSlug org, OrganizationViews.UpdateSubscription request,
                                                            Caller caller) {
        AppOrganization account = account(org);
        Plan plan = request.planName() == null ? account.plan() : Plan.parse(request.planName());
        QuotaLimits defaults = plan.limits();
        QuotaLimits limits = new QuotaLimits(or(request.dailyLimit(), defaults.dailyPipelines()),
                or(request.monthlyLimit(), defaults.monthlyPipelines()),
                or(request.concurrentLimit(), defaults.concurrentPipelines()), or(request.seatLimit(), defaults.seats()),
                or(request.providersLimit(), defaults.providers()));
        String status = request.status() == null ? contractStatus(account.billingStatus())
                : request.status().toUpperCase(Locale.ROOT);
        String billing = BILLING_STATUS.get(status);
        if (billing == null) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "status must be one of " + BILLING_STATUS.keySet());
        }
        Instant trialEnd = request.trialEndDate() == null ? account.trialEndsAt().orElse(null)
                : OrganizationViews.parseInstant("trial_end_date", request.trialEndDate());
        appOrganizations.updateSubscription(org, plan, limits, billing, trialEnd);
        quotas.applyLimits(org, limits);
        profiles.find(org).ifPresent(p -> profiles.updatePlan(org, plan.name(), clock.instant()));
        audit.success(org, caller, AuditLog.Action.UPDATE, AuditLog.Resource.SUBSCRIPTION, org.value(),
                Map.of("plan", plan.name(), "status", status, "daily_limit", limits.dailyPipelines()));
        return new OrganizationViews.SubscriptionUpdate(org.value(), plan.name(), status, limits.dailyPipelines(),
                limits.monthlyPipelines(), limits.concurrentPipelines(), limits.seats(), limits.providers(), true,
                "Subscription updated; the new limits apply now");
    }

    OrganizationViews.LocaleView locale(OrgSlug org) {
        return localeView(profile(org));
    }

    OrganizationViews.LocaleView updateLocale(OrgSlug org, OrganizationViews.UpdateLocale request, Caller caller) {
        if (request.defaultCurrency() == null && request.defaultTimezone() == null) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "Give default_currency, default_timezone or both");
        }
        OrgProfile profile = profile(org);
        SupportedLocales.Currency currency = SupportedLocales.currency(
                request.defaultCurrency() == null ? profile.defaultCurrency() : request.defaultCurrency())
                .orElseThrow(() -> new CloudActException(ErrorCode.VALIDATION_FAILED,
                        "default_currency must be one of " + SupportedLocales.currencyCodes()));
        String timezone = request.defaultTimezone() == null ? profile.defaultTimezone() : request.defaultTimezone();
        if (!SupportedLocales.isSupportedTimezone(timezone)) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                    "default_timezone must be one of " + SupportedLocales.TIMEZONES);
        }
        profiles.updateLocale(org, currency.code(), currency.country(), timezone, clock.instant());
        appOrganizations.updateLocale(org, currency.code(), timezone);
        audit.success(org, caller, AuditLog.Action.UPDATE, AuditLog.Resource.ORGANIZATION, org.value(),
                Map.of("default_currency", currency.code(), "default_timezone", timezone));
        return localeView(profile(org));
    }

    OrganizationViews.OrgList list(int page, int pageSize, String status) {
        if (page < 1 || pageSize < 1 || pageSize > 100) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "page must be 1 or more and page_size 1-100");
        }
        String normalized = status == null ? null : status.toUpperCase(Locale.ROOT);
        OrgProfiles.Page result = profiles.page(normalized, pageSize, (page - 1) * pageSize);
        List<OrganizationViews.OrgSummary> organizations = result.profiles().stream()
                .map(p -> new OrganizationViews.OrgSummary(p.slug().value(), p.companyName(), p.adminEmail(),
                        p.subscriptionPlan(), p.status(), p.defaultCurrency(), p.defaultTimezone(), p.createdAt()))
                .toList();
        return new OrganizationViews.OrgList(organizations, result.total(), page, pageSize,
                (long) page * pageSize < result.total());
    }

    OrganizationViews.Members members(OrgSlug org, String role) {
        if (role != null && !Set.of("owner", "collaborator", "read_only").contains(role)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "role must be owner, collaborator or read_only");
        }
        account(org);
        List<AppOrganizations.Member> members = appOrganizations.members(org, role);
        return new OrganizationViews.Members(org.value(), members, members.size());
    }

    OrganizationViews.Offboarding offboard(OrgSlug org, OrganizationViews.Offboard request, Caller caller) {
        if (request == null || request.confirmOrgSlug() == null
                || !OrgSlug.isValid(request.confirmOrgSlug()) || !OrgSlug.of(request.confirmOrgSlug()).equals(org)) {
            throw new CloudActException(ErrorCode.BAD_REQUEST,
                    "confirm_org_slug must repeat the organization's slug to offboard it");
        }
        if (profiles.find(org).isEmpty() && appOrganizations.find(org).isEmpty()) {
            throw new CloudActException(ErrorCode.ORG_NOT_FOUND, "No organization " + org);
        }
        Map<String, java.util.Set<String>> existing = warehouse.describe(DatasetName.CENTRAL);
        List<String> deletedFrom = new ArrayList<>();
        for (TableSpec table : catalog.tables(DatasetKind.CENTRAL)) {
            if (table.hasColumn("org_slug") && existing.containsKey(table.name())
                    && !KEEP_ON_OFFBOARDING.contains(table.name())) {
                warehouse.execute(SqlText.of("DELETE FROM ${central}." + table.name() + " WHERE org_slug = @org")
                        .with("central", DatasetName.CENTRAL), Map.of("org", org.value()));
                deletedFrom.add(table.name());
            }
        }
        // The org's keys are gone; a lookup cached before this call must not keep them working.
        authenticator.evictAll();
        boolean dropDataset = Boolean.TRUE.equals(request.deleteDataset());
        if (dropDataset) {
            warehouse.dropDataset(datasets.datasetOf(org));
        }
        appOrganizations.markDeleted(org);
        audit.success(org, caller, AuditLog.Action.DELETE, AuditLog.Resource.ORGANIZATION, org.value(),
                Map.of("dataset_deleted", dropDataset, "tables", deletedFrom));
        return new OrganizationViews.Offboarding(org.value(), deletedFrom, dropDataset,
                "Organization offboarded" + (dropDataset ? " and its dataset deleted" : "; its dataset was kept"));
    }

    static String contractStatus(String billingStatus) {
        return BILLING_STATUS.entrySet().stream().filter(e -> e.getValue().equals(billingStatus))
                .map(Map.Entry::getKey).findFirst().orElse(billingStatus.toUpperCase(Locale.ROOT));
    }

    private static OrganizationViews.LocaleView localeView(OrgProfile profile) {
        SupportedLocales.Currency currency = SupportedLocales.currency(profile.defaultCurrency())
                .orElseGet(() -> SupportedLocales.currency("USD").orElseThrow());
        return new OrganizationViews.LocaleView(profile.slug().value(), currency.code(), currency.country(),
                profile.defaultLanguage() == null ? "en" : profile.defaultLanguage(), profile.defaultTimezone(),
                currency.symbol(), currency.name(), currency.decimals());
    }

    private OrgProfile profile(OrgSlug org) {
        return profiles.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded"));
    }

    private AppOrganization account(OrgSlug org) {
        return appOrganizations.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " has no account"));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
