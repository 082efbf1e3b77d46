package com.cloudact.platform.providers.genai;

import java.util.List;

/** The local format rules the GenAI keys share: known prefix, minimum length, no white space. */
final class ApiKeyFormat {

    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 512;
    static final String FIELD = "api_key";

    private ApiKeyFormat() {
    }

    /** Trims surrounding white space from pasted text; null stays null. */
    static String clean(String raw) {
        return raw == null ? null : raw.strip();
    }

    static void check(String key, String provider, List<String> prefixes) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Missing required field '" + FIELD + "'");
        }
        if (key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Field '" + FIELD + "' must not contain spaces or line breaks");
        }
        if (prefixes.stream().noneMatch(key::startsWith)) {
            throw new IllegalArgumentException("Field '" + FIELD + "' is not " + article(provider) + " API key: "
                    + provider + " keys start with " + String.join(" or ", prefixes.stream().map(p -> "'" + p + "'").toList()));
        }
        if (key.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("Field '" + FIELD + "' is too short for " + article(provider)
                    + " API key (at least " + MIN_LENGTH + " characters)");
        }
        if (key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Field '" + FIELD + "' is too long (at most " + MAX_LENGTH + " characters)");
        }
    }

    private static String article(String provider) {
        return ("AEIOU".indexOf(provider.charAt(0)) >= 0 ? "an " : "a ") + provider;
    }
}
