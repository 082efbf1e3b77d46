package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.providers.standins.StandIn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeHttpTests {

    /** Answers 200, or sleeps for {@code ?sleep=ms}, or sends {@code ?bytes=n} bytes. */
    static final class EchoStandIn extends StandIn {
        @Override
        protected Reply answer(Request request) {
            String query = String.valueOf(request.rawQuery());
            if (query.startsWith("sleep=")) {
                try {
                    Thread.sleep(Long.parseLong(query.substring(6)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (query.startsWith("bytes=")) {
                return Reply.json(200, "x".repeat(Integer.parseInt(query.substring(6))));
            }
            return Reply.json(200, "{\"ok\":true}");
        }
    }

    /** A resolver for tests: fixed answers, and no name that is not listed (so no real DNS). */
    static SafeHttp.Resolver resolver(Map<String, String[]> answers) {
        return host -> {
            String[] ips = answers.get(host);
            if (ips == null) {
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return InetAddress.getAllByName(host); // literals: parsed, never looked up
                }
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
                out[i] = InetAddress.getByName(ips[i]);
            }
            return out;
        };
    }

    final EchoStandIn standIn = new EchoStandIn();

    @AfterEach
    void stop() {
        standIn.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:8080/", "https://127.0.0.2/", "https://[::1]/", "http://169.254.169.254/latest/meta-data/",
        "https://169.254.10.1/", "http://10.1.2.3/", "https://172.16.0.1/", "https://172.31.255.255/", "https://192.168.1.1/",
        "https://[fd00::1]/", "https://[fc00::1]/", "https://[fe80::1]/", "https://0.0.0.0/", "https://[::]/",
        "https://100.64.0.1/", "https://[::ffff:169.254.169.254]/", "https://[::ffff:10.0.0.1]/", "https://[64:ff9b::a00:1]/",
        "https://224.0.0.1/"})
    void blocksNonPublicAddressLiterals(String url) {
        try (SafeHttp http = new SafeHttp(Set.of())) {
            assertThatThrownBy(() -> http.checkDestination(URI.create(url)))
                    .isInstanceOf(BlockedDestinationException.class)
                    .hasMessageContaining("addresses are not allowed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://metadata.google.internal/computeMetadata/v1/", "https://METADATA.GOOGLE.INTERNAL./",
        "http://metadata/", "https://localhost/", "https://instance-1.us-central1-a.c.acme.internal/"})
    void blocksMetadataAndInternalNamesWithoutLookingThemUp(String url) {
        SafeHttp.Resolver mustNotResolve = host -> {
            throw new AssertionError("looked up " + host);
        };
        try (SafeHttp http = new SafeHttp(Set.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), mustNotResolve)) {
            assertThatThrownBy(() -> http.checkDestination(URI.create(url)))
                    .isInstanceOf(BlockedDestinationException.class)
                    .hasMessageContaining("metadata host names are not allowed");
        }
    }

    @Test
    void blocksNamesThatResolveToAnyNonPublicAddress() {
        var answers = Map.of("rebind.example", new String[] {"10.0.0.7"},
                "mixed.example", new String[] {"93.184.216.34", "169.254.169.254"},
                "public.example", new String[] {"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"});
        try (SafeHttp http = new SafeHttp(Set.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), resolver(answers))) {
            assertThatThrownBy(() -> http.checkDestination(URI.create("https://rebind.example/")))
                    .isInstanceOf(BlockedDestinationException.class).hasMessageContaining("private");
            assertThatThrownBy(() -> http.checkDestination(URI.create("https://mixed.example/")))
                    .isInstanceOf(BlockedDestinationException.class).hasMessageContaining("link-local");
            assertThatNoException().isThrownBy(() -> http.checkDestination(URI.create("https://public.example/v1/models")));
            assertThatThrownBy(() -> http.checkDestination(URI.create("http://public.example/")))
                    .isInstanceOf(BlockedDestinationException.class).hasMessageContaining("plain http");
            assertThatThrownBy(() -> http.checkDestination(URI.create("https://unknown.example/")))
                    .isInstanceOf(UnknownHostException.class);
        }
    }

    @Test
    void refusesSchemesOtherThanHttpAndHttps() {
        try (SafeHttp http = new SafeHttp(Set.of())) {
            assertThatThrownBy(() -> http.checkDestination(URI.create("ftp://example.com/x")))
                    .isInstanceOf(BlockedDestinationException.class).hasMessageContaining("only http and https");
            assertThatThrownBy(() -> http.checkDestination(URI.create("file:///etc/passwd")))
                    .isInstanceOf(BlockedDestinationException.class);
        }
    }

    @Test
    void aStandInIsReachedOnlyThroughItsExactAllowListedHostAndPort() throws Exception {
        URI uri = URI.create(standIn.baseUrl() + "/ping");
        try (SafeHttp open = new SafeHttp(standIn.allowList()); SafeHttp closed = new SafeHttp(Set.of())) {
            assertThat(open.send(HttpRequest.newBuilder(uri).build()).statusCode()).isEqualTo(200);

            assertThatThrownBy(() -> closed.send(HttpRequest.newBuilder(uri).build()))
                    .isInstanceOf(BlockedDestinationException.class).hasMessageContaining("loopback");
            URI otherPort = URI.create("http://127.0.0.1:" + (uri.getPort() == 65535 ? 1 : uri.getPort() + 1) + "/");
            assertThatThrownBy(() -> open.checkDestination(otherPort)).isInstanceOf(BlockedDestinationException.class);
            URI byName = URI.create("http://localhost:" + uri.getPort() + "/");
            assertThatThrownBy(() -> open.checkDestination(byName)).isInstanceOf(BlockedDestinationException.class);
        }
        assertThat(standIn.requests()).hasSize(1);
    }

    @Test
    void neverFollowsARedirect() {
        standIn.redirectNext();
        try (SafeHttp http = new SafeHttp(standIn.allowList())) {
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/v1/models")).build()))
                    .isInstanceOfSatisfying(RedirectRefusedException.class, e -> assertThat(e.status()).isEqualTo(302));
        }
        assertThat(standIn.redirectFollowed()).isFalse();
    }

    @Test
    void givesUpWhenTheAnswerTakesLongerThanTheReadTimeout() {
        try (SafeHttp http = new SafeHttp(standIn.allowList(), Duration.ofSeconds(2), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/?sleep=3000")).build()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        try (SafeHttp http = new SafeHttp(standIn.allowList())) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/?bytes=1000")).build()).body()).hasSize(1000);
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
                    URI.create(standIn.baseUrl() + "/?bytes=" + (SafeHttp.MAX_BODY_BYTES + 1))).build()))
                    .isInstanceOf(IOException.class).hasMessageContaining("larger than");
        }
    }
}
