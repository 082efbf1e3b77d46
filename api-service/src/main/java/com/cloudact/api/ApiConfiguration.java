package com.cloudact.api;

import com.cloudact.model.pipeline.PipelineRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of shared-model data the API service reads. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    PipelineRegistry pipelineRegistry() {
        return PipelineRegistry.load();
    }
}
