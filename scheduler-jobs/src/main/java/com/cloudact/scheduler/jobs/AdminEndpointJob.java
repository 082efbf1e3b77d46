package com.cloudact.scheduler.jobs;

import java.util.Map;
import java.util.Optional;

/**
 * A job that is one root-key call to an API maintenance endpoint, which reports {@code success} and a
 * {@code message}; a false {@code success} fails the job so Cloud Run reports it.
 *
 * @param cron when it runs, as a Spring cron expression in UTC (second minute hour day month weekday)
 */
record AdminEndpointJob(String name, String cron, String path, ApiAdminClient api) implements SchedulerJob {

    @Override
    public Optional<String> schedule() {
        return Optional.of(cron);
    }

    @Override
    public String run() {
        Map<String, Object> result = api.post(path, Map.of());
        if (!Boolean.TRUE.equals(result.get("success"))) {
            throw new IllegalStateException(name + " did not succeed: " + result);
        }
        Object message = result.get("message");
        return message == null ? result.toString() : message.toString();
    }
}
