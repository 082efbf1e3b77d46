package com.cloudact.platform.crypto;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A {@link KmsGateway} that speaks the Cloud KMS REST API with the JDK's HTTP client, classifying failures as
 * {@link CloudKmsGateway} does (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and INTERNAL are transient). It
 * lets {@link KmsCredentialCipher} be tested over real HTTP against {@link KmsRestStandIn} without the gax client,
 * which cannot load with this build's dependency versions (see {@code CloudKmsGatewayTests}).
 */
final class RestKmsGateway implements KmsGateway {

    private static final Set<Integer> TRANSIENT = Set.of(429, 500, 503, 504);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String endpoint;
    private final String keyName;

    RestKmsGateway(String endpoint, String keyName) {
        this.endpoint = endpoint;
        this.keyName = keyName;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        JsonObject body = new JsonObject();
        body.addProperty("plaintext", Base64.getEncoder().encodeToString(plaintext));
        body.addProperty("additionalAuthenticatedData", Base64.getEncoder().encodeToString(associatedData));
        return Base64.getDecoder().decode(call("encrypt", body).get("ciphertext").getAsString());
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        JsonObject body = new JsonObject();
        body.addProperty("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        body.addProperty("additionalAuthenticatedData", Base64.getEncoder().encodeToString(associatedData));
        return Base64.getDecoder().decode(call("decrypt", body).get("plaintext").getAsString());
    }

    private JsonObject call(String method, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/v1/" + keyName + ":" + method))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientKmsException("Cloud KMS: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CipherException("Interrupted while calling Cloud KMS", e);
        }
        JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
        if (response.statusCode() == 200) {
            return json;
        }
        String status = json.has("error") ? json.getAsJsonObject("error").get("status").getAsString()
                : String.valueOf(response.statusCode());
        if (TRANSIENT.contains(response.statusCode())) {
            throw new TransientKmsException("Cloud KMS: " + status, null);
        }
        throw new CipherException("Cloud KMS refused the request: " + status, null);
    }
}
