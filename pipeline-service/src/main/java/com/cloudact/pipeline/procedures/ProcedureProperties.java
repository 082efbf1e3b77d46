package com.cloudact.pipeline.procedures;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Procedure settings: whether the BigQuery procedures are created (or updated) when the service starts. */
@ConfigurationProperties("cloudact.pipeline.procedures")
public record ProcedureProperties(@DefaultValue("true") boolean autoSync) {
}
