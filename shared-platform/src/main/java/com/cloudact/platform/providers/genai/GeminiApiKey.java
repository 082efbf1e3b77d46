package com.cloudact.platform.providers.genai;

import com.cloudact.platform.providers.internal.Secrets;
import java.util.List;

/**
 * A Google AI Studio (Gemini) API key ({@code AIza…}).
 * {@link #toString()} shows only the last four characters.
 */
public record GeminiApiKey(String key) {

    static final List<String> PREFIXES = List.of("AIza");

    /** Reads a pasted key (surrounding white space is dropped) and checks its format. */
    public static GeminiApiKey parse(String raw) {
        GeminiApiKey parsed = new GeminiApiKey(ApiKeyFormat.clean(raw));
        parsed.validate();
        return parsed;
    }

    /** @throws IllegalArgumentException naming field {@code api_key} when the format is wrong */
    public void validate() {
        ApiKeyFormat.check(key, "Gemini", PREFIXES);
    }

    public GeminiApiKey redacted() {
        return new GeminiApiKey(Secrets.REDACTED);
    }

    /** The key's last four characters. */
    public String fingerprint() {
        return Secrets.lastFour(key);
    }

    @Override
    public String toString() {
        return "GeminiApiKey[key=…" + fingerprint() + "]";
    }
}
