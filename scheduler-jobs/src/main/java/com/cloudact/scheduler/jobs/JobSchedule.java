package com.cloudact.scheduler.jobs;

import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Runs the scheduled jobs on their cron in this process, for a single-machine deployment where no Cloud Scheduler
 * triggers them ({@code cloudact.scheduler.run-on-schedule=true}). A failed run is logged and retried at the next
 * tick, as a Cloud Run Job would be.
 */
@Component
@ConditionalOnBooleanProperty("cloudact.scheduler.run-on-schedule")
class JobSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobSchedule.class);

    private final ThreadPoolTaskScheduler executor = new ThreadPoolTaskScheduler();

    JobSchedule(SchedulerJobs jobs) {
        executor.setThreadNamePrefix("scheduler-job-");
        executor.setDaemon(true);
        executor.initialize();
        jobs.schedules().forEach((name, cron) -> {
            executor.schedule(() -> {
                try {
                    jobs.run(name);
                } catch (RuntimeException e) {
                    LOG.error("Job {} failed", name, e);
                }
            }, new CronTrigger(cron, ZoneOffset.UTC));
            LOG.info("Job {} scheduled at '{}' UTC", name, cron);
        });
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
