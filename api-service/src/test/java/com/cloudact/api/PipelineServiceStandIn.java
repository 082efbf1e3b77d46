package com.cloudact.api;

import com.cloudact.model.OrgSlug;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline service's HTTP API as the API service calls it, on the loopback address, started once for the whole
 * suite. Unscripted requests get the real service's answers: a trigger ({@code POST /api/v1/pipelines/run/...}) is
 * accepted as a PENDING run, a notification ({@code POST /api/v1/notifications/send}) is sent. A test scripts
 * replies for its own org ({@link #script}): each request naming that org in its path or body takes the next one,
 * so tests of other classes sharing the Spring context never see them. Every request is recorded.
 */
public final class PipelineServiceStandIn {

    private static final Pattern RUN = Pattern.compile("^/api/v1/pipelines/run/([^/]+)/(.+)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpServer SERVER = start();
    private static final Map<String, Queue<Reply>> SCRIPTS = new ConcurrentHashMap<>();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    private PipelineServiceStandIn() {
    }

    /** One request as received; header names lower-cased. */
    public record Received(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public JsonNode json() {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        boolean concerns(String org) {
            return Arrays.asList(path.split("/")).contains(org) || body.contains("\"org_slug\":\"" + org + "\"");
        }
    }

    /**
     * A scripted answer: a status with a JSON body (null body = the real service's success answer), extra headers,
     * a delay before answering, or a connection dropped without any answer.
     */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay, boolean drop) {

        /** The service's normal answer (a PENDING run for a trigger). */
        public static Reply accepted() {
            return new Reply(200, null, Map.of(), Duration.ZERO, false);
        }

        /** A trigger accepted as this run. */
        public static Reply run(String runId, String status) {
            return new Reply(200, JSON.writeValueAsString(Map.of("pipeline_logging_id", runId, "status", status,
                    "message", "Pipeline run started")), Map.of(), Duration.ZERO, false);
        }

        /** An error as the pipeline service writes it: RFC 9457 Problem Details. */
        public static Reply problem(int status, String detail) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", "Error");
            body.put("status", status);
            body.put("detail", detail);
            body.put("error", status == 429 ? "QUOTA_EXCEEDED" : "UPSTREAM");
            return new Reply(status, JSON.writeValueAsString(body), Map.of("Content-Type", "application/problem+json"),
                    Duration.ZERO, false);
        }

        /** The connection is closed after the request is read, without a status line. */
        public static Reply dropConnection() {
            return new Reply(0, null, Map.of(), Duration.ZERO, true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, Map.copyOf(more), delay, drop);
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, headers, wait, drop);
        }
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + SERVER.getAddress().getPort();
    }

    /** Queues answers for the next requests concerning this org (path segment or {@code org_slug} in the body). */
    public static void script(OrgSlug org, Reply... replies) {
        script(org.value(), replies);
    }

    public static void script(String org, Reply... replies) {
        SCRIPTS.computeIfAbsent(org, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
    }

    /** The requests concerning this org, in arrival order. */
    public static List<Received> received(OrgSlug org) {
        return received(org.value());
    }

    public static List<Received> received(String org) {
        return RECEIVED.stream().filter(r -> r.concerns(org)).toList();
    }

    /** How many scripted replies for this org are still waiting. */
    public static int pending(OrgSlug org) {
        Queue<Reply> queue = SCRIPTS.get(org.value());
        return queue == null ? 0 : queue.size();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", PipelineServiceStandIn::handle);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(headers), body);
            RECEIVED.add(request);
            Reply reply = SCRIPTS.entrySet().stream().filter(e -> request.concerns(e.getKey()))
                    .map(e -> e.getValue().poll()).filter(r -> r != null).findFirst().orElse(Reply.accepted());
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            if (reply.drop()) {
                return;
            }
            Answer answer = reply.body() != null ? new Answer(reply.status(), reply.body()) : normal(request);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, String body) {
    }

    /** What the real pipeline service answers when all goes well. */
    private static Answer normal(Received request) {
        Matcher run = RUN.matcher(request.path());
        if (request.method().equals("POST") && run.matches()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("pipeline_logging_id", UUID.randomUUID().toString());
            body.put("pipeline_id", run.group(1) + "-" + run.group(2).replace('/', '-'));
            body.put("org_slug", run.group(1));
            body.put("status", "PENDING");
            body.put("message", "Pipeline run started");
            body.put("request_id", request.header("X-Request-ID"));
            return new Answer(200, JSON.writeValueAsString(body));
        }
        if (request.method().equals("POST") && request.path().equals("/api/v1/notifications/send")) {
            return new Answer(200, JSON.writeValueAsString(Map.of("success", true, "message", "Notification sent")));
        }
        return new Answer(404, JSON.writeValueAsString(Map.of("status", 404, "detail", "No route " + request.path())));
    }
}
