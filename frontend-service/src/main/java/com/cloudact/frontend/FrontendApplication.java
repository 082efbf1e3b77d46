package com.cloudact.frontend;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The frontend service (:3000): server-rendered pages behind login. It reads cost data only through the API
 * service, with the org's own key (a BFF). Settings live in {@code frontend-service.yml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FrontendApplication {

    public static final String CONFIG_NAME = "frontend-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(FrontendApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
