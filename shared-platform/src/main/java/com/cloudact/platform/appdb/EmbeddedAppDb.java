package com.cloudact.platform.appdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded app database: a real PostgreSQL server (zonky binaries) whose data folder survives restarts.
 * Services of one JVM that name the same folder share one server; it stops when the last of them lets go.
 */
public final class EmbeddedAppDb {

    private static final Map<Path, Instance> RUNNING = new HashMap<>();

    private record Instance(EmbeddedPostgres postgres, int[] users) {
    }

    private EmbeddedAppDb() {
    }

    /** Starts (or joins) the server for {@code dataDirectory} and returns its JDBC URL. */
    public static synchronized String acquire(Path dataDirectory) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        Instance instance = RUNNING.get(key);
        if (instance == null) {
            try {
                Files.createDirectories(key);
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(key)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "200")
                        .start();
                instance = new Instance(postgres, new int[] {0});
                RUNNING.put(key, instance);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + key, e);
            }
        }
        instance.users()[0]++;
        return instance.postgres().getJdbcUrl("postgres", "postgres");
    }

    public static synchronized void release(Path dataDirectory) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        Instance instance = RUNNING.get(key);
        if (instance != null && --instance.users()[0] == 0) {
            RUNNING.remove(key);
            try {
                instance.postgres().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
