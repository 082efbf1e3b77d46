package com.cloudact.platform.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.AzureStandIn;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureTokensTests {

    static final AzureServicePrincipal SP = new AzureServicePrincipal(AzureServicePrincipalTests.TENANT,
            AzureServicePrincipalTests.CLIENT, AzureServicePrincipalTests.SECRET, AzureServicePrincipalTests.SUBSCRIPTION);

    AzureStandIn azure;
    SafeHttp http;
    AzureTokens tokens;

    @BeforeEach
    void start() {
        azure = new AzureStandIn();
        azure.app(SP.tenantId(), SP.clientId(), SP.clientSecret(), SP.subscriptionId());
        http = new SafeHttp(azure.allowList());
        tokens = new AzureTokens(http, azure.baseUrl(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        http.close();
        azure.close();
    }

    @Test
    void postsTheClientCredentialsGrantToTheTenantsEndpointAndCachesTheToken() throws Exception {
        String token = tokens.accessToken(SP, AzureTokens.SCOPE_MANAGEMENT);

        assertThat(tokens.accessToken(SP, AzureTokens.SCOPE_MANAGEMENT)).isEqualTo(token);
        assertThat(azure.requests()).hasSize(1);
        assertThat(azure.requests().getFirst().path()).isEqualTo("/" + SP.tenantId() + "/oauth2/v2.0/token");
        assertThat(azure.requests().getFirst().form())
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", SP.clientId())
                .containsEntry("client_secret", SP.clientSecret())
                .containsEntry("scope", "https://management.azure.com/.default");
    }

    @Test
    void aWrongSecretComesBackAsTheProvidersError() {
        AzureServicePrincipal wrong = new AzureServicePrincipal(SP.tenantId(), SP.clientId(), "Wr0ng~secretValue0123456789abcdefghij", SP.subscriptionId());

        assertThatThrownBy(() -> tokens.accessToken(wrong, AzureTokens.SCOPE_MANAGEMENT))
                .isInstanceOfSatisfying(ProviderResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.providerMessage()).startsWith("AADSTS7000215: Invalid client secret provided").hasSizeLessThanOrEqualTo(200);
                });
    }
}
