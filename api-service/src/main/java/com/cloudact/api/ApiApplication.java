package com.cloudact.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The API service (:8000): the control plane. Its settings live in {@code api-service.yml}, not
 * {@code application.yml}, so it can share one JVM with the other services in the local stack.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

    public static final String CONFIG_NAME = "api-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
