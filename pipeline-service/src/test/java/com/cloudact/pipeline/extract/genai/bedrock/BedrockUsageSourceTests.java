package com.cloudact.pipeline.extract.genai.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiCommitmentUsage;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.autoconfigure.ProvidersProperties;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.aws.AwsKeys;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.providers.standins.StsStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Bedrock source against a stand-in of CloudWatch (JSON protocol) and the Bedrock control plane that checks
 * every SigV4 signature: models found by ListMetrics in each region, exact daily buckets per model from
 * GetMetricData, every page of both, provisioned throughput as commitments (its tokens kept out of pay-as-you-go),
 * AWS throttling (HTTP 400) retried, an access error ending the read, and parse of the saved pages.
 */
class BedrockUsageSourceTests {

    static final String KEY_ID = TestKeys.awsAccessKeyId();
    static final String SECRET = "BedrockReaderSecret000000000000000000/+=";
    static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String LLAMA = "us.meta.llama3-1-70b-instruct-v1:0";
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String PROVISIONED = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc123xyz";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BedrockStandIn aws;
    private SafeHttp http;
    private final List<Duration> waits = new ArrayList<>();
    private BedrockUsageSource source;

    @BeforeEach
    void start() {
        aws = new BedrockStandIn(KEY_ID, SECRET);
        http = new SafeHttp(aws.allowList());
        ProvidersProperties providers = new ProvidersProperties(null, Map.of(), List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(15), null, null);
        source = new BedrockUsageSource(ProviderEndpoints.allAt(aws.baseUrl()), new ProviderApi(http, waits::add), http,
                providers, Clock.systemUTC());

        aws.datapoint("us-east-1", "Invocations", SONNET, "2025-04-10T01:00:00Z", 1);
        aws.datapoint("us-east-1", "Invocations", SONNET, "2025-04-10T13:00:00Z", 2);
        aws.datapoint("us-east-1", "InputTokenCount", SONNET, "2025-04-10T01:00:00Z", 1000);
        aws.datapoint("us-east-1", "InputTokenCount", SONNET, "2025-04-10T13:00:00Z", 500);
        aws.datapoint("us-east-1", "OutputTokenCount", SONNET, "2025-04-10T13:00:00Z", 200);
        aws.datapoint("us-east-1", "CacheReadInputTokenCount", SONNET, "2025-04-10T13:00:00Z", 300);
        aws.datapoint("us-east-1", "CacheWriteInputTokenCount", SONNET, "2025-04-10T01:00:00Z", 400);
        aws.datapoint("us-east-1", "Invocations", SONNET, "2025-04-11T23:59:00Z", 1);
        aws.datapoint("us-east-1", "InputTokenCount", SONNET, "2025-04-11T23:59:00Z", 10);
        aws.datapoint("us-east-1", "OutputTokenCount", SONNET, "2025-04-11T23:59:00Z", 5);
        aws.datapoint("us-east-1", "InputTokenCount", SONNET, "2025-04-12T00:00:00Z", 99_999);
        aws.datapoint("us-east-1", "Invocations", LLAMA, "2025-04-11T08:00:00Z", 2);
        aws.datapoint("us-east-1", "InputTokenCount", LLAMA, "2025-04-11T08:00:00Z", 100);
        aws.datapoint("us-east-1", "OutputTokenCount", LLAMA, "2025-04-11T08:00:00Z", 50);
        aws.datapoint("us-east-1", "Invocations", "amazon.titan-embed-text-v2:0", "2025-04-09T08:00:00Z", 9);
        aws.datapoint("us-east-1", "Invocations", PROVISIONED, "2025-04-10T07:00:00Z", 5);
        aws.datapoint("us-east-1", "InputTokenCount", PROVISIONED, "2025-04-10T07:00:00Z", 5000);
        aws.datapoint("us-east-1", "OutputTokenCount", PROVISIONED, "2025-04-10T07:00:00Z", 700);
        aws.datapoint("eu-west-1", "Invocations", HAIKU, "2025-04-10T09:00:00Z", 1);
        aws.datapoint("eu-west-1", "InputTokenCount", HAIKU, "2025-04-10T09:00:00Z", 20);
        aws.datapoint("eu-west-1", "OutputTokenCount", HAIKU, "2025-04-10T09:00:00Z", 2);
        aws.provisionedModel("us-east-1", """
                {"provisionedModelName":"sonnet-prod","provisionedModelArn":"%s",
                 "modelArn":"arn:aws:bedrock:us-east-1::foundation-model/%s",
                 "desiredModelArn":"arn:aws:bedrock:us-east-1::foundation-model/%s",
                 "foundationModelArn":"arn:aws:bedrock:us-east-1::foundation-model/%s",
                 "modelUnits":2,"desiredModelUnits":2,"status":"InService","commitmentDuration":"OneMonth",
                 "commitmentExpirationTime":"2025-05-10T06:00:00Z","creationTime":"2025-04-10T06:00:00Z",
                 "lastModifiedTime":"2025-04-10T06:30:00Z"}""".formatted(PROVISIONED, SONNET, SONNET, SONNET));
        aws.provisionedModel("us-east-1", """
                {"provisionedModelName":"haiku-next","provisionedModelArn":"arn:aws:bedrock:us-east-1:111122223333:provisioned-model/def456",
                 "modelArn":"arn:aws:bedrock:us-east-1::foundation-model/%s","modelUnits":1,"desiredModelUnits":1,
                 "status":"Creating","creationTime":"2025-04-11T06:00:00Z","lastModifiedTime":"2025-04-11T06:00:00Z"}"""
                .formatted(HAIKU));
        aws.provisionedModel("us-east-1", """
                {"provisionedModelName":"old","provisionedModelArn":"arn:aws:bedrock:us-east-1:111122223333:provisioned-model/old1",
                 "modelArn":"arn:aws:bedrock:us-east-1::foundation-model/%s","modelUnits":4,"desiredModelUnits":4,
                 "status":"Failed","creationTime":"2025-01-01T00:00:00Z","lastModifiedTime":"2025-01-02T00:00:00Z"}"""
                .formatted(HAIKU));
    }

