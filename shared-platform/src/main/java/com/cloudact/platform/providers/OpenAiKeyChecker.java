package com.cloudact.platform.providers;

import com.cloudact.platform.providers.genai.OpenAiApiKey;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Lists models: {@code GET {base}/v1/models} with {@code Authorization: Bearer}. */
final class OpenAiKeyChecker extends ProviderChecker<OpenAiApiKey> {

    private final String base;
    private final SafeHttp http;

    OpenAiKeyChecker(String base, SafeHttp http) {
        super("OpenAI", "API key");
        this.base = base;
        this.http = http;
    }

    @Override
    OpenAiApiKey parse(String raw) {
        return OpenAiApiKey.parse(raw);
    }

    @Override
    List<String> secretsOf(OpenAiApiKey key) {
        return List.of(key.key());
    }

    @Override
    CheckResult checkParsed(OpenAiApiKey key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(HttpParts.join(base, "/v1/models"))
                .header("Authorization", "Bearer " + key.key()).build());
        return response.statusCode() == 200
                ? CheckResult.valid("OpenAI accepted the API key", Map.of())
                : failure(response, null);
    }
}
