package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.cloudact.platform.providers.standins.StandIn;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialCheckersTests {

    /** Answers every request 200, and records it: none should arrive when input is malformed. */
    static final class Anything extends StandIn {
        @Override
        protected Reply answer(Request request) {
            return Reply.json(200, "{}");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "openai, OpenAiKeyChecker", "ANTHROPIC, AnthropicKeyChecker", "claude, AnthropicKeyChecker",
        "gemini, GeminiKeyChecker", "google, GeminiKeyChecker", "deepseek, DeepSeekKeyChecker",
        "gcp, BigQueryChecker", "GCP_SA, BigQueryChecker", "aws, AwsStsChecker", "aws_iam, AwsStsChecker",
        "aws_keys, AwsStsChecker", "azure, AzureSubscriptionChecker", "oci, OciIdentityChecker"})
    void picksOneCheckerPerProviderByIdOrAlias(String key, String checkerClass) {
        try (SafeHttp http = new SafeHttp()) {
            CredentialChecker checker = CredentialCheckers.forProvider(key, ProviderEndpoints.production(), http, Optional.empty());

            assertThat(checker.getClass().getSimpleName()).isEqualTo(checkerClass);
        }
    }

    @Test
    void providersWithoutACheckArePending() {
        try (SafeHttp http = new SafeHttp()) {
            CheckResult result = CredentialCheckers.forProvider("slack", ProviderEndpoints.production(), http, Optional.empty())
                    .check("xoxb-anything");

            assertThat(result.status()).isEqualTo(ConnectionStatus.PENDING);
            assertThat(result.message()).contains("Slack").doesNotContain("xoxb");
        }
    }

    @Test
    void anUnknownProviderIsRefused() {
        try (SafeHttp http = new SafeHttp()) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CredentialCheckers.forProvider("acme-cloud", ProviderEndpoints.production(), http, Optional.empty()))
                    .withMessageContaining("acme-cloud");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini", "deepseek", "gcp", "aws", "azure", "oci"})
    void malformedInputIsReportedWithoutAnyRequest(String provider) {
        try (Anything standIn = new Anything(); SafeHttp http = new SafeHttp(standIn.allowList())) {
            CredentialChecker checker = CredentialCheckers.forProvider(provider, ProviderEndpoints.allAt(standIn.baseUrl()), http,
                    Optional.empty());

            for (String raw : new String[] {null, "", "   ", "{\"unexpected\":true}", "[1,2]", "{not json"}) {
                assertThat(checker.check(raw).status()).as("%s with %s", provider, raw).isEqualTo(ConnectionStatus.MALFORMED);
            }
            assertThat(standIn.requests()).isEmpty();
        }
    }

    @Test
    void productionEndpointsAreTheProvidersOwn() {
        ProviderEndpoints production = ProviderEndpoints.production();

        assertThat(production.openAi()).isEqualTo("https://api.openai.com");
        assertThat(production.anthropic()).isEqualTo("https://api.anthropic.com");
        assertThat(production.gemini()).isEqualTo("https://generativelanguage.googleapis.com");
        assertThat(production.deepSeek()).isEqualTo("https://api.deepseek.com");
        assertThat(production.bigQuery()).isEqualTo("https://bigquery.googleapis.com");
        assertThat(production.awsSts()).isEqualTo("https://sts.amazonaws.com");
        assertThat(production.azureLogin()).isEqualTo("https://login.microsoftonline.com");
        assertThat(production.azureManagement()).isEqualTo("https://management.azure.com");
        assertThat(production.ociIdentityFor("eu-frankfurt-1")).isEqualTo("https://identity.eu-frankfurt-1.oraclecloud.com");
    }
}
