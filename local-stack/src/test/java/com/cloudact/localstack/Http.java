package com.cloudact.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the end-to-end tests: JSON calls, a multipart upload, and a browser-like form login. */
final class Http {

    /** Decimals as BigDecimal, so money compares exactly (a double would round the 17th digit). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final HttpClient client;

    Http() {
        client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    record Response(int status, String text) {

        JsonNode json() {
            return JSON.readTree(text);
        }
    }

    Response get(URI uri, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri).GET(), headers);
    }

    Response postJson(URI uri, Map<String, String> headers, Object body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), headers);
    }

    Response upload(URI uri, Map<String, String> headers, Path file) {
        String boundary = "----cloudact" + UUID.randomUUID();
        try {
            byte[] content = Files.readAllBytes(file);
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            return send(HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs in through the login form (with its CSRF token) and returns the page the login lands on. */
    Response login(URI frontend, String email, String password) {
        Response form = get(frontend.resolve("/login"), Map.of());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.text());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String body = "email=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        return send(HttpRequest.newBuilder(frontend.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), Map.of());
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
