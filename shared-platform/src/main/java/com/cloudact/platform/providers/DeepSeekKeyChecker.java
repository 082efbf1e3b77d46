package com.cloudact.platform.providers;

import com.cloudact.platform.providers.genai.DeepSeekApiKey;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Lists models: {@code GET {base}/models} with {@code Authorization: Bearer}. */
final class DeepSeekKeyChecker extends ProviderChecker<DeepSeekApiKey> {

    private final String base;
    private final SafeHttp http;

    DeepSeekKeyChecker(String base, SafeHttp http) {
        super("DeepSeek", "API key");
        this.base = base;
        this.http = http;
    }

    @Override
    DeepSeekApiKey parse(String raw) {
        return DeepSeekApiKey.parse(raw);
    }

    @Override
    List<String> secretsOf(DeepSeekApiKey key) {
        return List.of(key.key());
    }

    @Override
    CheckResult checkParsed(DeepSeekApiKey key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(HttpParts.join(base, "/models"))
                .header("Authorization", "Bearer " + key.key()).build());
        return response.statusCode() == 200
                ? CheckResult.valid("DeepSeek accepted the API key", Map.of())
                : failure(response, null);
    }
}
