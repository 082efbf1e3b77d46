package com.cloudact.platform.providers;

import com.cloudact.platform.providers.genai.GeminiApiKey;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Lists models: {@code GET {base}/v1beta/models}. The key goes in the {@code x-goog-api-key} header, which the
 * API accepts as well as {@code ?key=}, so it never lands in a URL, a proxy log or an exception message.
 */
final class GeminiKeyChecker extends ProviderChecker<GeminiApiKey> {

    private final String base;
    private final SafeHttp http;

    GeminiKeyChecker(String base, SafeHttp http) {
        super("Gemini", "API key");
        this.base = base;
        this.http = http;
    }

    @Override
    GeminiApiKey parse(String raw) {
        return GeminiApiKey.parse(raw);
    }

    @Override
    List<String> secretsOf(GeminiApiKey key) {
        return List.of(key.key());
    }

    @Override
    CheckResult checkParsed(GeminiApiKey key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(HttpParts.join(base, "/v1beta/models"))
                .header("x-goog-api-key", key.key()).build());
        return response.statusCode() == 200
                ? CheckResult.valid("Gemini accepted the API key", Map.of())
                : failure(response, null);
    }
}
