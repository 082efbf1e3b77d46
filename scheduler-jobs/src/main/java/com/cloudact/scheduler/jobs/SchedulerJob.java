package com.cloudact.scheduler.jobs;

/** One scheduled job; its name is what {@code --job=} selects. */
public interface SchedulerJob {

    String name();

    /** Runs the job once and returns a one-line summary; throws when the job failed. */
    String run();
}
