package com.cloudact.platform.providers;

import com.cloudact.model.Provider;
import com.cloudact.platform.providers.aws.AwsCredential;
import com.cloudact.platform.providers.azure.AzureServicePrincipal;
import com.cloudact.platform.providers.gcp.GcpServiceAccount;
import com.cloudact.platform.providers.genai.AnthropicApiKey;
import com.cloudact.platform.providers.genai.DeepSeekApiKey;
import com.cloudact.platform.providers.genai.GeminiApiKey;
import com.cloudact.platform.providers.genai.OpenAiApiKey;
import com.cloudact.platform.providers.oci.OciApiKey;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The non-secret facts of a credential, read locally before anything is sent: its type, a display fingerprint,
 * the provider account it reaches and the metadata it implies (which a user may not override).
 *
 * @param accountId the GCP project, AWS account, Azure subscription or OCI tenancy; null for GenAI keys
 */
public record CredentialProfile(String credentialType, String fingerprint, String accountId,
                                Map<String, String> derivedMetadata) {

    /** The providers a credential can be stored for. */
    public static final Set<Provider> CONNECTABLE = EnumSet.of(Provider.GCP, Provider.AWS, Provider.AZURE,
            Provider.OCI, Provider.OPENAI, Provider.ANTHROPIC, Provider.GEMINI, Provider.DEEPSEEK);

    public CredentialProfile {
        derivedMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(derivedMetadata));
    }

    /**
     * Parses and format-checks {@code raw} for {@code provider}.
     *
     * @throws IllegalArgumentException naming what is wrong, never quoting the secret; also for providers outside
     *                                  {@link #CONNECTABLE}
     */
    public static CredentialProfile read(Provider provider, String raw) {
        return switch (provider) {
            case GCP -> {
                GcpServiceAccount account = GcpServiceAccount.parse(raw);
                yield new CredentialProfile("SERVICE_ACCOUNT_JSON", account.fingerprint(), account.projectId(),
                        metadata("project_id", account.projectId(), "client_email", account.clientEmail(),
                                "private_key_id", account.privateKeyId()));
            }
            case AWS -> switch (AwsCredential.parse(raw)) {
                case AwsCredential.IamRole role -> new CredentialProfile("AWS_IAM_ROLE", role.fingerprint(),
                        role.accountId(), metadata("role_arn", role.roleArn(), "account_id", role.accountId()));
                case AwsCredential.AccessKeys keys -> new CredentialProfile("AWS_ACCESS_KEYS", keys.fingerprint(),
                        null, metadata("access_key_id", keys.keys().accessKeyId(), "region", keys.region()));
            };
            case AZURE -> {
                AzureServicePrincipal principal = AzureServicePrincipal.parse(raw);
                yield new CredentialProfile("SERVICE_PRINCIPAL_JSON", principal.fingerprint(),
                        principal.subscriptionId(), metadata("tenant_id", principal.tenantId(),
                        "client_id", principal.clientId(), "subscription_id", principal.subscriptionId()));
            }
            case OCI -> {
                OciApiKey key = OciApiKey.parse(raw);
                yield new CredentialProfile("OCI_API_KEY", key.fingerprint(), key.tenancyOcid(),
                        metadata("tenancy_ocid", key.tenancyOcid(), "user_ocid", key.userOcid(),
                                "region", key.region()));
            }
            case OPENAI -> apiKey(OpenAiApiKey.parse(raw).fingerprint());
            case ANTHROPIC -> apiKey(AnthropicApiKey.parse(raw).fingerprint());
            case GEMINI -> apiKey(GeminiApiKey.parse(raw).fingerprint());
            case DEEPSEEK -> apiKey(DeepSeekApiKey.parse(raw).fingerprint());
            default -> throw new IllegalArgumentException(provider.displayName() + " has no credential integration");
        };
    }

    private static CredentialProfile apiKey(String fingerprint) {
        return new CredentialProfile("API_KEY", fingerprint, null, Map.of());
    }

    /** Pairs of key and value; null values are left out. */
    private static Map<String, String> metadata(String... pairs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                metadata.put(pairs[i], pairs[i + 1]);
            }
        }
        return metadata;
    }
}
