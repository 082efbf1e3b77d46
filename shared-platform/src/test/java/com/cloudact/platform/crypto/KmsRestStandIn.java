package com.cloudact.platform.crypto;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the Cloud KMS REST API ({@code POST /v1/{name}:encrypt} and {@code :decrypt}, JSON with
 * base64 bytes), doing real AES-256-GCM with a key of its own. The key name and the additional authenticated data
 * are bound to every ciphertext, so a wrong context or another key's ciphertext fails with 400, as in Cloud KMS.
 * Failures can be queued ({@link #failNext}) to play an unavailable service.
 */
final class KmsRestStandIn implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("^/v1/(projects/.+/cryptoKeys/[^/:]+):(encrypt|decrypt)$");

    record Request(String method, String path, String query, String contentType, JsonObject body) {

        String operation() {
            return path.substring(path.lastIndexOf(':') + 1);
        }

        byte[] bytes(String field) {
            return body.has(field) ? Base64.getDecoder().decode(body.get(field).getAsString()) : new byte[0];
        }
    }

    private final HttpServer server;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> failures = new ConcurrentLinkedQueue<>();

    private KmsRestStandIn() throws IOException {
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        key = new SecretKeySpec(keyBytes, "AES");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static KmsRestStandIn start() throws IOException {
        return new KmsRestStandIn();
    }

    /** The endpoint to give the client: plain http on the loopback address. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} requests are answered with {@code status} and a Google error body. */
    void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }

    void clear() {
        requests.clear();
        failures.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject json = body.isBlank() ? new JsonObject() : JsonParser.parseString(body).getAsJsonObject();
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), json));
            Integer failure = failures.poll();
            if (failure != null) {
                error(exchange, failure, failure == 503 ? "UNAVAILABLE" : "INTERNAL", "Injected failure");
                return;
            }
            Matcher m = PATH.matcher(path);
            if (!exchange.getRequestMethod().equals("POST") || !m.matches()) {
                error(exchange, 404, "NOT_FOUND", "No such method: " + exchange.getRequestMethod() + " " + path);
                return;
            }
            String name = m.group(1);
            byte[] aad = aad(name, json);
            JsonObject answer = new JsonObject();
            if (m.group(2).equals("encrypt")) {
                byte[] plaintext = decode(json, "plaintext");
                answer.addProperty("name", name + "/cryptoKeyVersions/1");
                answer.addProperty("ciphertext", Base64.getEncoder().encodeToString(seal(plaintext, aad)));
            } else {
                byte[] plaintext;
                try {
                    plaintext = open(decode(json, "ciphertext"), aad);
                } catch (GeneralSecurityException | RuntimeException e) {
                    error(exchange, 400, "INVALID_ARGUMENT", "Decryption failed: the ciphertext is invalid.");
                    return;
                }
                answer.addProperty("plaintext", Base64.getEncoder().encodeToString(plaintext));
                answer.addProperty("usedPrimary", true);
            }
            respond(exchange, 200, answer);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static byte[] aad(String name, JsonObject json) {
        byte[] given = decode(json, "additionalAuthenticatedData");
        byte[] keyName = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + keyName.length + given.length).putInt(keyName.length).put(keyName).put(given)
                .array();
    }

    private byte[] seal(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }

    private byte[] open(byte[] ciphertext, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, 12));
        cipher.updateAAD(aad);
        return cipher.doFinal(ciphertext, 12, ciphertext.length - 12);
    }

    private static byte[] decode(JsonObject json, String field) {
        return json.has(field) ? Base64.getDecoder().decode(json.get(field).getAsString()) : new byte[0];
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        JsonObject error = new JsonObject();
        error.addProperty("code", status);
        error.addProperty("message", message);
        error.addProperty("status", code);
        JsonObject body = new JsonObject();
        body.add("error", error);
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
