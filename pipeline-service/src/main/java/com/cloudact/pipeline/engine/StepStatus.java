package com.cloudact.pipeline.engine;

/** Statuses of a step; SKIPPED steps never ran because a step they depend on failed or the run stopped. */
public enum StepStatus {
    RUNNING, COMPLETED, FAILED, SKIPPED
}
