package com.cloudact.platform.providers.azure;

import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.internal.HttpParts;
import com.cloudact.platform.providers.internal.ProviderError;
import com.cloudact.platform.providers.internal.TokenCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access tokens for a service principal by the OAuth 2.0 client-credentials grant on the Microsoft identity
 * platform: {@code POST {login}/{tenant}/oauth2/v2.0/token} with the client id, secret and a {@code .default}
 * scope. Cached per principal and scope until a minute before expiry.
 */
public final class AzureTokens {

    public static final String DEFAULT_LOGIN = "https://login.microsoftonline.com";
    public static final String SCOPE_MANAGEMENT = "https://management.azure.com/.default";

    private final SafeHttp http;
    private final String loginBase;
    private final Clock clock;
    private final TokenCache cache = new TokenCache();

    public AzureTokens(SafeHttp http) {
        this(http, DEFAULT_LOGIN, Clock.systemUTC());
    }

    public AzureTokens(SafeHttp http, String loginBase, Clock clock) {
        this.http = http;
        this.loginBase = loginBase;
        this.clock = clock;
    }

    /** A bearer token for {@code scope} (such as {@link #SCOPE_MANAGEMENT}), cached or fresh. */
    public String accessToken(AzureServicePrincipal principal, String scope) throws IOException, InterruptedException {
        Instant now = clock.instant();
        return cache.get(now, () -> fetch(principal, scope, now),
                principal.tenantId(), principal.clientId(), scope, principal.clientSecret());
    }

    private TokenCache.Token fetch(AzureServicePrincipal principal, String scope, Instant now) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", principal.clientId());
        form.put("client_secret", principal.clientSecret());
        form.put("scope", scope);
        URI uri = HttpParts.join(loginBase, "/" + principal.tenantId() + "/oauth2/v2.0/token");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", HttpParts.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(HttpParts.form(form)))
                .build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() != 200) {
            ProviderError error = ProviderError.from(response.body());
            throw new ProviderResponseException("Microsoft token endpoint", response.statusCode(), error.code(), error.message());
        }
        return TokenCache.Token.fromResponse(response.body(), now, "Microsoft token endpoint");
    }
}
