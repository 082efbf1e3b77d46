package com.cloudact.platform.providers.genai;

import com.cloudact.platform.providers.internal.Secrets;
import java.util.List;

/**
 * An Anthropic API key ({@code sk-ant-…}).
 * {@link #toString()} shows only the last four characters.
 */
public record AnthropicApiKey(String key) {

    static final List<String> PREFIXES = List.of("sk-ant-");

    /** Reads a pasted key (surrounding white space is dropped) and checks its format. */
    public static AnthropicApiKey parse(String raw) {
        AnthropicApiKey parsed = new AnthropicApiKey(ApiKeyFormat.clean(raw));
        parsed.validate();
        return parsed;
    }

    /** @throws IllegalArgumentException naming field {@code api_key} when the format is wrong */
    public void validate() {
        ApiKeyFormat.check(key, "Anthropic", PREFIXES);
    }

    public AnthropicApiKey redacted() {
        return new AnthropicApiKey(Secrets.REDACTED);
    }

    /** The key's last four characters. */
    public String fingerprint() {
        return Secrets.lastFour(key);
    }

    @Override
    public String toString() {
        return "AnthropicApiKey[key=…" + fingerprint() + "]";
    }
}
