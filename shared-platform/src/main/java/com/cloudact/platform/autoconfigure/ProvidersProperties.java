package com.cloudact.platform.autoconfigure;

import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.aws.AwsKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How CloudAct reaches provider APIs ({@code cloudact.providers}). {@code base-url} points every provider at one
 * address (a local stand-in) and {@code urls.<name>} one provider ({@code openai}, {@code anthropic}, {@code gemini},
 * {@code deepseek}, {@code bigquery}, {@code aws-sts}, {@code azure-login}, {@code azure-management},
 * {@code oci-identity}, {@code aws-s3}, {@code azure-blob}, {@code oci-object-storage}, {@code gcp-monitoring}, {@code aws-cloudwatch},
 * {@code aws-bedrock}; templates keep their
 * {@code {region}} or {@code {account}}); {@code allowed-hosts} lists {@code host:port} pairs exempt from the private-address
 * block, for such stand-ins only. The AWS keys are CloudAct's own, used to assume customers' IAM roles.
 */
@ConfigurationProperties("cloudact.providers")
public record ProvidersProperties(String baseUrl, @DefaultValue Map<String, String> urls,
                                  @DefaultValue List<String> allowedHosts,
                                  @DefaultValue("10s") Duration connectTimeout,
                                  @DefaultValue("15s") Duration readTimeout,
                                  String awsAccessKeyId, String awsSecretAccessKey) {

    public ProviderEndpoints endpoints() {
        ProviderEndpoints base = baseUrl == null || baseUrl.isBlank() ? ProviderEndpoints.production()
                : ProviderEndpoints.allAt(baseUrl);
        return new ProviderEndpoints(url("openai", base.openAi()), url("anthropic", base.anthropic()),
                url("gemini", base.gemini()), url("deepseek", base.deepSeek()), url("bigquery", base.bigQuery()),
                url("aws-sts", base.awsSts()), url("azure-login", base.azureLogin()),
                url("azure-management", base.azureManagement()), url("oci-identity", base.ociIdentity()),
                url("aws-s3", base.awsS3()), url("azure-blob", base.azureBlob()),
                url("oci-object-storage", base.ociObjectStorage()), url("gcp-monitoring", base.gcpMonitoring()),
                url("aws-cloudwatch", base.awsCloudWatch()), url("aws-bedrock", base.awsBedrock()));
    }

    private String url(String name, String fallback) {
        return urls.getOrDefault(name, fallback);
    }

    Set<String> allowedHostPorts() {
        return Set.copyOf(allowedHosts);
    }

    public Optional<AwsKeys> platformAwsKeys() {
        return awsAccessKeyId == null || awsAccessKeyId.isBlank() ? Optional.empty()
                : Optional.of(AwsKeys.of(awsAccessKeyId, awsSecretAccessKey));
    }

    @Override
    public String toString() {
        return "ProvidersProperties[baseUrl=" + baseUrl + ", urls=" + urls + ", allowedHosts=" + allowedHosts + ", awsAccessKeyId="
                + awsAccessKeyId + "]";
    }
}
