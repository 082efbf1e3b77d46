package com.cloudact.api;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the API service itself. */
@ConfigurationProperties("cloudact.api")
public record ApiProperties(@DefaultValue("http://localhost:8001") URI pipelineServiceUrl) {
}
