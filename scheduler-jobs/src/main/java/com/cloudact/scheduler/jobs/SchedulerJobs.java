package com.cloudact.scheduler.jobs;

import com.cloudact.scheduler.SchedulerProperties;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The jobs of this deployment, by name. */
@Component
public class SchedulerJobs {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerJobs.class);

    private final Map<String, SchedulerJob> jobs;

    SchedulerJobs(List<SchedulerJob> jobs, SchedulerProperties properties, ApiAdminClient api) {
        this.jobs = Stream.concat(jobs.stream(), properties.endpointJobs().stream()
                        .map(j -> new AdminEndpointJob(j.name(), j.cron(), j.path(), api)))
                .collect(Collectors.toUnmodifiableMap(SchedulerJob::name, Function.identity()));
    }

    /** The jobs that run by themselves, with their cron expressions. */
    public Map<String, String> schedules() {
        return jobs.values().stream().filter(j -> j.schedule().isPresent())
                .collect(Collectors.toUnmodifiableMap(SchedulerJob::name, j -> j.schedule().get()));
    }

    public String run(String name) {
        SchedulerJob job = jobs.get(name);
        if (job == null) {
            throw new IllegalArgumentException("Unknown job '" + name + "'; known jobs: " + jobs.keySet());
        }
        LOG.info("Job {} starting", name);
        String summary = job.run();
        LOG.info("Job {} done: {}", name, summary);
        return summary;
    }
}
