package com.cloudact.platform.apikey;

import com.cloudact.model.OrgSlug;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Org API keys: {@code {org_slug}_api_{43 url-safe random chars}} (256 bits of entropy). Only the SHA-256 hash is
 * stored for lookup; comparisons are constant-time.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate(OrgSlug org) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return org.value() + "_api_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Lower-case hex SHA-256 of the key. */
    public static String hash(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /**
     * Compares a presented secret with the expected one in time that depends only on the hash length, never on
     * where they first differ: both sides are hashed, then compared with {@link MessageDigest#isEqual}.
     */
    public static boolean constantTimeEquals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    /** Whether {@code presented} hashes to {@code storedHash}, compared in constant time. */
    public static boolean matchesHash(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The last four characters, which is all of a key that is ever shown again. */
    public static String fingerprint(String key) {
        return key.length() <= 4 ? key : key.substring(key.length() - 4);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
