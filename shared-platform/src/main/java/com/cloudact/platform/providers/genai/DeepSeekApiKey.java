package com.cloudact.platform.providers.genai;

import com.cloudact.platform.providers.internal.Secrets;
import java.util.List;

/**
 * A DeepSeek API key ({@code sk-…}).
 * {@link #toString()} shows only the last four characters.
 */
public record DeepSeekApiKey(String key) {

    static final List<String> PREFIXES = List.of("sk-");

    /** Reads a pasted key (surrounding white space is dropped) and checks its format. */
    public static DeepSeekApiKey parse(String raw) {
        DeepSeekApiKey parsed = new DeepSeekApiKey(ApiKeyFormat.clean(raw));
        parsed.validate();
        return parsed;
    }

    /** @throws IllegalArgumentException naming field {@code api_key} when the format is wrong */
    public void validate() {
        ApiKeyFormat.check(key, "DeepSeek", PREFIXES);
    }

    public DeepSeekApiKey redacted() {
        return new DeepSeekApiKey(Secrets.REDACTED);
    }

    /** The key's last four characters. */
    public String fingerprint() {
        return Secrets.lastFour(key);
    }

    @Override
    public String toString() {
        return "DeepSeekApiKey[key=…" + fingerprint() + "]";
    }
}
