package com.cloudact.platform.providers.gcp;

import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.Pem;
import com.cloudact.platform.providers.internal.Secrets;
import java.net.URI;
import java.security.PrivateKey;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A Google service-account key file ({@code "type": "service_account"}). Only the fields CloudAct uses are kept.
 * {@link #toString()} shows the project and account but not the key.
 *
 * @param privateKeyId may be null; sent as the JWT {@code kid} when present
 */
public record GcpServiceAccount(String projectId, String clientEmail, String privateKey, String privateKeyId, String tokenUri) {

    public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    private static final Pattern PROJECT_ID = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern CLIENT_EMAIL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}@[a-z0-9.-]+\\.gserviceaccount\\.com");

    /**
     * Reads the key file JSON.
     *
     * @throws IllegalArgumentException naming the missing or invalid field; never quoting the key
     */
    public static GcpServiceAccount parse(String raw) {
        JsonNode json = CredentialJson.parseObject(raw, "service account JSON");
        if (!"service_account".equals(CredentialJson.optional(json, "type"))) {
            throw new IllegalArgumentException("Field 'type' must be \"service_account\" (a service-account key file)");
        }
        String tokenUri = CredentialJson.optional(json, "token_uri");
        GcpServiceAccount account = new GcpServiceAccount(
                CredentialJson.required(json, "project_id"),
                CredentialJson.required(json, "client_email"),
                CredentialJson.required(json, "private_key"),
                CredentialJson.optional(json, "private_key_id"),
                tokenUri == null ? DEFAULT_TOKEN_URI : tokenUri);
        account.validate();
        return account;
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public void validate() {
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches()) {
            throw new IllegalArgumentException("Field 'project_id' must be a Google Cloud project id such as my-project-123");
        }
        if (clientEmail == null || !CLIENT_EMAIL.matcher(clientEmail).matches()) {
            throw new IllegalArgumentException("Field 'client_email' must be a service-account address ending in .gserviceaccount.com");
        }
        signingKey();
        URI uri;
        try {
            uri = URI.create(tokenUri);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Field 'token_uri' must be a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("Field 'token_uri' must be an https URL");
        }
    }

    /** The RSA key that signs token requests. */
    public PrivateKey signingKey() {
        return Pem.rsaPrivateKey(privateKey, "private_key");
    }

    public GcpServiceAccount redacted() {
        return new GcpServiceAccount(projectId, clientEmail, Secrets.REDACTED, privateKeyId, tokenUri);
    }

    /** Four hex digits of the private key's SHA-256: tells keys apart without showing any of the key. */
    public String fingerprint() {
        return Secrets.hashFour(signingKey().getEncoded());
    }

    @Override
    public String toString() {
        return "GcpServiceAccount[projectId=" + projectId + ", clientEmail=" + clientEmail + ", privateKeyId=" + privateKeyId
                + ", privateKey=REDACTED, tokenUri=" + tokenUri + "]";
    }
}
