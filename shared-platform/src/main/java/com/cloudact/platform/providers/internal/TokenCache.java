package com.cloudact.platform.providers.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Bearer tokens kept until shortly before they expire. Keys are SHA-256 digests of everything that identifies the
 * grant, the secret included, so the cache holds no secret and never hands one credential's token to another.
 */
public final class TokenCache {

    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

    public record Token(String value, Instant expiresAt) {

        /** Reads an OAuth token response ({@code access_token}, {@code expires_in} seconds, default 3600). */
        public static Token fromResponse(String body, Instant now, String what) {
            JsonNode json = CredentialJson.read(body, what);
            String token = json.path("access_token").asString("");
            if (token.isEmpty()) {
                throw new IllegalStateException(what + " answered without an access_token");
            }
            return new Token(token, now.plusSeconds(json.path("expires_in").asInt(3600)));
        }

        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    @FunctionalInterface
    public interface Fetch {
        Token fetch() throws IOException, InterruptedException;
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /** The cached token for these key parts if it has more than a minute left, otherwise a fresh one. */
    public String get(Instant now, Fetch fetch, String... keyParts) throws IOException, InterruptedException {
        String key = digest(keyParts);
        Token cached = tokens.get(key);
        if (cached != null && now.isBefore(cached.expiresAt().minus(REFRESH_MARGIN))) {
            return cached.value();
        }
        Token fresh = fetch.fetch();
        tokens.put(key, fresh);
        return fresh.value();
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
