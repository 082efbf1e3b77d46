package com.cloudact.platform.providers;

import com.cloudact.platform.providers.aws.AwsSts;
import com.cloudact.platform.providers.azure.AzureTokens;
import java.util.Objects;

/**
 * Base URLs of the provider APIs the checkers call. {@link #production()} has the real ones; tests point them at
 * local stand-ins with {@link #allAt(String)}. The GCP token endpoint is not here: it comes from each service
 * account's {@code token_uri}.
 *
 * @param ociIdentity       URL template with a {@code {region}} placeholder (a value without it is used as is)
 * @param awsS3            S3 endpoint template with {@code {region}}; billing exports are read from it
 * @param azureBlob        Blob storage endpoint template with {@code {account}} (the storage account)
 * @param ociObjectStorage Object Storage endpoint template with {@code {region}}
 * @param gcpMonitoring    Cloud Monitoring API (Gemini and Vertex AI token metrics)
 * @param awsCloudWatch    CloudWatch endpoint template with {@code {region}} (Bedrock metrics)
 * @param awsBedrock       Bedrock control-plane endpoint template with {@code {region}} (provisioned throughput)
 */
public record ProviderEndpoints(
        String openAi,
        String anthropic,
        String gemini,
        String deepSeek,
        String bigQuery,
        String awsSts,
        String azureLogin,
        String azureManagement,
        String ociIdentity,
        String awsS3,
        String azureBlob,
        String ociObjectStorage,
        String gcpMonitoring,
        String awsCloudWatch,
        String awsBedrock) {

    /** The endpoints without the GenAI-on-cloud ones, which take their production values. */
    public ProviderEndpoints(String openAi, String anthropic, String gemini, String deepSeek, String bigQuery,
                             String awsSts, String azureLogin, String azureManagement, String ociIdentity, String awsS3,
                             String azureBlob, String ociObjectStorage) {
        this(openAi, anthropic, gemini, deepSeek, bigQuery, awsSts, azureLogin, azureManagement, ociIdentity, awsS3,
                azureBlob, ociObjectStorage, GCP_MONITORING, AWS_CLOUDWATCH, AWS_BEDROCK);
    }

    static final String GCP_MONITORING = "https://monitoring.googleapis.com";
    static final String AWS_CLOUDWATCH = "https://monitoring.{region}.amazonaws.com";
    static final String AWS_BEDROCK = "https://bedrock.{region}.amazonaws.com";

    public ProviderEndpoints {
        Objects.requireNonNull(openAi, "openAi");
        Objects.requireNonNull(anthropic, "anthropic");
        Objects.requireNonNull(gemini, "gemini");
        Objects.requireNonNull(deepSeek, "deepSeek");
        Objects.requireNonNull(bigQuery, "bigQuery");
        Objects.requireNonNull(awsSts, "awsSts");
        Objects.requireNonNull(azureLogin, "azureLogin");
        Objects.requireNonNull(azureManagement, "azureManagement");
        Objects.requireNonNull(ociIdentity, "ociIdentity");
        Objects.requireNonNull(awsS3, "awsS3");
        Objects.requireNonNull(azureBlob, "azureBlob");
        Objects.requireNonNull(ociObjectStorage, "ociObjectStorage");
        Objects.requireNonNull(gcpMonitoring, "gcpMonitoring");
        Objects.requireNonNull(awsCloudWatch, "awsCloudWatch");
        Objects.requireNonNull(awsBedrock, "awsBedrock");
    }

    public static ProviderEndpoints production() {
        return new ProviderEndpoints(
                "https://api.openai.com",
                "https://api.anthropic.com",
                "https://generativelanguage.googleapis.com",
                "https://api.deepseek.com",
                "https://bigquery.googleapis.com",
                AwsSts.DEFAULT_ENDPOINT,
                AzureTokens.DEFAULT_LOGIN,
                "https://management.azure.com",
                "https://identity.{region}.oraclecloud.com",
                "https://s3.{region}.amazonaws.com",
                "https://{account}.blob.core.windows.net",
                "https://objectstorage.{region}.oraclecloud.com",
                GCP_MONITORING,
                AWS_CLOUDWATCH,
                AWS_BEDROCK);
    }

    /** Every provider at one base URL, for a test stand-in that serves them all. */
    public static ProviderEndpoints allAt(String base) {
        return new ProviderEndpoints(base, base, base, base, base, base, base, base, base, base, base + "/{account}",
                base, base, base, base);
    }

    /** The OCI Identity endpoint for a region (already checked against OCI's region pattern). */
    public String ociIdentityFor(String region) {
        return ociIdentity.replace("{region}", region);
    }

    public String awsS3For(String region) {
        return awsS3.replace("{region}", region);
    }

    public String azureBlobFor(String storageAccount) {
        return azureBlob.replace("{account}", storageAccount);
    }

    public String ociObjectStorageFor(String region) {
        return ociObjectStorage.replace("{region}", region);
    }

    public String awsCloudWatchFor(String region) {
        return awsCloudWatch.replace("{region}", region);
    }

    public String awsBedrockFor(String region) {
        return awsBedrock.replace("{region}", region);
    }
}
