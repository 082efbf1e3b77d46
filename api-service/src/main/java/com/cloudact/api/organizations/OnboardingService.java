package com.cloudact.api.organizations;

import com.cloudact.api.audit.AuditLog;
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
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.web.RequestId;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Onboards an organization whose app-database row exists (signup and checkout happened): creates its dataset
 * {@code {org_slug}_{env}} with every per-org table, its profile, its first API key and today's quota row, and
 * marks it onboarded in the app database with an encrypted copy of the key. If a step fails, what this call
 * created is removed again; the app database's organization row is never deleted.
 */
@Service
class OnboardingService {

    private static final Logger LOG = LoggerFactory.getLogger(OnboardingService.class);
    private static final String OPERATION = "onboard";
    private static final SqlText RUN_COUNT = SqlText.of(
            "SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_runs WHERE org_slug = @org")
            .with("central", DatasetName.CENTRAL);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[A-Za-z0-9_.:-]{8,128}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final DeploymentEnv env;
    private final OrgProfiles profiles;
    private final OrgApiKeyStore apiKeys;
    private final QuotaService quotas;
    private final AppOrganizations appOrganizations;
    private final OrgDatasets datasets;
    private final IdempotencyKeys idempotencyKeys;
    private final DefaultHierarchy hierarchy;
    private final AuditLog audit;
    private final Clock clock;
    private final GenAiDefaultPricing genAiPrices;
    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build();

