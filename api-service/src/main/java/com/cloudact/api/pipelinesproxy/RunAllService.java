package com.cloudact.api.pipelinesproxy;

import com.cloudact.api.organizations.ApiKeyService;
import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.ProviderCategory;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.model.pipeline.PipelineRegistration;
import com.cloudact.model.pipeline.PipelineRegistry;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily fan-out: for every active org (or one), every active and valid integration whose provider has a
 * registered pipeline is run for the day (yesterday by default) through the pipeline service with the org's own
 * key. Quota refusals are counted apart; the whole batch is recorded in {@code org_meta_pipeline_batch_runs}.
 */
@Service
class RunAllService {

    /** The pipeline each provider's credential feeds. */
    private static final Map<Provider, PipelinePath> PIPELINES = Map.of(
            Provider.GCP, PipelinePath.of("cloud", "gcp", "cost", "billing"),
            Provider.AWS, PipelinePath.of("cloud", "aws", "cost", "billing"),
            Provider.AZURE, PipelinePath.of("cloud", "azure", "cost", "billing"),
            Provider.OCI, PipelinePath.of("cloud", "oci", "cost", "billing"),
            Provider.OPENAI, PipelinePath.of("genai", "payg", "openai"),
            Provider.ANTHROPIC, PipelinePath.of("genai", "payg", "anthropic"),
            Provider.DEEPSEEK, PipelinePath.of("genai", "payg", "deepseek"));
    /** GenAI providers billed through a cloud: their usage is read with that cloud's credential. */
    private static final Map<Provider, Provider> CLOUD_OF = Map.of(Provider.GEMINI, Provider.GCP,
            Provider.GCP_VERTEX, Provider.GCP, Provider.AWS_BEDROCK, Provider.AWS, Provider.AZURE_OPENAI, Provider.AZURE);
    private static final Map<Provider, List<PipelinePath>> GENAI_THROUGH_CLOUD = Map.of(
            Provider.GEMINI, List.of(PipelinePath.of("genai", "payg", "gemini")),
            Provider.GCP_VERTEX, List.of(PipelinePath.of("genai", "payg", "gcp_vertex"),
                    PipelinePath.of("genai", "commitment", "gcp_vertex")),
            Provider.AWS_BEDROCK, List.of(PipelinePath.of("genai", "payg", "aws_bedrock"),
                    PipelinePath.of("genai", "commitment", "aws_bedrock")),
            Provider.AZURE_OPENAI, List.of(PipelinePath.of("genai", "payg", "azure_openai"),
                    PipelinePath.of("genai", "commitment", "azure_ptu")));
    /** SaaS plans need no credential: every org with plans gets its daily amortization run. */
    private static final PipelinePath SUBSCRIPTIONS = PipelinePath.of("subscription", "costs", "subscription_cost");
    private static final SqlText ACTIVE_ORGS = SqlText.of("""
            SELECT org_slug, org_dataset_id FROM ${central}.org_profiles
            WHERE status = 'ACTIVE' AND (@org IS NULL OR org_slug = @org)
            ORDER BY org_slug""").with("central", DatasetName.CENTRAL);
    private static final SqlText PLANS = SqlText.of("""
            SELECT 1 AS plan FROM ${org}.subscription_plans
            WHERE x_org_slug = @org AND status IN ('active', 'cancelled', 'expired') LIMIT 1""");
    private static final SqlText RECORD = SqlText.of("""
            INSERT INTO ${central}.org_meta_pipeline_batch_runs (batch_run_id, org_slug, trigger_type, status, run_date,
                dry_run, categories_filter, providers_filter, orgs_processed, orgs_skipped, pipelines_triggered,
                pipelines_failed, pipelines_skipped_quota, total_integrations, results, errors, elapsed_seconds,
                triggered_at, completed_at, created_at)
            VALUES (@id, @org, @trigger, @status, @run_date, @dry_run, PARSE_JSON(@categories), PARSE_JSON(@providers),
                @orgs, @skipped, @triggered, @failed, @quota, @total, PARSE_JSON(@results), PARSE_JSON(@errors),
                @elapsed, @started, @now, @now)""").with("central", DatasetName.CENTRAL);

    /** What the operator asked for. */
    record Request(String orgSlug, List<String> categories, List<String> providers, String date, boolean dryRun) {
    }

    private final Warehouse warehouse;
    private final PipelineRegistry registry;
    private final PipelineServiceClient pipelines;
    private final ApiKeyService apiKeys;
    private final Clock clock;
    private final CredentialVault vault;
    private final JsonMapper json = JsonMapper.builder().build();

