package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.providers.standins.StandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SafeHttp#download}: bodies streamed to a file, with the same destination, redirect and size rules. */
class SafeHttpDownloadTests {

    final SafeHttpTests.EchoStandIn standIn = new SafeHttpTests.EchoStandIn();

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void writesTheBodyToTheFileWhateverTheStatus() throws IOException, InterruptedException {
        Path target = folder.resolve("body.bin");
        try (SafeHttp http = new SafeHttp(standIn.allowList())) {
            HttpResponse<Path> response = http.download(get("/file?bytes=300000"), target, 1_000_000, Duration.ofSeconds(10));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(target);
            assertThat(Files.size(target)).isEqualTo(300_000);
            assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("x".repeat(300_000));
        }
    }

    @Test
    void aBodyOverTheLimitFailsAndLeavesNoFile() {
        Path target = folder.resolve("big.bin");
        try (SafeHttp http = new SafeHttp(standIn.allowList())) {
            assertThatThrownBy(() -> http.download(get("/file?bytes=300000"), target, 100_000, Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class).hasMessageContaining("larger than 100000 bytes");
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void aSlowAnswerTimesOutAndLeavesNoFile() {
        Path target = folder.resolve("slow.bin");
        try (SafeHttp http = new SafeHttp(standIn.allowList())) {
            assertThatThrownBy(() -> http.download(get("/file?sleep=3000"), target, 1_000, Duration.ofMillis(500)))
                    .isInstanceOf(HttpTimeoutException.class);
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void redirectsAreRefusedAndNotFollowed() {
        standIn.redirectNext();
        try (SafeHttp http = new SafeHttp(standIn.allowList())) {
            assertThatThrownBy(() -> http.download(get("/file"), folder.resolve("moved.bin"), 1_000, Duration.ofSeconds(5)))
                    .isInstanceOf(RedirectRefusedException.class);
        }
        assertThat(standIn.redirectFollowed()).isFalse();
        assertThat(folder.resolve("moved.bin")).doesNotExist();
    }

    @Test
    void aDestinationOffTheAllowListIsBlockedBeforeAnythingIsSent() {
        try (SafeHttp http = new SafeHttp(Set.of())) {
            assertThatThrownBy(() -> http.download(get("/file"), folder.resolve("x.bin"), 1_000, Duration.ofSeconds(5)))
                    .isInstanceOf(BlockedDestinationException.class);
        }
        assertThat(standIn.requests()).isEmpty();
    }

    private HttpRequest get(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(standIn.baseUrl() + pathAndQuery)).GET().build();
    }
}
