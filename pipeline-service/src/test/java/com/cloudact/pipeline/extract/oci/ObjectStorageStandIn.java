package com.cloudact.pipeline.extract.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in of OCI Object Storage for one namespace and bucket under a region path prefix
 * ({@code /<region>/n/<namespace>/b/<bucket>/o}): ListObjects with {@code prefix}, {@code start}, {@code limit} and
 * {@code fields}, paged by {@code nextStartWith} at most {@code pageSize} objects a page, and GetObject serving the
 * stored bytes. Every request's HTTP signature is verified as OCI does (and as shared-platform's {@code OciStandIn}
 * does for Identity): the {@code keyId} must name a registered key, the signing string is rebuilt from the received
 * request in the order the {@code headers} parameter lists, the RSA-SHA256 signature must verify with that key, and
 * the date must be within five minutes. A failure is 401 {@code NotAuthenticated}.
 */
final class ObjectStorageStandIn implements AutoCloseable {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored object; {@code listedSize} is the size ListObjects reports (normally the body's length). */
    record StoredObject(String name, byte[] body, Instant timeCreated, long listedSize) {
    }

    /** One request as received, and whether its signature verified. */
    record Received(String method, String path, String query, boolean verified) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String root;
    private final int pageSize;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ObjectStorageStandIn(String region, String namespace, String bucket, int pageSize) {
        this.root = "/" + region + "/n/" + namespace + "/b/" + bucket + "/o";
        this.pageSize = pageSize;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The Object Storage URL template to configure: this server, then the region. */
    String endpointTemplate() {
        return "http://" + hostPort() + "/{region}";
    }

    Set<String> allowList() {
        return Set.of(hostPort());
    }

    void key(String keyId, PublicKey publicKey) {
        keys.put(keyId, publicKey);
    }

    void put(String name, byte[] body, Instant timeCreated) {
        objects.put(name, new StoredObject(name, body, timeCreated, body.length));
    }

    void putListingSize(String name, byte[] body, Instant timeCreated, long listedSize) {
        objects.put(name, new StoredObject(name, body, timeCreated, listedSize));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Names of the objects read with GetObject, in order. */
    List<String> objectsRead() {
        return received.stream().filter(r -> r.path().startsWith(root + "/")).map(r -> r.path().substring(root.length() + 1))
                .toList();
    }

    List<Received> listings() {
        return received.stream().filter(r -> r.path().equals(root)).toList();
    }

    private String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            boolean verified = verified(exchange, method, rawPath, rawQuery);
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(method, path, rawQuery, verified));
            if (!verified) {
                error(exchange, 401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect.");
            } else if (!method.equals("GET")) {
                error(exchange, 405, "MethodNotAllowed", "Only GET is played here");
            } else if (path.equals(root)) {
                list(exchange, query(rawQuery));
            } else if (path.startsWith(root + "/") && objects.containsKey(path.substring(root.length() + 1))) {
                send(exchange, 200, "application/octet-stream", objects.get(path.substring(root.length() + 1)).body());
            } else {
                error(exchange, 404, path.startsWith(root) ? "ObjectNotFound" : "BucketNotFound",
                        "Either the bucket or the object does not exist in the namespace");
            }
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String start = query.get("start");
        int limit = Math.min(pageSize, Integer.parseInt(query.getOrDefault("limit", "1000")));
        List<String> fields = Arrays.asList(query.getOrDefault("fields", "name").split(","));
        List<StoredObject> matching = (start == null ? objects : objects.tailMap(start, true)).values().stream()
                .filter(o -> o.name().startsWith(prefix)).toList();
        List<Map<String, Object>> page = new ArrayList<>();
        for (StoredObject object : matching.subList(0, Math.min(limit, matching.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", object.name());
            if (fields.contains("size")) {
                entry.put("size", object.listedSize());
            }
            if (fields.contains("timeCreated")) {
                entry.put("timeCreated", object.timeCreated().toString());
            }
            page.add(entry);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("objects", page);
        answer.put("prefixes", List.of());
        if (matching.size() > limit) {
            answer.put("nextStartWith", matching.get(limit).name());
        }
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(answer));
    }

    private boolean verified(HttpExchange exchange, String method, String rawPath, String rawQuery) {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!authorization.startsWith("Signature ")) {
            return false;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(authorization);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        PublicKey key = keys.get(params.get("keyId"));
        String headers = params.getOrDefault("headers", "");
        if (key == null || !"1".equals(params.get("version")) || !"rsa-sha256".equals(params.get("algorithm"))
                || !headers.startsWith("date (request-target) host")) {
            return false;
        }
        String signingString = Arrays.stream(headers.split(" "))
                .map(name -> name + ": " + (name.equals("(request-target)")
                        ? method.toLowerCase(Locale.ROOT) + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery)
                        : exchange.getRequestHeaders().getFirst(name)))
                .collect(Collectors.joining("\n"));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(params.get("signature")))) {
                return false;
            }
            Instant date = ZonedDateTime.parse(exchange.getRequestHeaders().getFirst("date"),
                    DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Duration.between(date, Instant.now()).abs().toMinutes() <= 5;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return false;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(Map.of("code", code, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
