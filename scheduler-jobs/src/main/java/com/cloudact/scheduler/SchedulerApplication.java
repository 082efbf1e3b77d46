package com.cloudact.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Scheduler jobs, one per Cloud Run Job: {@code java -jar scheduler-jobs.jar --job=<name>} runs one job and exits
 * with 0 on success. The local stack runs the same jobs in-process on their schedule.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulerApplication {

    public static final String CONFIG_NAME = "scheduler-jobs";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SchedulerApplication.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(builder().run(args)));
    }
}
