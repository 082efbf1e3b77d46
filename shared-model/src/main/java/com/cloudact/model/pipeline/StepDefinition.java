package com.cloudact.model.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline: the processor it runs ({@code ps_type}), its configuration (with {@code ${var}}
 * placeholders resolved at run time), the steps it waits for, and its failure policy.
 */
public record StepDefinition(String stepId, String name, String description, String psType,
                             Map<String, Object> config, List<String> dependsOn, Duration timeout,
                             RetryPolicy retry, OnFailure onFailure, boolean enabled) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public StepDefinition {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        dependsOn = List.copyOf(dependsOn);
    }
}
