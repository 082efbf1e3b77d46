package com.cloudact.api.validator;

import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.api.organizations.OrgProfiles;
import com.cloudact.api.quota.QuotaService;
import com.cloudact.api.quota.QuotaUsage;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.QuotaLimits;
import com.cloudact.model.pipeline.PipelineRegistration;
import com.cloudact.model.pipeline.PipelineRegistry;
import com.cloudact.platform.appdb.AppOrganization;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Decides whether a pipeline may run now and, if so, reserves its quota slot in the same call. The quota
 * returned is the state after the reservation; the concurrent limit is not checked a second time (the
 * reference's bug that refused every run of a plan with one concurrent slot).
 */
@Service
class ValidatorService {

    private final PipelineRegistry registry;
    private final OrgProfiles profiles;
    private final AppOrganizations appOrganizations;
    private final QuotaService quotas;
    private final CredentialVault vault;

    ValidatorService(PipelineRegistry registry, OrgProfiles profiles, AppOrganizations appOrganizations,
                     QuotaService quotas, CredentialVault vault) {
        this.vault = vault;
        this.registry = registry;
        this.profiles = profiles;
        this.appOrganizations = appOrganizations;
        this.quotas = quotas;
    }

    ValidationResult validate(OrgSlug org, ValidateRequest request) {
        String pipelineId = request.pipelineId();
        Optional<PipelineRegistration> found = registry.find(pipelineId);
        if (found.isEmpty()) {
            return ValidationResult.refused(org.value(), pipelineId, ErrorCode.PIPELINE_NOT_FOUND.wireName(),
                    "Unknown pipeline '" + pipelineId + "'");
        }
        PipelineRegistration pipeline = found.get();
        if (!pipeline.enabled()) {
            return ValidationResult.refused(org.value(), pipelineId, ErrorCode.PIPELINE_DISABLED.wireName(),
                    "Pipeline '" + pipelineId + "' is disabled");
        }
        OrgProfile profile = profiles.find(org).filter(OrgProfile::active).orElse(null);
        AppOrganization account = appOrganizations.find(org).orElse(null);
        if (profile == null || account == null) {
            return ValidationResult.refused(org.value(), pipelineId, ErrorCode.ORG_NOT_FOUND.wireName(),
                    "Organization " + org + " is not onboarded or not active");
        }
        if (!account.subscriptionActive()) {
            return ValidationResult.refused(org.value(), pipelineId, ErrorCode.SUBSCRIPTION_INACTIVE.wireName(),
                    "Subscription is " + account.subscriptionStatus() + "; pipelines need an active or trial plan");
        }
        StoredCredential credential = null;
        if (pipeline.requiredIntegration().isPresent() && !request.fromUpload()) {
            Provider provider = pipeline.requiredIntegration().get();
            credential = vault.usable(org, provider).orElse(null);
            if (credential == null) {
                return ValidationResult.refused(org.value(), pipelineId,
                        ErrorCode.INTEGRATION_NOT_CONFIGURED.wireName(), missingCredential(org, provider, pipelineId));
            }
        }
        QuotaLimits limits = account.limits();
        QuotaUsage usage;
        try {
            usage = quotas.reserve(org, limits);
        } catch (CloudActException e) {
            if (e.code() != ErrorCode.QUOTA_EXCEEDED) {
                throw e;
            }
            return ValidationResult.refused(org.value(), pipelineId, e.code().wireName(), e.getMessage());
        }
        return new ValidationResult(true, org.value(), profile.dataset().value(), pipelineId, config(pipeline),
                subscription(account, limits), quota(usage), credential == null ? null : credentials(credential),
                usage.usageDate(), null, null);
    }

    /** Why no credential is usable: none stored, not validated, or expired. */
    private String missingCredential(OrgSlug org, Provider provider, String pipelineId) {
        String needed = "Pipeline '" + pipelineId + "' needs a valid " + provider.integrationKey() + " integration";
        return vault.current(org, provider)
                .map(c -> c.isValid() ? needed + "; the credential expired on " + c.expiresAt() + ", set up a new one"
                        : needed + "; the stored credential is " + c.validationStatus())
                .orElse(needed + "; none is configured");
    }

    /** What the run needs to know about its credential; the secret itself never leaves the vault over HTTP. */
    private static Map<String, Object> credentials(StoredCredential c) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("credential_id", c.credentialId());
        credentials.put("provider", c.provider().integrationKey());
        credentials.put("credential_type", c.credentialType());
        credentials.put("provider_account_id", c.accountId());
        credentials.put("expires_at", c.expiresAt());
        return credentials;
    }

    CompletionResult complete(OrgSlug org, boolean succeeded, LocalDate reservationDate) {
        LocalDate date = reservationDate == null ? quotas.today() : reservationDate;
        quotas.complete(org, succeeded, date);
        return new CompletionResult(true, org.value(), succeeded ? "SUCCESS" : "FAILED", date,
                "Pipeline slot released");
    }

    private static Map<String, Object> config(PipelineRegistration p) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("id", p.id());
        config.put("name", p.name());
        config.put("category", p.category());
        config.put("provider", p.provider());
        config.put("domain", p.domain());
        config.put("pipeline", p.pipeline());
        config.put("required_integration", p.requiredIntegration().map(i -> i.integrationKey()).orElse(null));
        config.put("default_timeout_seconds", p.defaultTimeoutSeconds());
        return config;
    }

    private static Map<String, Object> subscription(AppOrganization account, QuotaLimits limits) {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("plan_name", account.plan().name());
        subscription.put("status", account.subscriptionStatus());
        subscription.put("daily_limit", limits.dailyPipelines());
        subscription.put("monthly_limit", limits.monthlyPipelines());
        subscription.put("concurrent_limit", limits.concurrentPipelines());
        return subscription;
    }

    private static Map<String, Object> quota(QuotaUsage usage) {
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("usage_date", usage.usageDate());
        quota.put("pipelines_run_today", usage.pipelinesRunToday());
        quota.put("daily_limit", usage.dailyLimit());
        quota.put("pipelines_run_month", usage.pipelinesRunMonth());
        quota.put("monthly_limit", usage.monthlyLimit());
        quota.put("concurrent_pipelines_running", usage.concurrentRunning());
        quota.put("concurrent_limit", usage.concurrentLimit());
        return quota;
    }
}
