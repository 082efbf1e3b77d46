package com.cloudact.api.organizations;

import com.cloudact.api.quota.QuotaService;
import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.QuotaLimits;
import com.cloudact.model.SupportedLocales;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Onboards an organization whose app-database row exists (signup and checkout happened): creates its dataset
 * {@code {org_slug}_{env}} with every per-org table, its profile, its first API key and today's quota row, and
 * marks it onboarded in the app database with an encrypted copy of the key. If a step fails, what this call
 * created is removed again; the app database's organization row is never deleted.
 */
@Service
class OnboardingService {

    private static final Logger LOG = LoggerFactory.getLogger(OnboardingService.class);

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final DeploymentEnv env;
    private final OrgProfiles profiles;
    private final OrgApiKeyStore apiKeys;
    private final QuotaService quotas;
    private final AppOrganizations appOrganizations;
    private final Clock clock;

    OnboardingService(Warehouse warehouse, TableCatalog catalog, DeploymentEnv env, OrgProfiles profiles,
                      OrgApiKeyStore apiKeys, QuotaService quotas, AppOrganizations appOrganizations, Clock clock) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.env = env;
        this.profiles = profiles;
        this.apiKeys = apiKeys;
        this.quotas = quotas;
        this.appOrganizations = appOrganizations;
        this.clock = clock;
    }

    OnboardResponse onboard(OnboardRequest request) {
        OrgSlug org = OrgSlug.of(request.orgSlug());
        Plan plan = Plan.parse(request.subscriptionPlan());
        SupportedLocales.Currency currency = SupportedLocales.currency(
                request.defaultCurrency() == null ? "USD" : request.defaultCurrency())
                .orElseThrow(() -> new CloudActException(ErrorCode.VALIDATION_FAILED,
                        "default_currency must be one of " + SupportedLocales.currencyCodes()));
        String timezone = request.defaultTimezone() == null ? "UTC" : request.defaultTimezone();
        if (!SupportedLocales.isSupportedTimezone(timezone)) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                    "default_timezone must be one of " + SupportedLocales.TIMEZONES);
        }
        if (appOrganizations.find(org).isEmpty()) {
            throw new CloudActException(ErrorCode.ORG_NOT_REGISTERED, "Organization " + org
                    + " has no account in the app database; signup and checkout must complete before onboarding");
        }
        DatasetName dataset = DatasetName.forOrg(org, env);
        QuotaLimits limits = plan.limits();
        if (profiles.find(org).isPresent()) {
            if (!request.regenerateApiKeyIfExists()) {
                throw new CloudActException(ErrorCode.ORG_ALREADY_EXISTS, "Organization " + org + " is already onboarded");
            }
            return reissue(org, plan, limits, currency, timezone, dataset);
        }
        boolean datasetExisted = warehouse.datasetExists(dataset);
        try {
            if (datasetExisted && request.forceRecreateDataset()) {
                warehouse.dropDataset(dataset);
            } else if (datasetExisted && request.forceRecreateTables()) {
                catalog.tables(DatasetKind.ORG).forEach(t -> warehouse.dropTable(TableRef.of(dataset, t.name())));
            }
            SyncResult sync = warehouse.sync(dataset, catalog.tables(DatasetKind.ORG), SyncOptions.FULL);
            if (!sync.succeeded()) {
                throw new CloudActException(ErrorCode.INTERNAL_ERROR, "Creating the org tables failed: " + sync.errors());
            }
            profiles.insert(new OrgProfile(org, request.companyName().strip(), request.adminEmail().strip()
                    .toLowerCase(Locale.ROOT), dataset, "ACTIVE", plan.name(), currency.code(), currency.country(), "en",
                    timezone, 1, request.datasetLocation(), clock.instant()));
            String key = apiKeys.issue(org);
            quotas.ensureToday(org, limits);
            appOrganizations.markOnboarded(org, plan, limits, currency.code(), timezone, apiKeys.encrypt(org, key),
                    ApiKeys.fingerprint(key));
            LOG.info("Onboarded organization {} into dataset {}", org, dataset);
            return new OnboardResponse(org.value(), key, plan.name(), currency.code(), currency.country(), "en",
                    timezone, request.datasetLocation(), dataset.value(), !datasetExisted || request.forceRecreateDataset(),
                    sync.tablesCreated(), "SKIPPED", "Organization onboarded; store the API key now, it is shown once");
        } catch (RuntimeException e) {
            undo(org, dataset, datasetExisted);
            throw e;
        }
    }

    /** The existing org asked again with {@code regenerate_api_key_if_exists}: its active key, or a new one. */
    private OnboardResponse reissue(OrgSlug org, Plan plan, QuotaLimits limits, SupportedLocales.Currency currency,
                                    String timezone, DatasetName dataset) {
        String key = apiKeys.activeKey(org).orElseGet(() -> apiKeys.issue(org));
        quotas.ensureToday(org, limits);
        appOrganizations.markOnboarded(org, plan, limits, currency.code(), timezone, apiKeys.encrypt(org, key),
                ApiKeys.fingerprint(key));
        return new OnboardResponse(org.value(), key, plan.name(), currency.code(), currency.country(), "en", timezone,
                null, dataset.value(), false, java.util.List.of(), "SKIPPED",
                "Organization was already onboarded; returning its active API key");
    }

    private void undo(OrgSlug org, DatasetName dataset, boolean datasetExisted) {
        LOG.warn("Onboarding of {} failed; removing what it created", org);
        runQuietly(() -> apiKeys.deleteAll(org));
        runQuietly(() -> profiles.delete(org));
        runQuietly(() -> quotas.deleteAll(org));
        if (!datasetExisted) {
            runQuietly(() -> warehouse.dropDataset(dataset));
        }
    }

    private static void runQuietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            LOG.error("Cleanup after a failed onboarding did not complete", e);
        }
    }
}
