package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.standins.AzureStandIn;
import com.cloudact.platform.providers.standins.NoSecrets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure service principals against stand-ins of the Microsoft token endpoint and Azure Resource Manager. */
class AzureSubscriptionCheckerTests {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "4f5a6b7c-8d9e-4f01-a2b3-c4d5e6f7a8b9";
    static final String SECRET = "Qx18Q~abcDEFghiJKLmnoPQRstuVWXyz0123456_";
    static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final String OTHER_SUBSCRIPTION = "9d6c2f1e-0a3b-4c5d-8e7f-a1b2c3d4e5f6";

    AzureStandIn azure;
    SafeHttp http;
    CredentialChecker checker;

    @BeforeEach
    void start() {
        azure = new AzureStandIn();
        azure.app(TENANT, CLIENT, SECRET, SUBSCRIPTION);
        azure.subscription(SUBSCRIPTION, "Acme Production");
        azure.subscription(OTHER_SUBSCRIPTION, "Acme Sandbox");
        http = new SafeHttp(azure.allowList());
        checker = CredentialCheckers.forProvider("azure", ProviderEndpoints.allAt(azure.baseUrl()), http, Optional.empty());
    }

    @AfterEach
    void stop() {
        http.close();
        azure.close();
    }

    static String sp(String tenant, String secret, String subscription) {
        return "{\"tenant_id\":\"%s\",\"client_id\":\"%s\",\"client_secret\":\"%s\",\"subscription_id\":\"%s\"}"
                .formatted(tenant, CLIENT, secret, subscription);
    }

    @Test
    void aPrincipalThatCanReadItsSubscriptionIsValid() {
        CheckResult result = checker.check(sp(TENANT, SECRET, SUBSCRIPTION));

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(result.facts()).containsEntry("subscription_name", "Acme Production")
                .containsEntry("subscription_id", SUBSCRIPTION).containsEntry("subscription_state", "Enabled");
        assertThat(azure.requestsTo("/subscriptions/")).singleElement()
                .satisfies(r -> assertThat(r.rawQuery()).isEqualTo("api-version=2022-12-01"));
        NoSecrets.in(result, SECRET);
    }

    @Test
    void aWrongSecretIsInvalidWithMicrosoftsReason() {
        String wrong = "Wr0ng~secretValue0123456789abcdefghijkl";

        CheckResult result = checker.check(sp(TENANT, wrong, SUBSCRIPTION));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).isEqualTo("Invalid service principal");
        assertThat(azure.requestsTo("/subscriptions/")).isEmpty();
        NoSecrets.in(result, wrong, SECRET);
    }

    @Test
    void anUnknownTenantIsInvalidWithTheProvidersMessage() {
        CheckResult result = checker.check(sp("11111111-2222-3333-4444-555555555555", SECRET, SUBSCRIPTION));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).contains("AADSTS90002").hasSizeLessThan(300);
        NoSecrets.in(result, SECRET);
    }

    @Test
    void noReaderRoleIsForbiddenAndAMissingSubscriptionIsInvalid() {
        azure.subscription(SUBSCRIPTION, "Acme Production");
        CheckResult noRole = checker.check(sp(TENANT, SECRET, OTHER_SUBSCRIPTION));
        CheckResult missing = checker.check(sp(TENANT, SECRET, "00000000-0000-4000-8000-000000000000"));

        assertThat(noRole.status()).isEqualTo(ConnectionStatus.FORBIDDEN);
        assertThat(noRole.message()).contains("lacks required permissions", "Microsoft.Resources/subscriptions/read");
        assertThat(missing.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(missing.message()).contains("was not found");
    }

    @Test
    void throttlingServerErrorsAndRedirectsAreUnreachable() {
        azure.failNext(AzureStandIn.armError(500, "InternalServerError", "Encountered internal server error."));
        CheckResult tokenFailed = checker.check(sp(TENANT, SECRET, SUBSCRIPTION));
        checker.check(sp(TENANT, SECRET, SUBSCRIPTION)); // caches the token
        azure.failNext(AzureStandIn.armError(429, "TooManyRequests", "Too many requests."));
        CheckResult limited = checker.check(sp(TENANT, SECRET, SUBSCRIPTION));
        azure.redirectNext();
        CheckResult redirected = checker.check(sp(TENANT, SECRET, SUBSCRIPTION));

        assertThat(tokenFailed.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(tokenFailed.message()).contains("API error: 500");
        assertThat(limited.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(limited.message()).contains("rate limited");
        assertThat(redirected.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(azure.redirectFollowed()).isFalse();
    }

    @Test
    void malformedJsonIsNeverSent() {
        CheckResult result = checker.check("{\"tenant_id\":\"" + TENANT + "\",\"client_secret\":\"" + SECRET + "\"}");

        assertThat(result.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(result.message()).isEqualTo("Missing required field 'client_id'");
        assertThat(azure.requests()).isEmpty();
    }
}
