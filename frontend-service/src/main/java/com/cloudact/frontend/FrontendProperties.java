package com.cloudact.frontend;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the frontend: where the API service is. */
@ConfigurationProperties("cloudact.frontend")
public record FrontendProperties(@DefaultValue("http://localhost:8000") URI apiServiceUrl) {
}
