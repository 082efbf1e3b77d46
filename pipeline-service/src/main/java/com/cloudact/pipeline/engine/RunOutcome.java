package com.cloudact.pipeline.engine;

import java.util.List;

/** How a run ended, with every step's outcome in execution order. */
public record RunOutcome(RunStatus status, List<StepOutcome> steps, String error) {
}