    @AfterEach
    void stop() {
        http.close();
        aws.close();
    }

    @Test
    void exactDailyBucketsPerModelAndRegionAndProvisionedThroughputAsCommitment() throws Exception {
        GenAiFetch fetch = source.fetch(request(Map.of("regions", "us-east-1, eu-west-1")));

        assertThat(fetch.usage()).containsExactlyInAnyOrder(
                usage("2025-04-10", SONNET, "us-east-1", 1500, 300, 400, 200, 3),
                usage("2025-04-11", SONNET, "us-east-1", 10, 0, 0, 5, 1),
                usage("2025-04-11", LLAMA, "us-east-1", 100, 0, 0, 50, 2),
                usage("2025-04-10", HAIKU, "eu-west-1", 20, 0, 0, 2, 1));
        assertThat(fetch.commitments()).containsExactly(
                new GenAiCommitmentUsage(LocalDate.parse("2025-04-10"), "aws_bedrock", "provisioned_throughput",
                        PROVISIONED, SONNET, "us-east-1", 2, null, null, 5700L, 5L, 18.0,
                        "aws.bedrock.provisioned_throughput"),
                new GenAiCommitmentUsage(LocalDate.parse("2025-04-11"), "aws_bedrock", "provisioned_throughput",
                        PROVISIONED, SONNET, "us-east-1", 2, null, null, 0L, 0L, 24.0,
                        "aws.bedrock.provisioned_throughput"));
        assertThat(fetch.costs()).as("Bedrock's cost is in the CUR").isEmpty();

        JsonNode first = aws.metricDataBodies().getFirst();
        assertThat(first.path("StartTime").asLong()).isEqualTo(Instant.parse("2025-04-10T00:00:00Z").getEpochSecond());
        assertThat(first.path("EndTime").asLong()).isEqualTo(Instant.parse("2025-04-12T00:00:00Z").getEpochSecond());
        assertThat(first.path("MetricDataQueries")).as("5 metrics x (3 listed models + the provisioned one)").hasSize(20);
        assertThat(aws.metricDataBodies()).as("us-east-1: 20 results, 3 per page = 7 pages; eu-west-1: 5 = 2 pages")
                .hasSize(9);
        assertThat(aws.requests()).filteredOn(r -> "GraniteServiceVersion20100801.ListMetrics".equals(
                r.header("X-Amz-Target"))).as("us-east-1 lists 4 models, 2 per page; eu-west-1 1").hasSize(3);
        assertThat(aws.requestsTo("/provisioned-model-throughputs")).as("3 in us-east-1 at 2 per page, 1 empty page in"
                + " eu-west-1").hasSize(3);
        assertThat(aws.requests()).allSatisfy(r -> assertThat(r.header("Authorization"))
                .contains("Credential=" + KEY_ID + "/"));
    }

