package com.cloudact.pipeline;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The pipeline service (:8001): runs YAML pipelines that extract provider data and convert it to FOCUS 1.3.
 * It holds no app database; its settings live in {@code pipeline-service.yml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PipelineApplication {

    public static final String CONFIG_NAME = "pipeline-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PipelineApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
