package com.cloudact.scheduler.jobs;

import java.util.Optional;

/** One scheduled job; its name is what {@code --job=} selects. */
public interface SchedulerJob {

    String name();

    /** When the job runs by itself, as a Spring cron expression in UTC; empty for jobs run on demand. */
    default Optional<String> schedule() {
        return Optional.empty();
    }

    /** Runs the job once and returns a one-line summary; throws when the job failed. */
    String run();
}
