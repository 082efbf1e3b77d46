package com.cloudact.pipeline.engine;

/** Told about each step as it starts and ends (the run log listens). */
public interface RunListener {

    void stepStarted(RunPlan plan, String stepId, String psType, int index);

    void stepFinished(RunPlan plan, StepOutcome outcome);
}
