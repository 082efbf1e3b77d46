package com.cloudact.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the local stack keeps its data and which ports it serves on (0 picks free ports, as tests do). The root
 * key comes from {@code CA_ROOT_API_KEY} or is generated once and kept in {@code keys/root-key}.
 */
public record LocalStackSettings(Path dataDirectory, int frontendPort, int apiPort, int pipelinePort, String rootKey) {

    public static LocalStackSettings fromEnvironment() {
        Path data = Path.of(env("CLOUDACT_DATA_DIR", "data")).toAbsolutePath().normalize();
        return new LocalStackSettings(data, Integer.parseInt(env("FRONTEND_PORT", "3000")),
                Integer.parseInt(env("API_PORT", "8000")), Integer.parseInt(env("PIPELINE_PORT", "8001")),
                rootKey(data, System.getenv("CA_ROOT_API_KEY")));
    }

    public static LocalStackSettings forTests(Path data) {
        return new LocalStackSettings(data, 0, 0, 0, rootKey(data, null));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootKey(Path data, String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path file = data.resolve("keys/root-key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[36];
            new SecureRandom().nextBytes(random);
            String key = "ca_root_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, key, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the root key in " + file, e);
        }
    }

    @Override
    public String toString() {
        return "LocalStackSettings[data=" + dataDirectory + ", ports=" + frontendPort + "/" + apiPort + "/"
                + pipelinePort + "]";
    }
}
