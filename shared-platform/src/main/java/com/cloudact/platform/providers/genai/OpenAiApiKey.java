package com.cloudact.platform.providers.genai;

import com.cloudact.platform.providers.internal.Secrets;
import java.util.List;

/**
 * An OpenAI API key ({@code sk-…}, including project keys {@code sk-proj-…}, or {@code keisk-…}).
 * {@link #toString()} shows only the last four characters.
 */
public record OpenAiApiKey(String key) {

    static final List<String> PREFIXES = List.of("sk-", "keisk-");

    /** Reads a pasted key (surrounding white space is dropped) and checks its format. */
    public static OpenAiApiKey parse(String raw) {
        OpenAiApiKey parsed = new OpenAiApiKey(ApiKeyFormat.clean(raw));
        parsed.validate();
        return parsed;
    }

    /** @throws IllegalArgumentException naming field {@code api_key} when the format is wrong */
    public void validate() {
        ApiKeyFormat.check(key, "OpenAI", PREFIXES);
    }

    public OpenAiApiKey redacted() {
        return new OpenAiApiKey(Secrets.REDACTED);
    }

    /** The key's last four characters. */
    public String fingerprint() {
        return Secrets.lastFour(key);
    }

    @Override
    public String toString() {
        return "OpenAiApiKey[key=…" + fingerprint() + "]";
    }
}
