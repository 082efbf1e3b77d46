package com.cloudact.pipeline.engine;

/** Told about each step as it starts, retries and ends (the run log listens). */
public interface RunListener {

    void stepStarted(RunPlan plan, String stepId, String psType, int index);

    /** A failed attempt will be tried again after {@code delay}; {@code attempt} is the one that failed. */
    default void stepRetrying(RunPlan plan, String stepId, int index, int attempt, String error,
                              java.time.Duration delay) {
    }

    void stepFinished(RunPlan plan, StepOutcome outcome);
}
