package com.cloudact.pipeline.engine;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a step sees: its org and dataset, the run, its own configuration with {@code ${var}} placeholders
 * already resolved, and the run's variables (request parameters, YAML variables, earlier steps' outputs).
 */
public record StepContext(OrgSlug org, DatasetName orgDataset, String runId, String pipelineId, String stepId,
                          Map<String, Object> config, Map<String, Object> variables) {

    public Optional<Object> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public String configString(String name, String fallback) {
        Object value = config.get(name);
        return value == null ? fallback : String.valueOf(value);
    }

    public Object requiredVariable(String name) {
        return variable(name).orElseThrow(() -> new CloudActException(ErrorCode.BAD_REQUEST,
                "Step " + stepId + " needs '" + name + "', which this run does not have"));
    }

    public Optional<LocalDate> dateVariable(String name) {
        return variable(name).map(v -> v instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(v)));
    }
}
