package com.cloudact.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the API service itself. */
@ConfigurationProperties("cloudact.api")
public record ApiProperties(@DefaultValue("http://localhost:8001") URI pipelineServiceUrl,
                            @DefaultValue RateLimit rateLimit,
                            @DefaultValue Maintenance maintenance,
                            @DefaultValue("http://localhost:3000") List<String> corsOrigins,
                            @DefaultValue("60s") Duration pipelineTimeout,
                            @DefaultValue("1s") Duration pipelineRetryBackoff,
                            @DefaultValue("10MB") org.springframework.util.unit.DataSize maxRequestSize) {

    /** Per-org limits for every route, and the switch production insists on. */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("100") int perOrgPerMinute,
                            @DefaultValue("1000") int perOrgPerHour) {
    }

    /** Maintenance mode answers 503 to everything but health probes. */
    public record Maintenance(@DefaultValue("false") boolean enabled,
                              @DefaultValue("CloudAct is under maintenance; please try again shortly.") String message) {
    }
}
