package com.cloudact.scheduler.jobs;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily maintenance jobs and when they run (UTC), as the spec's schedule table has them. */
@Configuration(proxyBeanMethods = false)
class MaintenanceJobs {

    @Bean
    SchedulerJob quotaResetDaily(ApiAdminClient api) {
        return new AdminEndpointJob("quota-reset-daily", "0 0 0 * * *", "/api/v1/quota/reset-daily", Map.of(), api);
    }

    @Bean
    SchedulerJob quotaResetMonthly(ApiAdminClient api) {
        return new AdminEndpointJob("quota-reset-monthly", "0 5 0 1 * *", "/api/v1/quota/reset-monthly", Map.of(),
                api);
    }

    @Bean
    SchedulerJob quotaCleanup(ApiAdminClient api) {
        return new AdminEndpointJob("quota-cleanup", "0 0 1 * * *", "/api/v1/quota/cleanup-old?days=90", Map.of(),
                api);
    }

    @Bean
    SchedulerJob staleCleanup(ApiAdminClient api) {
        return new AdminEndpointJob("stale-cleanup", "0 0 2 * * *", "/api/v1/quota/cleanup-stale", Map.of(), api);
    }

    @Bean
    SchedulerJob pipelinesDaily(ApiAdminClient api) {
        return new AdminEndpointJob("pipelines-daily", "0 0 6 * * *", "/api/v1/admin/pipelines/run-all", Map.of(),
                api);
    }

    @Bean
    SchedulerJob alertsDaily(ApiAdminClient api) {
        return new AdminEndpointJob("alerts-daily", "0 0 8 * * *", "/api/v1/admin/alerts/process-all",
                Map.of("send_notifications", true), api);
    }
}
