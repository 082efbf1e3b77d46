package com.cloudact.model.pipeline;

import com.cloudact.model.Provider;
import java.util.Optional;

/** One row of the pipeline registry: what the validator needs to know about a runnable pipeline. */
public record PipelineRegistration(String id, String name, String description, String category, String provider,
                                   String domain, String pipeline, Optional<Provider> requiredIntegration,
                                   String schedule, boolean enabled, int defaultTimeoutSeconds) {

    public PipelinePath path() {
        return provider == null || provider.equals(category)
                ? PipelinePath.of(category, domain, pipeline)
                : PipelinePath.of(category, provider, domain, pipeline);
    }
}
