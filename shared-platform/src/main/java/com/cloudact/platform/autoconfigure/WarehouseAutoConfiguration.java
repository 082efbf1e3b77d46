package com.cloudact.platform.autoconfigure;

import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.bigquery.BigQueryWarehouse;
import com.cloudact.platform.warehouse.duckdb.DuckDbWarehouse;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The one place that picks the warehouse, on {@code cloudact.warehouse.type}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "cloudact.warehouse", name = "type")
@EnableConfigurationProperties(WarehouseProperties.class)
public class WarehouseAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Warehouse warehouse(WarehouseProperties properties) {
        return switch (properties.type()) {
            case DUCKDB -> new DuckDbWarehouse(properties.duckdb().file(), properties.duckdb().memoryLimit(),
                    properties.duckdb().threads());
            case BIGQUERY -> {
                if (properties.bigquery().projectId() == null || properties.bigquery().projectId().isBlank()) {
                    throw new IllegalStateException("cloudact.warehouse.bigquery.project-id is required for BigQuery");
                }
                yield new BigQueryWarehouse(properties.bigquery().projectId(), properties.bigquery().location());
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    DeploymentEnv deploymentEnv(WarehouseProperties properties) {
        return DeploymentEnv.parse(properties.env());
    }

    @Bean
    @ConditionalOnMissingBean
    TableCatalog tableCatalog() {
        return TableCatalog.load();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
