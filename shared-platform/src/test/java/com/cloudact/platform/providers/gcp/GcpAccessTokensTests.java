package com.cloudact.platform.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.providers.BlockedDestinationException;
import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GcpAccessTokensTests {

    static final String EMAIL = "cloudact-reader@acme-prod-123.iam.gserviceaccount.com";

    GoogleStandIn google;
    SafeHttp http;
    GcpServiceAccount account;

    @BeforeEach
    void start() {
        google = new GoogleStandIn();
        google.trust(EMAIL, TestKeys.rsa().getPublic(), "acme-prod-123");
        http = new SafeHttp(google.allowList());
        account = GcpServiceAccount.parse(TestKeys.serviceAccountJson("acme-prod-123", EMAIL, TestKeys.rsa(), google.tokenUrl()));
    }

    @AfterEach
    void stop() {
        http.close();
        google.close();
    }

    @Test
    void theJwtIsRs256SignedWithTheDocumentedClaims() throws Exception {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");

        String[] jwt = GcpAccessTokens.jwt(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY, now).split("\\.");

        JsonNode header = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("kid").asString()).isEqualTo(account.privateKeyId());
        assertThat(claims.path("iss").asString()).isEqualTo(EMAIL);
        assertThat(claims.path("aud").asString()).isEqualTo(google.tokenUrl());
        assertThat(claims.path("scope").asString()).isEqualTo("https://www.googleapis.com/auth/bigquery.readonly");
        assertThat(claims.path("iat").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(now.getEpochSecond() + 3600);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(TestKeys.rsa().getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    }

    @Test
    void theStandInVerifiesTheAssertionAndIssuesAToken() throws Exception {
        String token = new GcpAccessTokens(http).accessToken(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY);

        assertThat(token).startsWith("ya29.standin-");
        assertThat(google.verifiedAssertions()).hasSize(1);
        assertThat(google.requests().getFirst().form())
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    @Test
    void tokensAreCachedUntilAMinuteBeforeExpiry() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        google.tokenLifetimeSeconds(120);
        GcpAccessTokens tokens = new GcpAccessTokens(http, clock);
        String first = tokens.accessToken(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY);

        now.set(now.get().plusSeconds(55));
        assertThat(tokens.accessToken(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY)).isEqualTo(first);
        assertThat(google.requestsTo("/token")).hasSize(1);

        now.set(now.get().plusSeconds(10));
        assertThat(tokens.accessToken(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY)).isNotEqualTo(first);
        assertThat(google.requestsTo("/token")).hasSize(2);
    }

    @Test
    void anotherKeyForTheSameAccountIsNotServedFromTheCache() throws Exception {
        GcpAccessTokens tokens = new GcpAccessTokens(http);
        tokens.accessToken(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY);
        GcpServiceAccount impostor = GcpServiceAccount.parse(
                TestKeys.serviceAccountJson("acme-prod-123", EMAIL, TestKeys.otherRsa(), google.tokenUrl()));

        assertThatThrownBy(() -> tokens.accessToken(impostor, GcpAccessTokens.SCOPE_BIGQUERY_READONLY))
                .isInstanceOfSatisfying(ProviderResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("invalid_grant");
                    assertThat(e.providerMessage()).isEqualTo("Invalid JWT Signature.");
                });
    }

    @Test
    void aTokenUriOffGoogleIsBlockedBeforeAnythingIsSent() {
        for (String uri : new String[] {"https://evil.example.com/token", "http://oauth2.googleapis.com/token",
                "https://oauth2.googleapis.com.evil.example/token"}) {
            GcpServiceAccount hostile = GcpServiceAccount.parse(TestKeys.serviceAccountJson("acme-prod-123", EMAIL, TestKeys.rsa(), uri));

            assertThatThrownBy(() -> new GcpAccessTokens(http).accessToken(hostile, GcpAccessTokens.SCOPE_BIGQUERY_READONLY))
                    .isInstanceOf(BlockedDestinationException.class)
                    .hasMessageContaining("googleapis.com");
        }
    }
}
