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
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
            Provider.GEMINI, PipelinePath.of("genai", "payg", "gemini"),
            Provider.DEEPSEEK, PipelinePath.of("genai", "payg", "deepseek"));
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

        List<Map<String, Object>> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<OrgSlug, Optional<String>> keys = new LinkedHashMap<>();
        Set<String> orgsWithIntegrations = new LinkedHashSet<>();
        Set<String> orgsRun = new LinkedHashSet<>();
        int triggered = 0;
        int failed = 0;
        int quota = 0;
        int skipped = 0;
        for (StoredCredential integration : integrations) {
            OrgSlug org = integration.org();
            orgsWithIntegrations.add(org.value());
            Optional<Provider> provider = Optional.ofNullable(integration.provider());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("org_slug", org.value());
            result.put("provider", provider.map(Provider::integrationKey).orElse(null));
            result.put("credential_id", integration.credentialId());
            Optional<PipelinePath> path = provider.map(PIPELINES::get).filter(this::registered);
            if (provider.isEmpty() || path.isEmpty() || !categories.contains(provider.get().category())
                    || (!providers.isEmpty() && !providers.contains(provider.get()))) {
                result.put("status", "skipped");
                result.put("reason", path.isEmpty() ? "no pipeline for this provider yet" : "filtered out");
                skipped++;
                add(results, result);
                continue;
            }
            result.put("pipeline", path.get().fileIdentifier());
            Optional<String> key = keys.computeIfAbsent(org, apiKeys::keyForServiceCalls);
            if (key.isEmpty()) {
                result.put("status", "skipped");
                result.put("reason", "the organization has no active API key");
                skipped++;
                add(results, result);
                continue;
            }
            orgsRun.add(org.value());
            if (request.dryRun()) {
                result.put("status", "dry_run");
                add(results, result);
                continue;
            }
            try {
                var answer = pipelines.trigger(org, key.get(), path.get(), Map.of("date", date.toString(),
                        "credential_id", integration.credentialId(), "trigger_by", "run-all"));
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
        // An org is processed when at least one of its integrations was run (or would be, in a dry run); an org
        // whose integrations were all filtered out, have no pipeline yet or lack its API key is skipped.
        long orgs = orgsRun.size();
        long orgsSkipped = orgsWithIntegrations.size() - orgsRun.size();
        double elapsed = (clock.millis() - started.toEpochMilli()) / 1000.0;
        String status = failed == 0 ? "COMPLETED" : triggered == 0 ? "FAILED" : "PARTIAL";
        String batchId = UUID.randomUUID().toString();
        record(batchId, onlyOrg, triggerType, status, date, request, categories, providers, orgs, orgsSkipped,
                triggered, failed, quota, integrations.size(), results, errors, elapsed, started);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", failed == 0);
        response.put("batch_run_id", batchId);
        response.put("orgs_processed", orgs);
        response.put("orgs_skipped", orgsSkipped);
        response.put("pipelines_triggered", triggered);
        response.put("pipelines_failed", failed);
        response.put("pipelines_skipped_quota", quota);
        response.put("pipelines_skipped", skipped);
        response.put("total_integrations", integrations.size());
        response.put("results", results);
        response.put("errors", errors);
        response.put("message", "%s: %d triggered, %d failed, %d refused by quota, %d skipped"
                .formatted(request.dryRun() ? "Dry run" : "Done", triggered, failed, quota, skipped));
        response.put("elapsed_seconds", elapsed);
        return response;
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
            return List.of(ProviderCategory.CLOUD, ProviderCategory.GENAI);
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
