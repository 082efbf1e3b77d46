package com.cloudact.platform.providers.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for showing, hiding and scrubbing secrets. */
public final class Secrets {

    /** What {@code redacted()} copies put in place of a secret, as OpenCost's {@code Sanitize()} does. */
    public static final String REDACTED = "REDACTED";

    /** Shortest stretch of a secret that, found in a text, gets the surrounding word scrubbed. */
    private static final int WINDOW = 8;
    private static final Pattern WORD = Pattern.compile("[^\\s\"'`,;()<>\\[\\]{}]+");

    private Secrets() {
    }

    /** The last four characters, for users to tell keys apart; "" for null. */
    public static String lastFour(String secret) {
        if (secret == null) {
            return "";
        }
        return secret.length() <= 4 ? secret : secret.substring(secret.length() - 4);
    }

    /** The last four hex digits of the SHA-256 of a key's bytes: identifies a private key without showing any of it. */
    public static String hashFour(byte[] keyMaterial) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyMaterial);
            return HexFormat.of().formatHex(digest, digest.length - 2, digest.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Replaces every word of {@code text} that contains any eight-character stretch of a secret with
     * {@code [REDACTED]}, so a provider echoing a key (whole, or partly masked) cannot carry it into a message.
     */
    public static String scrub(String text, Iterable<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher words = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            words.appendReplacement(out, Matcher.quoteReplacement(leaks(word, secrets) ? "[REDACTED]" : word));
        }
        words.appendTail(out);
        return out.toString();
    }

    private static boolean leaks(String word, Iterable<String> secrets) {
        for (String secret : secrets) {
            if (secret == null || secret.length() < WINDOW) {
                continue;
            }
            if (word.contains(secret)) {
                return true;
            }
            for (int i = 0; i + WINDOW <= secret.length(); i++) {
                if (word.contains(secret.substring(i, i + WINDOW))) {
                    return true;
                }
            }
        }
        return false;
    }

}
