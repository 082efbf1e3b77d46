package com.cloudact.pipeline.runlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the run log. {@code instance-name} identifies this service instance across restarts: on start-up it
 * takes over the runs its previous process left unfinished. Give every replica its own stable name when several
 * run side by side; runs of a replica that never comes back are recovered by age instead, once
 * {@code abandoned-after} has passed beyond their pipeline's timeout.
 */
@ConfigurationProperties("cloudact.pipeline.run-log")
public record RunLogProperties(@DefaultValue("pipeline-service") String instanceName,
                               @DefaultValue("15m") Duration abandonedAfter,
                               @DefaultValue("2s") Duration cancelCheckInterval) {
}