    RunAllService(Warehouse warehouse, PipelineRegistry registry, PipelineServiceClient pipelines, ApiKeyService apiKeys,
                  Clock clock, CredentialVault vault) {
        this.vault = vault;
        this.warehouse = warehouse;
        this.registry = registry;
        this.pipelines = pipelines;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    Map<String, Object> runAll(Request request, String triggerType) {
        Instant started = clock.instant();
        LocalDate date = request.date() == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1)
                : parseDate(request.date());
        OrgSlug onlyOrg = request.orgSlug() == null ? null : OrgSlug.of(request.orgSlug());
        List<ProviderCategory> categories = parseCategories(request.categories());
        List<Provider> providers = parseProviders(request.providers());
        List<StoredCredential> integrations = vault.usableOfActiveOrgs(Optional.ofNullable(onlyOrg));

        Batch batch = new Batch(request.dryRun(), date);
        for (StoredCredential integration : integrations) {
            OrgSlug org = integration.org();
            batch.orgsWithWork.add(org.value());
            Optional<Provider> provider = Optional.ofNullable(integration.provider());
            List<PipelinePath> paths = provider.map(p -> pipelines(p, integration)).orElse(List.of()).stream()
                    .filter(this::registered).toList();
            if (provider.isEmpty() || paths.isEmpty() || !categories.contains(provider.get().category())
                    || (!providers.isEmpty() && !providers.contains(provider.get()))) {
                Map<String, Object> result = integrationResult(integration);
                result.put("status", "skipped");
                result.put("reason", paths.isEmpty() ? "no pipeline for this provider yet" : "filtered out");
                batch.skip(result);
                continue;
            }
            for (PipelinePath path : paths) {
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("date", date.toString());
                parameters.put("credential_id", integration.credentialId());
                parameters.put("trigger_by", "run-all");
                batch.run(org, path, integrationResult(integration), parameters);
            }
        }
        if (categories.contains(ProviderCategory.SAAS) && providers.isEmpty() && registered(SUBSCRIPTIONS)) {
            for (OrgSlug org : orgsWithPlans(Optional.ofNullable(onlyOrg))) {
                batch.orgsWithWork.add(org.value());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("org_slug", org.value());
                result.put("provider", "SAAS");
                result.put("credential_id", null);
                batch.run(org, SUBSCRIPTIONS, result, Map.of("date", date.toString(), "trigger_by", "run-all"));
            }
        }
        // An org is processed when at least one of its pipelines was run (or would be, in a dry run); an org whose
        // integrations were all filtered out, have no pipeline yet or lack its API key is skipped.
        long orgs = batch.orgsRun.size();
        long orgsSkipped = batch.orgsWithWork.size() - batch.orgsRun.size();
        double elapsed = (clock.millis() - started.toEpochMilli()) / 1000.0;
        String status = batch.failed == 0 ? "COMPLETED" : batch.triggered == 0 ? "FAILED" : "PARTIAL";
        String batchId = UUID.randomUUID().toString();
        record(batchId, onlyOrg, triggerType, status, date, request, categories, providers, orgs, orgsSkipped,
                batch.triggered, batch.failed, batch.quota, integrations.size(), batch.results, batch.errors, elapsed,
                started);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", batch.failed == 0);
        response.put("batch_run_id", batchId);
        response.put("orgs_processed", orgs);
        response.put("orgs_skipped", orgsSkipped);
        response.put("pipelines_triggered", batch.triggered);
        response.put("pipelines_failed", batch.failed);
        response.put("pipelines_skipped_quota", batch.quota);
        response.put("pipelines_skipped", batch.skipped);
        response.put("total_integrations", integrations.size());
        response.put("results", batch.results);
        response.put("errors", batch.errors);
        response.put("message", "%s: %d triggered, %d failed, %d refused by quota, %d skipped"
                .formatted(request.dryRun() ? "Dry run" : "Done", batch.triggered, batch.failed, batch.quota,
                        batch.skipped));
        response.put("elapsed_seconds", elapsed);
        return response;
    }

    /**
     * The pipelines a credential feeds: its provider's own, and for a cloud credential the GenAI pipelines of the
     * providers billed through that cloud which its metadata {@code genai_usage} names (opt-in: reading Vertex,
     * Gemini, Bedrock or Azure OpenAI usage costs API calls and runs the org may not want).
     */
    private List<PipelinePath> pipelines(Provider provider, StoredCredential credential) {
        List<PipelinePath> paths = new ArrayList<>();
        Optional.ofNullable(PIPELINES.get(provider)).ifPresent(paths::add);
        for (String genAi : genAiUsage(credential)) {
            Provider billed = Provider.find(genAi).orElse(null);
            if (billed != null && CLOUD_OF.get(billed) == provider) {
                paths.addAll(GENAI_THROUGH_CLOUD.get(billed));
            }
        }
        return paths;
    }