    @Test
    void throttlingIsRetriedAndAnAccessErrorEndsTheReadWithAwssMessage() throws Exception {
        aws.failNext(BedrockStandIn.error(400, "Throttling", "Rate exceeded"));
        aws.failNext(BedrockStandIn.error(400, "Throttling", "Rate exceeded"));

        GenAiFetch fetch = source.fetch(request(Map.of("regions", List.of("eu-west-1"))));

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(fetch.usage()).containsExactly(usage("2025-04-10", HAIKU, "eu-west-1", 20, 0, 0, 2, 1));

        aws.failNext(BedrockStandIn.error(403, "AccessDeniedException", "User: arn:aws:iam::111122223333:user/reader is"
                + " not authorized to perform: bedrock:ListProvisionedModelThroughputs"));
        assertThatThrownBy(() -> source.fetch(request(Map.of("regions", "eu-west-1"))))
                .isInstanceOf(CloudActException.class)
                .hasMessageContaining("Bedrock /provisioned-model-throughputs (eu-west-1) failed with HTTP 403")
                .hasMessageContaining("not authorized to perform: bedrock:ListProvisionedModelThroughputs")
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED));
        assertThatThrownBy(() -> source.fetch(request(Map.of("regions", "us-east-1; DROP"))))
                .isInstanceOf(CloudActException.class).hasMessageContaining("metadata.regions");
    }

    @Test
    void anIamRoleIsAssumedWithCloudActsKeysAndTheTemporaryKeysSignTheReads() throws Exception {
        String platformKey = TestKeys.awsAccessKeyId();
        String role = "arn:aws:iam::111122223333:role/cloudact-bedrock-reader";
        try (StsStandIn sts = new StsStandIn()) {
            sts.user(platformKey, "PlatformSecretKey0000000000000000000/+==", "arn:aws:iam::999988887777:user/cloudact");
            sts.role(role, "ext-7f3a", "arn:aws:iam::999988887777:user/cloudact");
            aws.trust(sts::secretOf);
            Set<String> allowed = new HashSet<>(aws.allowList());
            allowed.addAll(sts.allowList());
            try (SafeHttp both = new SafeHttp(allowed)) {
                ProviderEndpoints all = ProviderEndpoints.allAt(aws.baseUrl());
                ProviderEndpoints endpoints = new ProviderEndpoints(all.openAi(), all.anthropic(), all.gemini(),
                        all.deepSeek(), all.bigQuery(), sts.baseUrl(), all.azureLogin(), all.azureManagement(),
                        all.ociIdentity(), all.awsS3(), all.azureBlob(), all.ociObjectStorage(), all.gcpMonitoring(),
                        all.awsCloudWatch(), all.awsBedrock());
                BedrockUsageSource withRole = new BedrockUsageSource(endpoints, new ProviderApi(both, waits::add), both,
                        new ProvidersProperties(null, Map.of(), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(15),
                                platformKey, "PlatformSecretKey0000000000000000000/+=="), Clock.systemUTC());
                ExportLocationReader.Request request = new ExportLocationReader.Request(request(Map.of()).credential(),
                        TestKeys.json(Map.of("auth_type", "iam_role", "role_arn", role, "external_id", "ext-7f3a")),
                        Map.of("regions", "eu-west-1"), LocalDate.parse("2025-04-10"), LocalDate.parse("2025-04-11"));

                GenAiFetch fetch = withRole.fetch(request);

                assertThat(fetch.usage()).containsExactly(usage("2025-04-10", HAIKU, "eu-west-1", 20, 0, 0, 2, 1));
                assertThat(sts.requests()).singleElement().satisfies(r -> assertThat(r.form())
                        .containsEntry("Action", "AssumeRole").containsEntry("RoleArn", role)
                        .containsEntry("ExternalId", "ext-7f3a"));
                assertThat(aws.requests()).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.header("Authorization")).doesNotContain(KEY_ID).doesNotContain(platformKey);
                    assertThat(r.header("X-Amz-Security-Token")).isNotBlank();
                });
            }
        }
    }

    @Test
    void parseOfTheSavedAnswerPagesEqualsTheLiveRead() throws Exception {
        AwsApis apis = new AwsApis(ProviderEndpoints.allAt(aws.baseUrl()), new ProviderApi(http, waits::add),
                Clock.systemUTC());
        AwsKeys keys = new AwsKeys(KEY_ID, SECRET, null);
        List<JsonNode> pages = new ArrayList<>();
        pages.add(apis.bedrock(keys, "us-east-1", "/provisioned-model-throughputs", Map.of("maxResults", "100")));
        pages.add(apis.bedrock(keys, "us-east-1", "/provisioned-model-throughputs", Map.of("maxResults", "100",
                "nextToken", "2")));
        pages.addAll(savedMetricData(apis, keys));
        List<JsonNode> saved = pages.stream().map(p -> JSON.readTree(JSON.writeValueAsString(p))).toList();

        assertThat(source.parse(saved)).isEqualTo(source.fetch(request(Map.of())));
        assertThatThrownBy(() -> source.parse(List.of(JSON.readTree("{\"MetricDataResults\":[{\"Id\":\"q0\","
                + "\"Label\":\"InputTokenCount\",\"Timestamps\":[],\"Values\":[]}]}"))))
                .isInstanceOf(CloudActException.class).hasMessageContaining("region|metric|modelId|firstDay/lastDay");
    }

    /** The GetMetricData pages of us-east-1 as the source asks for them (labels included), every NextToken. */
    private List<JsonNode> savedMetricData(AwsApis apis, AwsKeys keys) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        var queries = JSON.createArrayNode();
        for (String model : List.of(SONNET, "amazon.titan-embed-text-v2:0", LLAMA, PROVISIONED)) {
            for (String metric : BedrockUsageSource.METRICS) {
                var q = queries.addObject();
                q.put("Id", "q" + queries.size());
                q.put("Label", "us-east-1|" + metric + "|" + model + "|2025-04-10/2025-04-11");
                var stat = q.putObject("MetricStat");
                var m = stat.putObject("Metric");
                m.put("Namespace", "AWS/Bedrock");
                m.put("MetricName", metric);
                m.putArray("Dimensions").addObject().put("Name", "ModelId").put("Value", model);
                stat.put("Period", 86400);
                stat.put("Stat", "Sum");
            }
        }
        String next = null;
        do {
            var body = JSON.createObjectNode();
            body.put("StartTime", Instant.parse("2025-04-10T00:00:00Z").getEpochSecond());
            body.put("EndTime", Instant.parse("2025-04-12T00:00:00Z").getEpochSecond());
            body.set("MetricDataQueries", queries);
            if (next != null) {
                body.put("NextToken", next);
            }
            JsonNode page = apis.cloudWatch(keys, "us-east-1", "GetMetricData", body);
            pages.add(page);
            next = page.path("NextToken").asString("");
        } while (!next.isEmpty());
        return pages;
    }

    private static GenAiUsage usage(String day, String model, String region, long input, long cacheRead,
                                    long cacheWrite, long output, long requests) {
        return new GenAiUsage(LocalDate.parse(day), "aws_bedrock", model, region, null, null, null, input, cacheRead,
                cacheWrite, 0, output, 0, null, null, requests, "aws.cloudwatch");
    }

    private static ExportLocationReader.Request request(Map<String, Object> metadata) {
        StoredCredential credential = new StoredCredential("cred-bedrock", OrgSlug.of("bedrock_org"), Provider.AWS,
                "AWS", "ACCESS_KEYS", "0/+=", null, "VALID", Instant.now(), null, null, Instant.now(), null, null, null);
        String secret = TestKeys.json(Map.of("auth_type", "access_keys", "access_key_id", KEY_ID,
                "secret_access_key", SECRET, "region", "us-east-1"));
        return new ExportLocationReader.Request(credential, secret, metadata, LocalDate.parse("2025-04-10"),
                LocalDate.parse("2025-04-11"));
    }
}
