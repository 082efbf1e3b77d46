package com.cloudact.platform.providers;

import com.cloudact.platform.providers.azure.AzureServicePrincipal;
import com.cloudact.platform.providers.azure.AzureTokens;
import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Gets a management token for the service principal, then reads its subscription from Azure Resource Manager
 * ({@code GET {arm}/subscriptions/{id}?api-version=2022-12-01}), which needs the Reader role on it.
 */
final class AzureSubscriptionChecker extends ProviderChecker<AzureServicePrincipal> {

    static final String API_VERSION = "2022-12-01";

    private final String base;
    private final SafeHttp http;
    private final AzureTokens tokens;

    AzureSubscriptionChecker(String base, SafeHttp http, AzureTokens tokens) {
        super("Azure", "service principal");
        this.base = base;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    AzureServicePrincipal parse(String raw) {
        return AzureServicePrincipal.parse(raw);
    }

    @Override
    List<String> secretsOf(AzureServicePrincipal principal) {
        return List.of(principal.clientSecret());
    }

    @Override
    CheckResult checkParsed(AzureServicePrincipal principal) throws IOException, InterruptedException {
        String token = tokens.accessToken(principal, AzureTokens.SCOPE_MANAGEMENT);
        HttpResponse<String> response = http.send(
                get(HttpParts.join(base, "/subscriptions/" + principal.subscriptionId() + "?api-version=" + API_VERSION))
                        .header("Authorization", "Bearer " + token).build());
        if (response.statusCode() != 200) {
            return failure(response, "Subscription " + principal.subscriptionId()
                    + " was not found, or the service principal cannot see it");
        }
        JsonNode json = CredentialJson.read(response.body(), "Azure Resource Manager");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("subscription_id", principal.subscriptionId());
        facts.put("subscription_name", json.path("displayName").asString(""));
        facts.put("subscription_state", json.path("state").asString(""));
        return CheckResult.valid("Azure accepted the service principal and it can read the subscription", facts);
    }
}
