package com.cloudact.platform.providers;

import com.cloudact.model.Provider;
import com.cloudact.platform.providers.aws.AwsKeys;
import com.cloudact.platform.providers.aws.AwsSts;
import com.cloudact.platform.providers.azure.AzureTokens;
import com.cloudact.platform.providers.gcp.GcpAccessTokens;
import java.time.Clock;
import java.util.Optional;

/** The one place that picks a {@link CredentialChecker} for a provider. */
public final class CredentialCheckers {

    private CredentialCheckers() {
    }

    /**
     * @param providerKey     a provider id, integration key or alias ({@code openai}, {@code CLAUDE}, {@code gcp_sa},
     *                        {@code aws_iam}, …), as {@link Provider#find} reads it
     * @param platformAwsKeys CloudAct's own AWS keys, needed only to assume customers' IAM roles
     * @return a checker; providers without a connectivity check get one that answers {@code PENDING}
     * @throws IllegalArgumentException for a name no provider goes by
     */
    public static CredentialChecker forProvider(String providerKey, ProviderEndpoints endpoints, SafeHttp http,
            Optional<AwsKeys> platformAwsKeys) {
        Provider provider = Provider.find(providerKey)
                .orElseThrow(() -> new IllegalArgumentException("Unknown provider '" + providerKey + "'"));
        Clock clock = Clock.systemUTC();
        return switch (provider) {
            case OPENAI -> new OpenAiKeyChecker(endpoints.openAi(), http);
            case ANTHROPIC -> new AnthropicKeyChecker(endpoints.anthropic(), http);
            case GEMINI -> new GeminiKeyChecker(endpoints.gemini(), http);
            case DEEPSEEK -> new DeepSeekKeyChecker(endpoints.deepSeek(), http);
            case GCP -> new BigQueryChecker(endpoints.bigQuery(), http, new GcpAccessTokens(http, clock));
            case AWS -> new AwsStsChecker(
                    new AwsSts(http, endpoints.awsSts(), AwsSts.DEFAULT_SIGNING_REGION, clock), platformAwsKeys);
            case AZURE -> new AzureSubscriptionChecker(endpoints.azureManagement(), http,
                    new AzureTokens(http, endpoints.azureLogin(), clock));
            case OCI -> new OciIdentityChecker(endpoints, http, clock);
            default -> raw -> CheckResult.of(ConnectionStatus.PENDING,
                    "CloudAct has no connection check for " + provider.displayName() + " yet");
        };
    }
}
