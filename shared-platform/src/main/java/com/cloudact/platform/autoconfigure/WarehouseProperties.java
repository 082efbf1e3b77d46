package com.cloudact.platform.autoconfigure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which warehouse holds cost data ({@code cloudact.warehouse.type}: duckdb or bigquery) and the deployment
 * environment that suffixes org datasets ({@code local}, {@code stage}, {@code prod}).
 */
@ConfigurationProperties("cloudact.warehouse")
public record WarehouseProperties(Type type, @DefaultValue("local") String env, @DefaultValue DuckDb duckdb,
                                  @DefaultValue BigQuery bigquery) {

    public enum Type { DUCKDB, BIGQUERY }

    public record DuckDb(@DefaultValue("data/cloudact.duckdb") Path file, @DefaultValue("4GB") String memoryLimit,
                         Integer threads) {
    }

    public record BigQuery(String projectId, @DefaultValue("US") String location) {
    }
}
