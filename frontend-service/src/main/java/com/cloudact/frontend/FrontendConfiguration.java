package com.cloudact.frontend;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the frontend's features share. */
@Configuration(proxyBeanMethods = false)
class FrontendConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
