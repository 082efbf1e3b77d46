package com.cloudact.pipeline.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the step engine: how many steps of one dependency level run at once, how often a running step
 * looks for a cancellation or a deadline, and how long a stopped step may take to let go of its thread before
 * the run moves on without it.
 */
@ConfigurationProperties("cloudact.pipeline.engine")
public record EngineProperties(@DefaultValue("10") int maxParallelSteps,
                               @DefaultValue("200ms") Duration pollInterval,
                               @DefaultValue("30s") Duration stopGracePeriod) {

    public static final EngineProperties DEFAULTS = new EngineProperties(10, Duration.ofMillis(200), Duration.ofSeconds(30));

    public EngineProperties {
        if (maxParallelSteps < 1) {
            throw new IllegalArgumentException("cloudact.pipeline.engine.max-parallel-steps must be at least 1");
        }
    }
}
