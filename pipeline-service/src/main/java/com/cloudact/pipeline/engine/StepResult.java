package com.cloudact.pipeline.engine;

import java.util.Map;

/** What a step did: rows it processed, and outputs later steps can use as {@code ${name}}. */
public record StepResult(long rowsProcessed, Map<String, Object> outputs) {

    public StepResult {
        outputs = Map.copyOf(outputs);
    }
}
