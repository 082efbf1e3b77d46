package com.cloudact.platform.autoconfigure;

import com.cloudact.platform.appdb.AppOrganizations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The app-database repositories shared by the API service and the frontend. */
@AutoConfiguration(after = JdbcClientAutoConfiguration.class)
@ConditionalOnClass(JdbcClient.class)
public class AppDbAutoConfiguration {

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    @ConditionalOnMissingBean
    AppOrganizations appOrganizations(JdbcClient jdbc) {
        return new AppOrganizations(jdbc);
    }
}
