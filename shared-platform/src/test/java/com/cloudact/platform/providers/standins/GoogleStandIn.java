package com.cloudact.platform.providers.standins;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google's OAuth token endpoint ({@code POST /token}, JWT-bearer grant) and the BigQuery datasets list
 * ({@code GET /bigquery/v2/projects/{p}/datasets}). The token endpoint verifies each assertion's RS256 signature
 * with the public key registered for its {@code iss}, as Google does with a service account's public keys, and
 * checks {@code aud}, lifetime and scope. BigQuery accepts only tokens it issued, for projects the account may read.
 */
public final class GoogleStandIn extends StandIn {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** Claims of an assertion that passed verification. */
    public record VerifiedJwt(Map<String, Object> header, JsonNode claims) {
    }

    private record Account(PublicKey publicKey, Set<String> readableProjects) {
    }

    /** To whom, and for which scope, a token was issued. */
    public record Issued(String clientEmail, String scope) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final List<VerifiedJwt> verified = new CopyOnWriteArrayList<>();
    private volatile int tokenLifetimeSeconds = 3599;

    /** Registers a service account: its public key and the projects where it may list datasets. */
    public void trust(String clientEmail, PublicKey publicKey, String... readableProjects) {
        accounts.put(clientEmail, new Account(publicKey, Set.of(readableProjects)));
    }

    /** How long issued tokens live ({@code expires_in}); Google says 3599. */
    public void tokenLifetimeSeconds(int seconds) {
        tokenLifetimeSeconds = seconds;
    }

    public String tokenUrl() {
        return baseUrl() + "/token";
    }

    public List<VerifiedJwt> verifiedAssertions() {
        return List.copyOf(verified);
    }

    /**
     * Whom the bearer token of an {@code Authorization} header was issued to, if this stand-in issued it: lets a
     * stand-in of another Google API accept exactly the tokens this one handed out.
     */
    public Optional<Issued> issued(String authorization) {
        String header = String.valueOf(authorization);
        return header.startsWith("Bearer ") ? Optional.ofNullable(tokens.get(header.substring(7))) : Optional.empty();
    }

    @Override
    protected Reply answer(Request request) {
        if (request.path().equals("/token") && request.method().equals("POST")) {
            return token(request);
        }
        if (request.path().startsWith("/bigquery/v2/projects/") && request.path().endsWith("/datasets")) {
            return datasets(request);
        }
        return googleError(404, "Not found", "NOT_FOUND");
    }

    private Reply token(Request request) {
        Map<String, String> form = request.form();
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return oauthError("unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
        }
        String[] parts = String.valueOf(form.get("assertion")).split("\\.");
        if (parts.length != 3) {
            return oauthError("invalid_request", "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe");
        }
        try {
            JsonNode header = JSON.readTree(decode(parts[0]));
            JsonNode claims = JSON.readTree(decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asString())) {
                return oauthError("invalid_grant", "Invalid JWT Signature.");
            }
            Account account = accounts.get(claims.path("iss").asString());
            if (account == null) {
                return oauthError("invalid_grant", "Invalid grant: account not found");
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(account.publicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return oauthError("invalid_grant", "Invalid JWT Signature.");
            }
            long iat = claims.path("iat").asLong();
            long exp = claims.path("exp").asLong();
            long now = Instant.now().getEpochSecond();
            if (!tokenUrl().equals(claims.path("aud").asString()) || exp - iat > 3600 || exp <= iat
                    || Math.abs(now - iat) > 300) {
                return oauthError("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) "
                        + "and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
            }
            String scope = claims.path("scope").asString("");
            if (scope.isEmpty()) {
                return oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> headerMap = JSON.treeToValue(header, Map.class);
            verified.add(new VerifiedJwt(headerMap, claims));
            String token = "ya29.standin-" + UUID.randomUUID();
            tokens.put(token, new Issued(claims.path("iss").asString(), scope));
            return Reply.json(200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + tokenLifetimeSeconds + ",\"token_type\":\"Bearer\"}");
        } catch (GeneralSecurityException | RuntimeException e) {
            return oauthError("invalid_grant", "Invalid JWT Signature.");
        }
    }

    private Reply datasets(Request request) {
        String auth = String.valueOf(request.header("Authorization"));
        Issued issued = auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
        if (issued == null) {
            return googleError(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                    + "login cookie or other valid authentication credential.", "UNAUTHENTICATED");
        }
        String project = request.path().split("/")[4];
        if (!accounts.get(issued.clientEmail()).readableProjects().contains(project)) {
            return googleError(403, "Access Denied: Project " + project + ": User does not have bigquery.datasets.list "
                    + "permission in project " + project + ".", "PERMISSION_DENIED");
        }
        return Reply.json(200, "{\"kind\":\"bigquery#datasetList\",\"etag\":\"yR1RV8cnRGlA3TaQ0M2XGg==\","
                + "\"datasets\":[{\"kind\":\"bigquery#dataset\",\"id\":\"" + project + ":billing_export\","
                + "\"datasetReference\":{\"datasetId\":\"billing_export\",\"projectId\":\"" + project + "\"},"
                + "\"location\":\"US\"}],\"nextPageToken\":\"billing_export\"}");
    }

    public static Reply oauthError(String error, String description) {
        return Reply.json(400, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    public static Reply googleError(int status, String message, String googleStatus) {
        return Reply.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\""
                + message + "\",\"domain\":\"global\",\"reason\":\"" + googleStatus.toLowerCase() + "\"}],\"status\":\""
                + googleStatus + "\"}}");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
