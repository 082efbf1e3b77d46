package com.cloudact.pipeline.engine;

import java.time.Duration;
import java.time.Instant;

/** How one step ended. */
public record StepOutcome(String stepId, String psType, int index, StepStatus status, long rowsProcessed,
                          Instant startedAt, Duration duration, int attempts, String error) {
}
