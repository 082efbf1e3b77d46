package com.cloudact.pipeline;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the pipeline service. {@code import-directory} is where an operator may place billing files that
 * runs name by relative path; {@code work-directory} holds uploads while their run lasts.
 */
@ConfigurationProperties("cloudact.pipeline")
public record PipelineProperties(@DefaultValue("http://localhost:8000") URI apiServiceUrl,
                                 @DefaultValue("data/imports") Path importDirectory,
                                 @DefaultValue("data/pipeline-work") Path workDirectory,
                                 @DefaultValue("4") int maxConcurrentRuns,
                                 @DefaultValue("1s") Duration apiRetryBackoff) {
}
