package com.cloudact.model.pipeline;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks a pipeline YAML file (fields as in the pipeline spec §1.2–1.3). The pipeline timeout is
 * {@code timeout_minutes} (default 30), or {@code timeout_seconds} when a pipeline needs a finer bound.
 */
public final class PipelineDefinitionParser {

    private static final Pattern PIPELINE_ID = Pattern.compile("^[a-zA-Z0-9_{}-]+$");
    private static final Pattern STEP_ID = Pattern.compile("^[a-zA-Z0-9_]{1,100}$");

    private PipelineDefinitionParser() {
    }

    public static PipelineDefinition parse(InputStream yaml, String source) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map<?, ?> root)) {
            throw new PipelineDefinitionException(source + ": not a YAML mapping");
        }
        try {
            return parse(cast(root));
        } catch (PipelineDefinitionException | ClassCastException e) {
            throw new PipelineDefinitionException(source + ": " + e.getMessage());
        }
    }

    private static PipelineDefinition parse(Map<String, Object> root) {
        String pipelineId = requiredString(root, "pipeline_id");
        if (!PIPELINE_ID.matcher(pipelineId).matches()) {
            throw new PipelineDefinitionException("pipeline_id may only hold letters, digits, _ - { }");
        }
        Object rawSteps = root.get("steps");
        if (!(rawSteps instanceof List<?> stepList) || stepList.isEmpty()) {
            throw new PipelineDefinitionException("steps must list at least one step");
        }
        List<StepDefinition> steps = new ArrayList<>();
        for (Object item : stepList) {
            steps.add(parseStep(cast(item)));
        }
        checkGraph(steps);
        int timeoutMinutes = intValue(root, "timeout_minutes", (int) PipelineDefinition.DEFAULT_TIMEOUT.toMinutes());
        Duration timeout = Duration.ofMinutes(timeoutMinutes);
        if (root.containsKey("timeout_seconds")) {
            timeout = Duration.ofSeconds(intValue(root, "timeout_seconds", 0));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new PipelineDefinitionException("the pipeline timeout must be positive");
        }
        return new PipelineDefinition(pipelineId, requiredString(root, "name"), (String) root.get("description"),
                requiredString(root, "provider"), requiredString(root, "domain"),
                root.get("version") == null ? null : String.valueOf(root.get("version")),
                mapOrEmpty(root.get("variables")), mapOrEmpty(root.get("parameters")), steps, timeout);
    }

    private static StepDefinition parseStep(Map<String, Object> step) {
        String stepId = requiredString(step, "step_id");
        if (!STEP_ID.matcher(stepId).matches()) {
            throw new PipelineDefinitionException("step_id '" + stepId + "' may only hold letters, digits and _");
        }
        String psType = requiredString(step, "ps_type");
        if (!psType.contains(".")) {
            throw new PipelineDefinitionException("step " + stepId + ": ps_type must look like area.processor");
        }
        Duration timeout = StepDefinition.DEFAULT_TIMEOUT;
        if (step.containsKey("timeout_seconds")) {
            int seconds = intValue(step, "timeout_seconds", 0);
            if (seconds < 1 || seconds > 7200) {
                throw new PipelineDefinitionException("step " + stepId + ": timeout_seconds must be 1-7200");
            }
            timeout = Duration.ofSeconds(seconds);
        } else if (step.containsKey("timeout_minutes")) {
            int minutes = intValue(step, "timeout_minutes", 0);
            if (minutes < 1 || minutes > 120) {
                throw new PipelineDefinitionException("step " + stepId + ": timeout_minutes must be 1-120");
            }
            timeout = Duration.ofMinutes(minutes);
        }
        RetryPolicy retry = RetryPolicy.NONE;
        if (step.get("retry") instanceof Map<?, ?> r) {
            Map<String, Object> retryMap = cast(r);
            retry = new RetryPolicy(intValue(retryMap, "max_attempts", 1),
                    Duration.ofMillis(Math.round(doubleValue(retryMap, "backoff_seconds", 1.0) * 1000)),
                    !Boolean.FALSE.equals(retryMap.get("exponential_backoff")));
        }
        List<String> dependsOn = step.get("depends_on") == null ? List.of()
                : ((List<?>) step.get("depends_on")).stream().map(String::valueOf).toList();
        return new StepDefinition(stepId, requiredString(step, "name"), (String) step.get("description"), psType,
                mapOrEmpty(step.get("config")), dependsOn, timeout, retry, OnFailure.parse(step.get("on_failure")),
                !Boolean.FALSE.equals(step.get("enabled")));
    }

    /** Every {@code depends_on} names a step of this pipeline, and the dependencies have no cycle. */
    private static void checkGraph(List<StepDefinition> steps) {
        Map<String, StepDefinition> byId = new LinkedHashMap<>();
        for (StepDefinition step : steps) {
            if (byId.put(step.stepId(), step) != null) {
                throw new PipelineDefinitionException("step_id '" + step.stepId() + "' is used twice");
            }
        }
        for (StepDefinition step : steps) {
            for (String dependency : step.dependsOn()) {
                if (!byId.containsKey(dependency)) {
                    throw new PipelineDefinitionException(
                            "step " + step.stepId() + " depends on unknown step '" + dependency + "'");
                }
            }
        }
        Map<String, Integer> state = new HashMap<>();
        for (StepDefinition step : steps) {
            visit(step, byId, state, new HashSet<>());
        }
    }

    private static void visit(StepDefinition step, Map<String, StepDefinition> byId, Map<String, Integer> state,
                              Set<String> path) {
        if (state.getOrDefault(step.stepId(), 0) == 2) {
            return;
        }
        if (!path.add(step.stepId())) {
            throw new PipelineDefinitionException("steps depend on each other in a cycle through " + step.stepId());
        }
        for (String dependency : step.dependsOn()) {
            visit(byId.get(dependency), byId, state, path);
        }
        path.remove(step.stepId());
        state.put(step.stepId(), 2);
    }

    private static String requiredString(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new PipelineDefinitionException("'" + key + "' is required");
        }
        return String.valueOf(value);
    }

    private static int intValue(Map<String, Object> map, String key, int fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new PipelineDefinitionException("'" + key + "' must be a whole number");
    }

    private static double doubleValue(Map<String, Object> map, String key, double fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new PipelineDefinitionException("'" + key + "' must be a number");
    }

    private static Map<String, Object> mapOrEmpty(Object value) {
        return value == null ? Map.of() : cast(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new PipelineDefinitionException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }
}
