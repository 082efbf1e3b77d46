package com.cloudact.platform.providers.gcp;

import com.cloudact.platform.providers.BlockedDestinationException;
import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.HttpParts;
import com.cloudact.platform.providers.internal.ProviderError;
import com.cloudact.platform.providers.internal.TokenCache;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OAuth 2.0 access tokens for a service account by the JWT-bearer grant (RFC 7523): an RS256-signed JWT
 * ({@code iss} = client email, {@code scope}, {@code aud} = token URI, {@code iat}, {@code exp} = iat + 1 h) is
 * posted to the token URI. Tokens are cached per key, account and scope until a minute before they expire.
 *
 * <p>The token URI comes from the key file, so it is user input: it must be an https {@code *.googleapis.com} URL
 * unless {@link SafeHttp} allow-lists it (tests), otherwise {@link BlockedDestinationException}.
 */
public final class GcpAccessTokens {

    public static final String SCOPE_BIGQUERY_READONLY = "https://www.googleapis.com/auth/bigquery.readonly";
    public static final String SCOPE_CLOUD_PLATFORM_READONLY = "https://www.googleapis.com/auth/cloud-platform.read-only";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Duration JWT_LIFETIME = Duration.ofHours(1);

    private final SafeHttp http;
    private final Clock clock;
    private final TokenCache cache = new TokenCache();

    public GcpAccessTokens(SafeHttp http) {
        this(http, Clock.systemUTC());
    }

    public GcpAccessTokens(SafeHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** A bearer token for {@code scope}, from the cache or freshly from the account's token URI. */
    public String accessToken(GcpServiceAccount account, String scope) throws IOException, InterruptedException {
        Instant now = clock.instant();
        return cache.get(now, () -> fetch(account, scope, now),
                account.clientEmail(), account.tokenUri(), scope, account.privateKey());
    }

    private TokenCache.Token fetch(GcpServiceAccount account, String scope, Instant now) throws IOException, InterruptedException {
        URI tokenUri = URI.create(account.tokenUri());
        requireGoogle(tokenUri);
        String form = HttpParts.form(Map.of("grant_type", GRANT_TYPE, "assertion", jwt(account, scope, now)));
        HttpRequest request = HttpRequest.newBuilder(tokenUri)
                .header("Content-Type", HttpParts.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() != 200) {
            ProviderError error = ProviderError.from(response.body());
            throw new ProviderResponseException("Google token endpoint", response.statusCode(), error.code(), error.message());
        }
        return TokenCache.Token.fromResponse(response.body(), now, "Google token endpoint");
    }

    private void requireGoogle(URI tokenUri) throws BlockedDestinationException {
        if (http.isAllowListed(tokenUri)) {
            return;
        }
        String host = String.valueOf(tokenUri.getHost()).toLowerCase(Locale.ROOT);
        if (!"https".equals(tokenUri.getScheme()) || !host.endsWith(".googleapis.com")) {
            throw new BlockedDestinationException(host, "a service account's token_uri must be an https URL on googleapis.com");
        }
    }

    /** The signed assertion: base64url(header).base64url(claims).base64url(RS256 signature). */
    static String jwt(GcpServiceAccount account, String scope, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (account.privateKeyId() != null) {
            header.put("kid", account.privateKeyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", scope);
        claims.put("aud", account.tokenUri());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(JWT_LIFETIME).getEpochSecond());
        String signingInput = base64Url(CredentialJson.write(header)) + "." + base64Url(CredentialJson.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(account.signingKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign the token request", e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
