package com.cloudact.platform.providers.standins;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP server on the loopback address playing one provider's API. Subclasses answer in {@link #answer};
 * tests can queue error answers with {@link #failNext} and {@link #redirectNext}, and read every request received.
 * A redirect points at {@code /redirected}, which records the visit, so a test can prove nobody followed it.
 */
public abstract class StandIn implements AutoCloseable {

    public static final String REDIRECT_TARGET = "/redirected";

    /** One request as received; header names lower-cased. */
    public record Request(String method, String path, String rawQuery, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** The body read as {@code application/x-www-form-urlencoded}. */
        public Map<String, String> form() {
            return formOf(body);
        }
    }

    /** An answer to send. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json; charset=UTF-8", body, Map.of());
        }

        public static Reply xml(int status, String body) {
            return new Reply(status, "text/xml", body, Map.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Reply> queued = new ConcurrentLinkedQueue<>();

    protected StandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers a request no queued reply took. */
    protected abstract Reply answer(Request request);

    public String baseUrl() {
        return "http://" + hostPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The allow-list entry a {@code SafeHttp} needs to reach this stand-in. */
    public Set<String> allowList() {
        return Set.of(hostPort());
    }

    public void failNext(Reply reply) {
        queued.add(reply);
    }

    public void redirectNext() {
        queued.add(new Reply(302, "text/html", "<a href=\"" + REDIRECT_TARGET + "\">moved</a>",
                Map.of("Location", baseUrl() + REDIRECT_TARGET)));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsTo(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    public boolean redirectFollowed() {
        return !requestsTo(REDIRECT_TARGET).isEmpty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            Headers received = exchange.getRequestHeaders();
            received.forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(received.getFirst("Content-Encoding"))) {
                raw = new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes(); // Google's SDKs gzip bodies
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
            requests.add(request);
            Reply reply;
            if (request.path().equals(REDIRECT_TARGET)) {
                reply = Reply.json(200, "{}");
            } else {
                Reply next = queued.poll();
                reply = next != null ? next : answer(request);
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    public static Map<String, String> formOf(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
