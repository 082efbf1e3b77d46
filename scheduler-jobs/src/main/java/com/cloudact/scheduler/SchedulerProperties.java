package com.cloudact.scheduler;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the jobs find the API service, and the root key they call it with. */
@ConfigurationProperties("cloudact.scheduler")
public record SchedulerProperties(@DefaultValue("http://localhost:8000") URI apiServiceUrl, String rootKey) {

    @Override
    public String toString() {
        return "SchedulerProperties[apiServiceUrl=" + apiServiceUrl + ", rootKey=***]";
    }
}
