package com.cloudact.platform.providers.standins;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * OCI Identity's {@code GET /20160918/tenancies/{tenancyId}}. Each request's HTTP signature is verified as OCI does:
 * the {@code keyId} must name a registered key, the signing string is rebuilt from the received headers in the
 * order the {@code headers} parameter lists them, and the RSA-SHA256 signature must verify with that key's public
 * half; the date must be within five minutes. Failures are 401 {@code NotAuthenticated}.
 */
public final class OciStandIn extends StandIn {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final Map<String, String> tenancyNames = new ConcurrentHashMap<>();

    /** Registers an API key under its keyId ({@code tenancy/user/fingerprint}). */
    public void key(String keyId, PublicKey publicKey) {
        keys.put(keyId, publicKey);
    }

    public void tenancy(String tenancyOcid, String name) {
        tenancyNames.put(tenancyOcid, name);
    }

    @Override
    protected Reply answer(Request request) {
        String authorization = String.valueOf(request.header("Authorization"));
        if (!authorization.startsWith("Signature ")) {
            return notAuthenticated();
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(authorization);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        PublicKey key = keys.get(params.get("keyId"));
        if (key == null || !"1".equals(params.get("version")) || !"rsa-sha256".equals(params.get("algorithm"))
                || !params.getOrDefault("headers", "").startsWith("date (request-target) host")) {
            return notAuthenticated();
        }
        String signingString = java.util.Arrays.stream(params.get("headers").split(" "))
                .map(name -> name + ": " + (name.equals("(request-target)")
                        ? request.method().toLowerCase() + " " + request.path() + (request.rawQuery() == null ? "" : "?" + request.rawQuery())
                        : request.header(name)))
                .collect(Collectors.joining("\n"));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(params.get("signature")))) {
                return notAuthenticated();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return notAuthenticated();
        }
        Instant date = ZonedDateTime.parse(request.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        if (Duration.between(date, Instant.now()).abs().toMinutes() > 5) {
            return notAuthenticated();
        }
        String prefix = "/20160918/tenancies/";
        String tenancy = request.path().startsWith(prefix) ? request.path().substring(prefix.length()) : "";
        String name = tenancyNames.get(tenancy);
        if (!request.method().equals("GET") || name == null || !params.get("keyId").startsWith(tenancy + "/")) {
            return error(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.");
        }
        return Reply.json(200, ("{\"id\":\"%s\",\"name\":\"%s\",\"description\":\"%s tenancy\",\"homeRegionKey\":\"IAD\","
                + "\"upiIdcsCompatibilityLayerEndpoint\":null,\"freeformTags\":{},\"definedTags\":{}}").formatted(tenancy, name, name));
    }

    private static Reply notAuthenticated() {
        return error(401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect.");
    }

    public static Reply error(int status, String code, String message) {
        return Reply.json(status, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }
}
