package com.cloudact.api.genai.modelpricing;

import com.cloudact.api.audit.AuditLog;
import com.cloudact.api.audit.Audited;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.BulkPricingUpdateResponse;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.BulkUpdateRequest;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.PriceFields;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.PricingList;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.ResetResult;
import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model prices per GenAI integration ({@code {provider}} ∈ openai, anthropic, gemini, deepseek, custom), USD per
 * 1K tokens. The legacy OpenAI data routes ({@code /integrations/{org}/openai/pricing…}) are these same handlers
 * with provider {@code openai}: the aliases are the {@code {provider}} paths themselves, not a second copy.
 */
@RestController
@RequestMapping("/api/v1/integrations/{org_slug}/{provider}/pricing")
class ModelPricingController {

    private static final String WRITE = "integrations:write";
    private static final String ALIAS = " Also the legacy OpenAI data route with provider openai.";

    private final ModelPricingService pricing;

    ModelPricingController(ModelPricingService pricing) {
        this.pricing = pricing;
    }

    @GetMapping
    @RateLimited(perMinute = 100)
    @Operation(summary = "List model prices; seeds the provider's defaults on first use." + ALIAS)
    PricingList list(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider,
                     @RequestParam(name = "include_custom", defaultValue = "true") boolean includeCustom,
                     @RequestParam(name = "is_enabled", required = false) Boolean enabled,
                     @RequestParam(defaultValue = "500") int limit, @RequestParam(defaultValue = "0") int offset) {
        return pricing.list(org, provider, includeCustom, enabled, limit, offset);
    }

    @GetMapping("/{model_id}")
    @RateLimited(perMinute = 100)
    @Operation(summary = "One model's price." + ALIAS)
    Map<String, Object> get(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider,
                            @PathVariable("model_id") String modelId) {
        return pricing.get(org, provider, modelId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.CREATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Add a model price (409 when the model has one)." + ALIAS)
    Map<String, Object> create(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider,
                               @Valid @RequestBody PriceFields body) {
        caller.requireScope(WRITE);
        return pricing.create(org, provider, body);
    }

    @PutMapping("/{model_id}")
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Change the given fields of a model price." + ALIAS)
    Map<String, Object> update(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider,
                               @PathVariable("model_id") String modelId, @Valid @RequestBody PriceFields body) {
        caller.requireScope(WRITE);
        return pricing.update(org, provider, modelId, body);
    }

    @DeleteMapping("/{model_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.DELETE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Remove a model price." + ALIAS)
    void delete(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider,
                @PathVariable("model_id") String modelId) {
        caller.requireScope(WRITE);
        pricing.delete(org, provider, modelId);
    }

    @PostMapping("/reset")
    @RateLimited(perMinute = 10)
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Restore the provider's default prices from CloudAct's price list; custom models stay."
            + ALIAS)
    ResetResult reset(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider) {
        caller.requireScope(WRITE);
        return pricing.reset(org, provider);
    }

    @PatchMapping
    @RateLimited(perMinute = 50)
    @Audited(action = AuditLog.Action.UPDATE, resource = AuditLog.Resource.INTEGRATION)
    @Operation(summary = "Update up to 100 model prices at once; unknown models are reported per item." + ALIAS)
    BulkPricingUpdateResponse bulk(@PathVariable("org_slug") OrgSlug org, Caller caller, @PathVariable String provider,
                                   @Valid @RequestBody BulkUpdateRequest body) {
        caller.requireScope(WRITE);
        return pricing.bulk(org, provider, body.updates());
    }
}
