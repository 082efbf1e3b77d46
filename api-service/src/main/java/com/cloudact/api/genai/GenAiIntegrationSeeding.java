package com.cloudact.api.genai;

import com.cloudact.api.genai.modelpricing.ModelPricingService;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.ProviderCategory;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a valid integration brings along: the provider's default model prices (GenAI Pricing router) and the
 * shipped prices the cost pipelines read (all three flows, added only where the org lacks them, as seed-defaults
 * with replace=false does). GenAI providers and the clouds that bill GenAI (Vertex, Azure OpenAI, Bedrock) qualify.
 * Seeding never fails the integration: a failure is logged, and the org can seed later (first read, reset,
 * seed-defaults).
 */
@Component
public class GenAiIntegrationSeeding {

    private static final Set<Provider> GENAI_CLOUDS = Set.of(Provider.GCP, Provider.AZURE, Provider.AWS);
    private static final Logger LOG = LoggerFactory.getLogger(GenAiIntegrationSeeding.class);

    private final ModelPricingService modelPricing;
    private final GenAiPricingService pricing;

    GenAiIntegrationSeeding(ModelPricingService modelPricing, GenAiPricingService pricing) {
        this.modelPricing = modelPricing;
        this.pricing = pricing;
    }

    public void afterValidation(OrgSlug org, Provider provider) {
        if (provider.category() != ProviderCategory.GENAI && !GENAI_CLOUDS.contains(provider)) {
            return;
        }
        modelPricing.seedAfterValidation(org, provider);
        try {
            pricing.seedDefaults(org, null, false);
        } catch (RuntimeException e) {
            LOG.warn("Seeding the shipped GenAI prices of {} after its {} integration failed: {}", org, provider.id(),
                    e.getMessage());
        }
    }
}
