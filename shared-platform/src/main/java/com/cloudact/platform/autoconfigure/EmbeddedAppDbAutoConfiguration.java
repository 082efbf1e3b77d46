package com.cloudact.platform.autoconfigure;

import com.cloudact.platform.appdb.EmbeddedAppDb;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The embedded app database of the local profile and tests: a real PostgreSQL started in
 * {@code cloudact.appdb.embedded.data-directory}, shared by every service of the JVM that names the same folder.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(name = {"io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
        "com.zaxxer.hikari.HikariDataSource"})
@ConditionalOnProperty(prefix = "cloudact.appdb.embedded", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(AppDbProperties.class)
public class EmbeddedAppDbAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    HikariDataSource dataSource(AppDbProperties properties) {
        String url = EmbeddedAppDb.acquire(properties.embedded().dataDirectory());
        HikariDataSource dataSource = new HikariDataSource() {
            @Override
            public void close() {
                super.close();
                EmbeddedAppDb.release(properties.embedded().dataDirectory());
            }
        };
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }
}
