package com.cloudact.scheduler;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the jobs find the API service, the root key they call it with, and the jobs that are one call to an API
 * maintenance endpoint, with their schedules.
 */
@ConfigurationProperties("cloudact.scheduler")
public record SchedulerProperties(@DefaultValue("http://localhost:8000") URI apiServiceUrl, String rootKey,
                                  @DefaultValue List<EndpointJob> endpointJobs) {

    /**
     * @param cron a Spring cron expression in UTC (second minute hour day month weekday)
     * @param path the API path the job posts to, with its query
     */
    public record EndpointJob(String name, String cron, String path) {
    }

    @Override
    public String toString() {
        return "SchedulerProperties[apiServiceUrl=" + apiServiceUrl + ", rootKey=***]";
    }
}
