package com.cloudact.pipeline.engine;

/** Statuses of a pipeline run, as the run log stores them. */
public enum RunStatus {
    PENDING, RUNNING, COMPLETED, FAILED, TIMEOUT, CANCELLING, CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == TIMEOUT || this == CANCELLED;
    }
}