    private List<String> genAiUsage(StoredCredential credential) {
        if (credential.metadataJson() == null) {
            return List.of();
        }
        String listed = json.readTree(credential.metadataJson()).path("genai_usage").asString("");
        return Arrays.stream(listed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Active orgs (or the one asked for) with a subscription plan that costs something now or did yesterday. */
    private List<OrgSlug> orgsWithPlans(Optional<OrgSlug> onlyOrg) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", onlyOrg.map(OrgSlug::value).orElse(null));
        List<OrgSlug> orgs = new ArrayList<>();
        for (Row profile : warehouse.query(ACTIVE_ORGS, params)) {
            DatasetName dataset = new DatasetName(profile.string("org_dataset_id"));
            if (warehouse.datasetExists(dataset) && !warehouse.query(PLANS.with("org", dataset),
                    Map.of("org", profile.string("org_slug"))).isEmpty()) {
                orgs.add(OrgSlug.of(profile.string("org_slug")));
            }
        }
        return orgs;
    }

    private static Map<String, Object> integrationResult(StoredCredential integration) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("org_slug", integration.org().value());
        result.put("provider", Optional.ofNullable(integration.provider()).map(Provider::integrationKey).orElse(null));
        result.put("credential_id", integration.credentialId());
        return result;
    }

    /** One batch's results and counts, as pipelines are run (or skipped) one by one. */
    private final class Batch {

        private final boolean dryRun;
        private final LocalDate date;
        private final Map<OrgSlug, Optional<String>> keys = new LinkedHashMap<>();
        private final List<Map<String, Object>> results = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private final Set<String> orgsWithWork = new LinkedHashSet<>();
        private final Set<String> orgsRun = new LinkedHashSet<>();
        private int triggered;
        private int failed;
        private int quota;
        private int skipped;

        Batch(boolean dryRun, LocalDate date) {
            this.dryRun = dryRun;
            this.date = date;
        }

        void skip(Map<String, Object> result) {
            skipped++;
            add(results, result);
        }

        void run(OrgSlug org, PipelinePath path, Map<String, Object> result, Map<String, Object> parameters) {
            result.put("pipeline", path.fileIdentifier());
            Optional<String> key = keys.computeIfAbsent(org, apiKeys::keyForServiceCalls);
            if (key.isEmpty()) {
                result.put("status", "skipped");
                result.put("reason", "the organization has no active API key");
                skip(result);
                return;
            }
            orgsRun.add(org.value());
            if (dryRun) {
                result.put("status", "dry_run");
                add(results, result);
                return;
            }
            try {
                var answer = pipelines.trigger(org, key.get(), path, parameters);
                result.put("status", "triggered");
                result.put("pipeline_logging_id", answer.path("pipeline_logging_id").asString(null));
                triggered++;
            } catch (CloudActException e) {
                boolean quotaRefusal = e.code() == ErrorCode.QUOTA_EXCEEDED || e.code() == ErrorCode.RATE_LIMITED;
                result.put("status", quotaRefusal ? "quota_exceeded" : "failed");
                result.put("error", e.getMessage());
                if (quotaRefusal) {
                    quota++;
                } else {
                    failed++;
                    if (errors.size() < 20) {
                        errors.add(org + " " + result.get("provider") + ": " + e.getMessage());
                    }
                }
            }
            add(results, result);
        }
    }

    private boolean registered(PipelinePath path) {
        return registry.find(path.registryId()).map(PipelineRegistration::enabled).orElse(false);
    }

    private void record(String id, OrgSlug org, String trigger, String status, LocalDate date, Request request,
                        List<ProviderCategory> categories, List<Provider> providers, long orgs, long orgsSkipped,
                        int triggered, int failed, int quota, int total, List<Map<String, Object>> results,
                        List<String> errors, double elapsed, Instant started) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org == null ? "ALL" : org.value());
        params.put("trigger", trigger);
        params.put("status", status);
        params.put("run_date", date);
        params.put("dry_run", request.dryRun());
        params.put("categories", json.writeValueAsString(categories.stream().map(ProviderCategory::wireName).toList()));
        params.put("providers", json.writeValueAsString(providers.stream().map(Provider::id).toList()));
        params.put("orgs", orgs);
        params.put("skipped", orgsSkipped);
        params.put("triggered", (long) triggered);
        params.put("failed", (long) failed);
        params.put("quota", (long) quota);
        params.put("total", (long) total);
        params.put("results", json.writeValueAsString(results));
        params.put("errors", json.writeValueAsString(errors));
        params.put("elapsed", elapsed);
        params.put("started", started);
        params.put("now", clock.instant());
        warehouse.execute(RECORD, params);
    }

    private static void add(List<Map<String, Object>> results, Map<String, Object> result) {
        if (results.size() < 100) {
            results.add(result);
        }
    }

    /** The body's pattern lets 2026-02-30 through; a day that does not exist is the caller's mistake, not a 500. */
    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "date " + text + " is not a calendar day");
        }
    }

    private static List<ProviderCategory> parseCategories(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of(ProviderCategory.values());
        }
        return names.stream().map(name -> {
            try {
                return ProviderCategory.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED, "Unknown category '" + name + "'");
            }
        }).toList();
    }

    private static List<Provider> parseProviders(List<String> names) {
        if (names == null) {
            return List.of();
        }
        return names.stream().map(name -> Provider.find(name).orElseThrow(() ->
                new CloudActException(ErrorCode.VALIDATION_FAILED, "Unknown provider '" + name + "'"))).toList();
    }
}
