package com.cloudact.platform.autoconfigure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The app database. With {@code cloudact.appdb.embedded.enabled} a PostgreSQL server is started in
 * {@code data-directory} (the local profile and tests); otherwise {@code spring.datasource.*} points at Supabase.
 */
@ConfigurationProperties("cloudact.appdb")
public record AppDbProperties(@DefaultValue Embedded embedded) {

    public record Embedded(@DefaultValue("false") boolean enabled,
                           @DefaultValue("data/postgres") Path dataDirectory) {
    }
}
