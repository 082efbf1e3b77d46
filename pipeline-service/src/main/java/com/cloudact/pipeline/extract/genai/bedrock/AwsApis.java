package com.cloudact.pipeline.extract.genai.bedrock;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.aws.AwsKeys;
import com.cloudact.platform.providers.aws.AwsSigV4Signer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two AWS APIs the Bedrock source calls, signed with SigV4 by the platform's signer and sent through
 * {@link ProviderApi}: CloudWatch in its AWS JSON 1.0 protocol ({@code POST /}, {@code Content-Type:
 * application/x-amz-json-1.0}, {@code X-Amz-Target: GraniteServiceVersion20100801.<Action>}, the protocol the AWS
 * CLI and SDKs use for CloudWatch beside the older Query protocol), and the Bedrock control plane's REST API. AWS
 * signals throttling with HTTP 400 and a {@code Throttling}/{@code ThrottlingException} error, retried like a 429.
 */
final class AwsApis {

    static final String CLOUDWATCH_TARGET = "GraniteServiceVersion20100801.";
    static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final ProviderApi.Throttling AWS_THROTTLING = new ProviderApi.Throttling(
            response -> response.statusCode() == 400 && response.body() != null
                    && (response.body().contains("Throttling") || response.body().contains("TooManyRequests")),
            List.of());

    private final ProviderEndpoints endpoints;
    private final ProviderApi api;
    private final Clock clock;

    AwsApis(ProviderEndpoints endpoints, ProviderApi api, Clock clock) {
        this.endpoints = endpoints;
        this.api = api;
        this.clock = clock;
    }

    /** One CloudWatch action in {@code region} (e.g. {@code ListMetrics}, {@code GetMetricData}). */
    JsonNode cloudWatch(AwsKeys keys, String region, String action, Object body) throws IOException, InterruptedException {
        URI uri = URI.create(endpoints.awsCloudWatchFor(region) + "/");
        byte[] payload = JSON.writeValueAsBytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON_1_0);
        headers.put("X-Amz-Target", CLOUDWATCH_TARGET + action);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        headers.forEach(request::header);
        new AwsSigV4Signer(region, "monitoring", false).sign("POST", uri, headers, payload, keys, clock.instant())
                .forEach(request::header);
        return api.json(request.build(), "CloudWatch " + action + " (" + region + ")", AWS_THROTTLING);
    }

    /** A GET of the Bedrock control plane in {@code region}, {@code path} with its query. */
    JsonNode bedrock(AwsKeys keys, String region, String path, Map<String, String> query)
            throws IOException, InterruptedException {
        StringBuilder target = new StringBuilder(endpoints.awsBedrockFor(region)).append(path);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        URI uri = URI.create(target.toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
        new AwsSigV4Signer(region, "bedrock", false).sign("GET", uri, Map.of(), new byte[0], keys, clock.instant())
                .forEach(request::header);
        return api.json(request.build(), "Bedrock " + path + " (" + region + ")", AWS_THROTTLING);
    }

    static String checkedRegion(String region) {
        if (region == null || !region.matches("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d")) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The AWS integration's metadata.regions"
                    + " must list AWS regions such as us-east-1; got " + region);
        }
        return region;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
