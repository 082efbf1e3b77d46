package com.cloudact.model.pipeline;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pipeline as its YAML file defines it. */
public record PipelineDefinition(String pipelineIdTemplate, String name, String description, String provider,
                                 String domain, String version, Map<String, Object> variables,
                                 Map<String, Object> parameters, List<StepDefinition> steps, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public PipelineDefinition {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        steps = List.copyOf(steps);
    }

    public Optional<StepDefinition> step(String stepId) {
        return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
    }
}
