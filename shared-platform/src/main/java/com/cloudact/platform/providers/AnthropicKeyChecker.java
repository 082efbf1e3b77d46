package com.cloudact.platform.providers;

import com.cloudact.platform.providers.genai.AnthropicApiKey;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Lists models: {@code GET {base}/v1/models} with {@code x-api-key} and {@code anthropic-version: 2023-06-01}. */
final class AnthropicKeyChecker extends ProviderChecker<AnthropicApiKey> {

    static final String API_VERSION = "2023-06-01";

    private final String base;
    private final SafeHttp http;

    AnthropicKeyChecker(String base, SafeHttp http) {
        super("Anthropic", "API key");
        this.base = base;
        this.http = http;
    }

    @Override
    AnthropicApiKey parse(String raw) {
        return AnthropicApiKey.parse(raw);
    }

    @Override
    List<String> secretsOf(AnthropicApiKey key) {
        return List.of(key.key());
    }

    @Override
    CheckResult checkParsed(AnthropicApiKey key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(HttpParts.join(base, "/v1/models"))
                .header("x-api-key", key.key())
                .header("anthropic-version", API_VERSION)
                .build());
        return response.statusCode() == 200
                ? CheckResult.valid("Anthropic accepted the API key", Map.of())
                : failure(response, null);
    }
}
