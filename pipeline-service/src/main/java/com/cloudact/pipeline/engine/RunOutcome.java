package com.cloudact.pipeline.engine;

import java.util.List;

/**
 * How a run ended, with every step's outcome in execution order. {@code alertStepId} names the failed step
 * whose {@code on_failure: alert} asks for the org's pipeline-failure alert (null when none did).
 */
public record RunOutcome(RunStatus status, List<StepOutcome> steps, String error, String alertStepId) {

    public RunOutcome {
        steps = List.copyOf(steps);
    }

    public RunOutcome(RunStatus status, List<StepOutcome> steps, String error) {
        this(status, steps, error, null);
    }

    public boolean alertRequested() {
        return alertStepId != null;
    }
}
