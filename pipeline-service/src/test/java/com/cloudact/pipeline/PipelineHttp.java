package com.cloudact.pipeline;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks HTTP to the pipeline service under test as an org (with its API key) or as the operator (root key). */
public final class PipelineHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    public PipelineHttp(int port) {
        this.port = port;
    }

    /** A response with its status and parsed JSON body. */
    public record Response(int status, JsonNode body) {
    }

    /** Issues an active API key for the org (hash for lookup, encrypted copy as the API service keeps it). */
    public static String issueKey(Warehouse warehouse, CredentialCipher cipher, OrgSlug org) {
        String key = ApiKeys.generate(org);
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("org", org.value());
        params.put("hash", ApiKeys.hash(key));
        params.put("encrypted", cipher.encryptString(key, AppOrganizations.apiKeyContext(org)));
        params.put("scopes", List.of());
        params.put("now", Instant.now());
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_api_keys (org_api_key_id, org_slug, org_api_key_hash, encrypted_org_api_key,
                    scopes, is_active, created_at)
                VALUES (@id, @org, @hash, @encrypted, @scopes, TRUE, @now)""").with("c", DatasetName.CENTRAL), params);
        return key;
    }

    public Response post(String path, String apiKey, Object body) {
        return send(request(path, apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : json.writeValueAsString(body))));
    }

    public Response get(String path, String apiKey) {
        return send(request(path, apiKey).GET());
    }

    public Response delete(String path, String apiKey) {
        return send(request(path, apiKey).DELETE());
    }

    public Response postAsRoot(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-CA-Root-Key", ApiServiceStandIn.ROOT_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : json.writeValueAsString(body))));
    }

    public Response getAsRoot(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-CA-Root-Key", ApiServiceStandIn.ROOT_KEY).GET());
    }

    public Response deleteAsRoot(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-CA-Root-Key", ApiServiceStandIn.ROOT_KEY).DELETE());
    }

    /** A multipart POST with one file part named {@code file}. */
    public Response upload(String path, String apiKey, Path file) {
        String boundary = "----cloudact" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request(path, apiKey).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Polls the run until {@code done} holds for its detail (20 s at most). */
    public JsonNode awaitRun(String org, String runId, String apiKey, Predicate<JsonNode> done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            Response run = get("/api/v1/pipelines/" + org + "/runs/" + runId, apiKey);
            if (run.status() == 200 && done.test(run.body())) {
                return run.body();
            }
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Run " + runId + " did not reach the expected state: " + run.body());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(3));
        return apiKey == null ? builder : builder.header("X-API-Key", apiKey);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text == null || text.isBlank() ? json.nullNode() : json.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
