package com.cloudact.platform.providers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The only way provider code sends HTTP. Before each request it resolves the host and refuses (with
 * {@link BlockedDestinationException}) loopback, link-local (cloud metadata at 169.254.169.254), private, unique-local,
 * carrier-grade-NAT, multicast and unspecified addresses, metadata host names, and plain {@code http}; it never
 * follows a redirect ({@link RedirectRefusedException}); it bounds the wait for an answer and the size of the body.
 *
 * <p>An exact {@code host:port} on the allow-list skips those checks: tests list their localhost stand-ins there;
 * production passes an empty list.
 *
 * <p>Known limit: the address is checked, then {@link HttpClient} resolves the name again to connect, so a host
 * whose DNS answer changes in between (DNS rebinding) could slip through. The hosts CloudAct calls are fixed
 * provider names, except a service account's {@code token_uri}, which {@code GcpAccessTokens} restricts to Google.
 */
public final class SafeHttp implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);
    /** Provider answers used here are small; this stops a misbehaving endpoint from filling memory. */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /** Looks a host name up; a seam so tests can map names to addresses without DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowList;
    private final Duration readTimeout;
    private final Resolver resolver;
    private final HttpClient client;

    /** Production defaults: nothing allow-listed, 10 s to connect, 15 s to answer. */
    public SafeHttp() {
        this(Set.of());
    }

    public SafeHttp(Set<String> allowedHostPorts) {
        this(allowedHostPorts, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public SafeHttp(Set<String> allowedHostPorts, Duration connectTimeout, Duration readTimeout) {
        this(allowedHostPorts, connectTimeout, readTimeout, InetAddress::getAllByName);
    }

    public SafeHttp(Set<String> allowedHostPorts, Duration connectTimeout, Duration readTimeout, Resolver resolver) {
        this.allowList = allowedHostPorts.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.readTimeout = readTimeout;
        this.resolver = resolver;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the request if its destination is allowed and returns any non-3xx answer, whatever its status.
     *
     * @throws BlockedDestinationException the destination is not allowed; nothing was sent
     * @throws RedirectRefusedException    the answer was a 3xx
     * @throws HttpTimeoutException        no complete answer within the read timeout
     * @throws IOException                 any other network failure, or a body over {@link #MAX_BODY_BYTES}
     */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        checkDestination(request.uri());
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(readTimeout).build();
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(bounded, info -> LimitedBody.utf8(MAX_BODY_BYTES));
        HttpResponse<String> response;
        try {
            response = pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("No answer from " + request.uri().getHost() + " within " + readTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("Request failed", e.getCause());
        }
        if (response.statusCode() >= 300 && response.statusCode() < 400) {
            throw new RedirectRefusedException(request.uri().getHost(), response.statusCode());
        }
        return response;
    }

    /**
     * Sends the request like {@link #send} and streams the answer's body into {@code target} instead of memory: for
     * large or binary bodies such as billing export files. The body may not exceed {@code maxBytes} and the whole
     * answer must arrive within {@code timeout}; otherwise the download stops and the partial file is deleted.
     *
     * @return the answer, whatever its status (an error answer's body is in the file too)
     * @throws BlockedDestinationException the destination is not allowed; nothing was sent
     * @throws RedirectRefusedException    the answer was a 3xx
     * @throws HttpTimeoutException        no complete answer within {@code timeout}
     * @throws IOException                 any other network failure, or a body over {@code maxBytes}
     */
    public HttpResponse<Path> download(HttpRequest request, Path target, long maxBytes, Duration timeout)
            throws IOException, InterruptedException {
        checkDestination(request.uri());
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
        CompletableFuture<HttpResponse<Path>> pending = client.sendAsync(bounded, info -> new LimitedFile(target, maxBytes));
        HttpResponse<Path> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            Files.deleteIfExists(target);
            throw new HttpTimeoutException("No complete answer from " + request.uri().getHost() + " within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Files.deleteIfExists(target);
            throw e.getCause() instanceof IOException io ? io : new IOException("Request failed", e.getCause());
        }
        if (response.statusCode() >= 300 && response.statusCode() < 400) {
            Files.deleteIfExists(target);
            throw new RedirectRefusedException(request.uri().getHost(), response.statusCode());
        }
        return response;
    }

    /** Whether this exact {@code host:port} was allow-listed at construction. */
    public boolean isAllowListed(URI uri) {
        return allowList.contains(hostPort(uri));
    }

    /** Throws unless a request to {@code uri} would be allowed. Resolves the host (through the resolver) to decide. */
    public void checkDestination(URI uri) throws BlockedDestinationException, UnknownHostException {
        String host = uri.getHost();
        if (host == null) {
            throw new BlockedDestinationException("(no host)", "the URL has no host");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new BlockedDestinationException(host, "only http and https are allowed");
        }
        if (isAllowListed(uri)) {
            return;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (DestinationRules.isBlockedName(name)) {
            throw new BlockedDestinationException(host, "internal and metadata host names are not allowed");
        }
        InetAddress[] addresses = resolver.resolve(name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = DestinationRules.blockedReason(address);
            if (reason.isPresent()) {
                throw new BlockedDestinationException(host, reason.get() + " addresses are not allowed");
            }
        }
        if (!scheme.equals("https")) {
            throw new BlockedDestinationException(host, "plain http is not allowed, only https");
        }
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort();
        if (port == -1) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** Stops the underlying client without waiting for requests still in flight. */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
