package com.cloudact.pipeline.standins;

import com.cloudact.platform.providers.standins.SigV4Check;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * S3's REST API for {@code GetObject} with path-style addressing ({@code GET /bucket/key}), as far as a billing
 * export reader uses it: objects from memory, {@code NoSuchKey} XML for missing ones, and every request's SigV4
 * signature checked against the secrets registered here ({@code SignatureDoesNotMatch} / {@code InvalidAccessKeyId}).
 */
public final class S3StandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> gets = new CopyOnWriteArrayList<>();
    private final List<Function<String, Optional<String>>> issuers = new CopyOnWriteArrayList<>();

    public S3StandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Keys that may read, by access key id. */
    public void allow(String accessKeyId, String secret) {
        secrets.put(accessKeyId, secret);
    }

    /** Also accepts the keys another stand-in knows, e.g. temporary keys STS issued for an assumed role. */
    public void trust(Function<String, Optional<String>> issuer) {
        issuers.add(issuer);
    }

    public void put(String bucket, String key, byte[] content) {
        objects.put(bucket + "/" + key, content);
    }

    /** The {@code bucket/key} of every GET that was answered with an object. */
    public List<String> gets() {
        return List.copyOf(gets);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String rawPath = exchange.getRequestURI().getRawPath();
            SigV4Check.Result check = SigV4Check.verify(exchange.getRequestMethod(), rawPath,
                    exchange.getRequestURI().getRawQuery(), headers,
                    headers.getOrDefault("x-amz-content-sha256", SigV4Check.sha256Hex(new byte[0])),
                    this::secretOf);
            if (!check.valid()) {
                reply(exchange, 403, error(check.error().equals("InvalidClientTokenId") ? "InvalidAccessKeyId"
                        : check.error(), rawPath));
                return;
            }
            String path = URLDecoder.decode(rawPath.substring(1), StandardCharsets.UTF_8);
            byte[] object = exchange.getRequestMethod().equals("GET") ? objects.get(path) : null;
            if (object == null) {
                reply(exchange, 404, error("NoSuchKey", rawPath));
                return;
            }
            gets.add(path);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(object)) + "\"");
            exchange.sendResponseHeaders(200, object.length == 0 ? -1 : object.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(object);
            }
        }
    }

    private Optional<String> secretOf(String accessKeyId) {
        return Optional.ofNullable(secrets.get(accessKeyId)).or(() -> issuers.stream()
                .map(i -> i.apply(accessKeyId)).flatMap(Optional::stream).findFirst());
    }

    private static byte[] error(String code, String resource) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + code
                + "</Message><Resource>" + resource + "</Resource><RequestId>standin</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
