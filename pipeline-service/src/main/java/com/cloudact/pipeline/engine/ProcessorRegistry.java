package com.cloudact.pipeline.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The step processors of this service, by {@code ps_type}. */
@Component
public class ProcessorRegistry {

    private final Map<String, StepProcessor> processors;

    ProcessorRegistry(List<StepProcessor> processors) {
        this.processors = processors.stream().collect(Collectors.toUnmodifiableMap(StepProcessor::type, Function.identity()));
    }

    public Optional<StepProcessor> find(String type) {
        return Optional.ofNullable(processors.get(type));
    }
}
