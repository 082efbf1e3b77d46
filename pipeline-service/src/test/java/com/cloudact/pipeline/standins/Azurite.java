package com.cloudact.pipeline.standins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Azurite, Microsoft's Azure Storage emulator (npm package {@code azurite}), run as a child process: Blob service only,
 * on 127.0.0.1 at a port reserved when this class loads (so the shared Spring context can point
 * {@code cloudact.providers.urls.azure-blob} at it before it starts), data in a folder of the caller's.
 *
 * <p>Where it is found: the system property {@code azurite.bin} or the environment variable {@code AZURITE_BIN} (the
 * {@code azurite-blob} launcher), else {@code .tools/azurite/node_modules/.bin/azurite-blob} in the repository, which
 * {@code scripts/install-test-tools.sh} (run by {@code .ci/run}) installs with the pinned version. Without it the
 * tests that need it fail, saying so: they are never skipped.
 */
public final class Azurite implements AutoCloseable {

    /** Azurite's well-known development account and key (public, documented by Microsoft). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final int PORT = freePort();

    private final Process process;

    private Azurite(Process process) {
        this.process = process;
    }

    /** The Blob endpoint template ({@code {account}} in the path, as Azurite addresses accounts). */
    public static String blobEndpointTemplate() {
        return "http://127.0.0.1:" + PORT + "/{account}";
    }

    public static String blobEndpoint() {
        return "http://127.0.0.1:" + PORT + "/" + ACCOUNT;
    }

    /** Starts Azurite's Blob service with its data in {@code location} and waits until it accepts connections. */
    public static Azurite start(Path location) throws IOException, InterruptedException {
        Path executable = executable();
        Path log = location.resolve("azurite.log");
        Process process = new ProcessBuilder(List.of(executable.toString(), "--blobHost", "127.0.0.1",
                "--blobPort", String.valueOf(PORT), "--location", location.toString(), "--skipApiVersionCheck",
                "--loose", "--disableProductStyleUrl"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite azurite = new Azurite(process);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with " + process.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
                return azurite;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        azurite.close();
        throw new IllegalStateException("Azurite did not listen on port " + PORT + " within 60 s: "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Stops the launcher and the node process it started (by their process ids). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Path executable() {
        Optional<String> configured = Optional.ofNullable(System.getProperty("azurite.bin"))
                .or(() -> Optional.ofNullable(System.getenv("AZURITE_BIN"))).filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            return Path.of(configured.get());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/azurite/node_modules/.bin/azurite-blob");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Azurite is not installed: run scripts/install-test-tools.sh (npm install of the "
                + "pinned azurite into .tools/azurite) or set AZURITE_BIN to an azurite-blob launcher");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