    OnboardingService(Warehouse warehouse, TableCatalog catalog, DeploymentEnv env, OrgProfiles profiles,
                      OrgApiKeyStore apiKeys, QuotaService quotas, AppOrganizations appOrganizations,
                      OrgDatasets datasets, IdempotencyKeys idempotencyKeys, DefaultHierarchy hierarchy,
                      AuditLog audit, Clock clock) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.env = env;
        this.profiles = profiles;
        this.apiKeys = apiKeys;
        this.quotas = quotas;
        this.appOrganizations = appOrganizations;
        this.datasets = datasets;
        this.idempotencyKeys = idempotencyKeys;
        this.hierarchy = hierarchy;
        this.audit = audit;
        this.clock = clock;
        this.genAiPrices = new GenAiDefaultPricing(warehouse, catalog);
    }

    OnboardResponse onboard(OnboardRequest request, String idempotencyKey, Caller caller) {
        OrgSlug org = OrgSlug.of(request.orgSlug());
        if (idempotencyKey != null) {
            if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                        "Idempotency-Key must be 8-128 letters, digits or _ . : -");
            }
            Optional<IdempotencyKeys.Stored> seen = idempotencyKeys.find(idempotencyKey, OPERATION);
            if (seen.isPresent()) {
                if (!seen.get().org().equals(org)) {
                    throw new CloudActException(ErrorCode.ALREADY_EXISTS,
                            "This Idempotency-Key was already used for another organization");
                }
                if (seen.get().requestHash() != null && !seen.get().requestHash().equals(requestHash(request))) {
                    throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                            "This Idempotency-Key was already used with a different request");
                }
                return json.readValue(seen.get().responseJson(), OnboardResponse.class);
            }
        }
        OnboardResponse response = onboard(request, org, caller);
        if (idempotencyKey != null) {
            idempotencyKeys.store(idempotencyKey, OPERATION, org, requestHash(request),
                    json.writeValueAsString(response.withRedactedKey()));
        }
        return response;
    }

    /** The request's identity for idempotency: SHA-256 of its JSON form, with the slug as it is stored. */
    private String requestHash(OnboardRequest request) {
        ObjectNode body = json.valueToTree(request);
        body.put("org_slug", OrgSlug.of(request.orgSlug()).value());
        return ApiKeys.hash(json.writeValueAsString(body));
    }

    private OnboardResponse onboard(OnboardRequest request, OrgSlug org, Caller caller) {
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
            return reissue(org, plan, limits, currency, timezone, dataset, caller);
        }
        boolean datasetExisted = warehouse.datasetExists(dataset);
        try {
            if (datasetExisted && request.forceRecreateDataset()) {
                warehouse.dropDataset(dataset);
            } else if (datasetExisted && request.forceRecreateTables()) {
                catalog.tables(DatasetKind.ORG).forEach(t -> warehouse.dropTable(TableRef.of(dataset, t.name())));
            }
            SyncResult sync = datasets.create(org);
            if (!sync.succeeded()) {
                throw new CloudActException(ErrorCode.INTERNAL_ERROR, "Creating the org tables failed: " + sync.errors());
            }
            profiles.insert(new OrgProfile(org, request.companyName().strip(), request.adminEmail().strip()
                    .toLowerCase(Locale.ROOT), dataset, "ACTIVE", plan.name(), currency.code(), currency.country(), "en",
                    timezone, 1, request.datasetLocation(), clock.instant()));
            hierarchy.seed(org);
            // The cost pipelines price GenAI usage from the org's own price tables; they start as the shipped list.
            for (GenAiFlow flow : GenAiFlow.values()) {
                genAiPrices.seed(dataset, org.value(), flow, false,
                        Objects.requireNonNullElse(RequestId.current(), "onboarding"), clock.instant());
            }
            String key = apiKeys.issue(org, "Issued at onboarding", List.of(), null).plaintext();
            quotas.ensureToday(org, limits);
            appOrganizations.markOnboarded(org, plan, limits, currency.code(), timezone, apiKeys.encrypt(org, key),
                    ApiKeys.fingerprint(key));
            LOG.info("Onboarded organization {} into dataset {}", org, dataset);
            audit.success(org, caller, AuditLog.Action.CREATE, AuditLog.Resource.ORGANIZATION, org.value(),
                    Map.of("plan", plan.name(), "dataset", dataset.value()));
            return new OnboardResponse(org.value(), key, plan.name(), currency.code(), currency.country(), "en",
                    timezone, request.datasetLocation(), dataset.value(), !datasetExisted || request.forceRecreateDataset(),
                    sync.tablesCreated(), "SKIPPED", "Organization onboarded; store the API key now, it is shown once");
        } catch (RuntimeException e) {
            undo(org, dataset, datasetExisted);
            throw e;
        }
    }

    /** What exists of an org in the warehouse, for the operator's stats. */
    record Footprint(boolean datasetExists, long pipelineRuns) {
    }

    Footprint footprint(OrgSlug org) {
        if (profiles.find(org).isEmpty()) {
            throw new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " is not onboarded");
        }
        long runs = warehouse.query(RUN_COUNT, Map.of("org", org.value())).getFirst().longValue("n");
        return new Footprint(warehouse.datasetExists(DatasetName.forOrg(org, env)), runs);
    }

    /**
     * The legacy creation route: an account on the STARTER trial is created when missing, then the org is
     * onboarded as usual (its key is kept, not returned; the operator issues one with /admin/api-keys if needed).
     */
    void createLegacy(OrgSlug org, String description, String adminEmail, Caller caller) {
        String name = description == null || description.isBlank() ? org.value() : description.strip();
        if (appOrganizations.find(org).isEmpty()) {
            appOrganizations.create(org, name.length() < 2 ? org.value() : name, Plan.STARTER, "trialing", null);
        }
        onboard(new OnboardRequest(org.value(), name.length() < 2 ? org.value() : name,
                adminEmail == null ? "admin@" + org.value().replace('_', '-') + ".invalid" : adminEmail, "STARTER",
                null, null, null, false, false, false), org, caller);
    }

    /** Checks onboarding inputs and preconditions without writing anything. */
    OrganizationViews.Dryrun dryrun(DryrunRequest request) {
        List<Map<String, Object>> checks = new ArrayList<>();
        boolean slugValid = OrgSlug.isValid(request.orgSlug());
        checks.add(check("org_slug_format", slugValid, slugValid ? "The slug is valid"
                : "The slug must be 3-50 letters, digits or underscores"));
        OrgSlug org = slugValid ? OrgSlug.of(request.orgSlug()) : null;
        boolean fresh = org != null && profiles.find(org).isEmpty();
        checks.add(check("org_existence", fresh, org == null ? "Skipped: the slug is invalid"
                : fresh ? "No organization uses this slug" : "Organization " + org + " is already onboarded"));
        boolean registered = org != null && appOrganizations.find(org).isPresent();
        checks.add(check("account_registered", registered, registered ? "The organization's account exists"
                : "No account yet: signup and checkout create it"));
        boolean warehouseUp;
        try {
            warehouse.datasetExists(DatasetName.CENTRAL);
            warehouseUp = true;
        } catch (RuntimeException e) {
            warehouseUp = false;
        }
        checks.add(check("warehouse_connectivity", warehouseUp, warehouseUp ? "The warehouse answers"
                : "The warehouse does not answer"));
        boolean planValid = Arrays.stream(Plan.values()).anyMatch(p -> p.name().equalsIgnoreCase(request.subscriptionPlan()));
        checks.add(check("subscription_plan", planValid, planValid ? "The plan exists"
                : "The plan must be STARTER, PROFESSIONAL, SCALE or ENTERPRISE"));
        Set<String> central = warehouseUp ? warehouse.describe(DatasetName.CENTRAL).keySet() : Set.of();
        boolean bootstrapped = central.containsAll(List.of("org_profiles", "org_api_keys", "org_usage_quotas"));
        checks.add(check("central_tables", bootstrapped, bootstrapped ? "The central dataset is bootstrapped"
                : "Bootstrap the central dataset first"));
        boolean emailValid = EMAIL.matcher(request.adminEmail()).matches();
        checks.add(check("email_format", emailValid, emailValid ? "The e-mail is valid" : "The e-mail is not valid"));
        long passed = checks.stream().filter(c -> Boolean.TRUE.equals(c.get("passed"))).count();
        boolean ready = passed == checks.size();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_checks", checks.size());
        summary.put("passed", passed);
        summary.put("failed", checks.size() - passed);
        summary.put("all_passed", ready);
        return new OrganizationViews.Dryrun(ready ? "SUCCESS" : "FAILED", request.orgSlug(), request.companyName(),
                request.adminEmail(), request.subscriptionPlan().toUpperCase(Locale.ROOT), summary, checks,
                ready ? "Ready for onboarding" : "Fix the failed checks before onboarding", ready);
    }

    private Map<String, Object> check(String name, boolean passed, String message) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("check_name", name);
        check.put("passed", passed);
        check.put("message", message);
        check.put("timestamp", clock.instant());
        return check;
    }

    /**
     * The existing org asked again with {@code regenerate_api_key_if_exists}: its active key, or a new one. The
     * plan, limits and locale asked for apply everywhere at once: profile, today's quota row and the account.
     */
    private OnboardResponse reissue(OrgSlug org, Plan plan, QuotaLimits limits, SupportedLocales.Currency currency,
                                    String timezone, DatasetName dataset, Caller caller) {
        String key = apiKeys.activePlaintext(org)
                .orElseGet(() -> apiKeys.issue(org, "Issued at re-onboarding", List.of(), null).plaintext());
        audit.success(org, caller, AuditLog.Action.UPDATE, AuditLog.Resource.ORGANIZATION, org.value(),
                Map.of("plan", plan.name(), "reissued_key", true));
        profiles.updatePlan(org, plan.name(), clock.instant());
        profiles.updateLocale(org, currency.code(), currency.country(), timezone, clock.instant());
        quotas.applyLimits(org, limits);
        appOrganizations.markOnboarded(org, plan, limits, currency.code(), timezone, apiKeys.encrypt(org, key),
                ApiKeys.fingerprint(key));
        return new OnboardResponse(org.value(), key, plan.name(), currency.code(), currency.country(), "en", timezone,
                null, dataset.value(), false, List.of(), "SKIPPED",
                "Organization was already onboarded; returning its active API key");
    }

    private void undo(OrgSlug org, DatasetName dataset, boolean datasetExisted) {
        LOG.warn("Onboarding of {} failed; removing what it created", org);
        runQuietly(() -> apiKeys.deleteAll(org));
        runQuietly(() -> profiles.delete(org));
        runQuietly(() -> quotas.deleteAll(org));
        runQuietly(() -> hierarchy.delete(org));
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
