package com.cloudact.pipeline.extract.genai.bedrock;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.aws.CustomerAwsKeys;
import com.cloudact.pipeline.extract.genai.GenAiCommitmentUsage;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.GenAiUsageSource;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.autoconfigure.ProvidersProperties;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.aws.AwsCredential;
import com.cloudact.platform.providers.aws.AwsKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Bedrock usage, read with the org's AWS integration (access keys, or an IAM role CloudAct's platform keys
 * assume) in each region of the credential's metadata {@code regions} (list or comma-separated; else its
 * {@code region}, else the access keys' region, else us-east-1):
 * <ul>
 * <li>CloudWatch {@code ListMetrics} (namespace {@code AWS/Bedrock}, metric {@code Invocations}, every
 * {@code NextToken}) gives the {@code ModelId} values; {@code GetMetricData} reads, per ModelId, the daily
 * {@code Sum} (period 86400 s from 00:00 UTC) of {@code Invocations}, {@code InputTokenCount},
 * {@code OutputTokenCount}, {@code CacheReadInputTokenCount} and {@code CacheWriteInputTokenCount}, at most 500
 * queries a call, following {@code NextToken}. Each query's {@code Label} is
 * {@code region|metric|modelId|firstDay/lastDay}, so an answer page says by itself what it holds. Input, cache read
 * and cache write are separate counts (the cache metric names are confirmed only in third-party code, spec A6);
 * cache writes are priced as 5-minute writes, Bedrock's default cache lifetime.</li>
 * <li>Provisioned throughput ({@code GET /provisioned-model-throughputs}, {@code nextToken}): each
 * {@code InService} provisioned model is a commitment ({@code provisioned_throughput}) of {@code modelUnits} units
 * on every day of the run's window (from the GetMetricData labels) from its creation on, with its own Invocations
 * and tokens (its ModelId is its ARN) as requests and tokens processed.</li>
 * </ul>
 * Limits: ListMetrics returns only metrics with data in the last two weeks, so an older backfill finds no models;
 * metrics may be missing for models that do not publish them. Bedrock's cost is not here: it is in the Cost and
 * Usage Report ({@code AmazonBedrock} lines), which the AWS billing pipeline already imports.
 */
@Component
public class BedrockUsageSource implements GenAiUsageSource {

    static final String NAMESPACE = "AWS/Bedrock";
    static final List<String> METRICS = List.of("Invocations", "InputTokenCount", "OutputTokenCount",
            "CacheReadInputTokenCount", "CacheWriteInputTokenCount");
    static final int MAX_QUERIES = 500;
    static final String USAGE_SOURCE = "aws.cloudwatch";
    static final String COMMITMENT_SOURCE = "aws.bedrock.provisioned_throughput";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AwsApis aws;
    private final CustomerAwsKeys customerKeys;

    @Autowired
    public BedrockUsageSource(ProviderEndpoints endpoints, ProviderApi api, SafeHttp http, ProvidersProperties providers,
                              Clock clock) {
        this.aws = new AwsApis(endpoints, api, clock);
        this.customerKeys = new CustomerAwsKeys(http, endpoints.awsSts(), providers.platformAwsKeys(), clock);
    }

    @Override
    public Provider provider() {
        return Provider.AWS_BEDROCK;
    }

    @Override
    public Provider credentialProvider() {
        return Provider.AWS;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        AwsCredential credential = credential(request.secret());
        AwsKeys keys = customerKeys.of(credential, request.credential().credentialId(), "bedrock");
        List<JsonNode> pages = new ArrayList<>();
        for (String region : regions(request.metadata(), credential)) {
            List<JsonNode> provisioned = provisionedModels(keys, region);
            pages.addAll(provisioned);
            Set<String> models = new LinkedHashSet<>(modelIds(keys, region));
            provisioned.forEach(p -> p.path("provisionedModelSummaries").forEach(s -> {
                if ("InService".equals(s.path("status").asString())) {
                    models.add(s.path("provisionedModelArn").asString());
                }
            }));
            pages.addAll(metricData(keys, region, new ArrayList<>(models), request.start(), request.end()));
        }
        return parse(pages);
    }

    private List<String> modelIds(AwsKeys keys, String region) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            ObjectNode body = JSON.createObjectNode();
            body.put("Namespace", NAMESPACE);
            body.put("MetricName", "Invocations");
            if (next != null) {
                body.put("NextToken", next);
            }
            JsonNode page = aws.cloudWatch(keys, region, "ListMetrics", body);
            for (JsonNode metric : page.path("Metrics")) {
                for (JsonNode dimension : metric.path("Dimensions")) {
                    if ("ModelId".equals(dimension.path("Name").asString()) && metric.path("Dimensions").size() == 1
                            && !ids.contains(dimension.path("Value").asString())) {
                        ids.add(dimension.path("Value").asString());
                    }
                }
            }
            next = token(page.path("NextToken"));
        } while (!next.isEmpty());
        return ids;
    }

    private List<JsonNode> metricData(AwsKeys keys, String region, List<String> models, LocalDate first, LocalDate last)
            throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        List<ObjectNode> queries = new ArrayList<>();
        for (String model : models) {
            for (String metric : METRICS) {
                ObjectNode query = JSON.createObjectNode();
                query.put("Id", "q" + queries.size());
                query.put("Label", region + "|" + metric + "|" + model + "|" + first + "/" + last);
                ObjectNode stat = query.putObject("MetricStat");
                ObjectNode m = stat.putObject("Metric");
                m.put("Namespace", NAMESPACE);
                m.put("MetricName", metric);
                m.putArray("Dimensions").addObject().put("Name", "ModelId").put("Value", model);
                stat.put("Period", 86_400);
                stat.put("Stat", "Sum");
                query.put("ReturnData", true);
                queries.add(query);
            }
        }
        for (int from = 0; from < queries.size(); from += MAX_QUERIES) {
            List<ObjectNode> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES));
            String next = null;
            do {
                ObjectNode body = JSON.createObjectNode();
                body.put("StartTime", first.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                body.put("EndTime", last.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                body.put("ScanBy", "TimestampAscending");
                ArrayNode list = body.putArray("MetricDataQueries");
                batch.forEach(list::add);
                if (next != null) {
                    body.put("NextToken", next);
                }
                JsonNode page = aws.cloudWatch(keys, region, "GetMetricData", body);
                pages.add(page);
                next = token(page.path("NextToken"));
            } while (!next.isEmpty());
        }
        return pages;
    }

    private List<JsonNode> provisionedModels(AwsKeys keys, String region) throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        String next = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("maxResults", "100");
            if (next != null) {
                query.put("nextToken", next);
            }
            JsonNode page = aws.bedrock(keys, region, "/provisioned-model-throughputs", query);
            pages.add(page);
            next = token(page.path("nextToken"));
        } while (!next.isEmpty());
        return pages;
    }

    /** A paging token's text; empty when absent or null. */
    private static String token(JsonNode token) {
        return token.isMissingNode() || token.isNull() ? "" : token.asString("");
    }

    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        Map<UsageKey, long[]> sums = new LinkedHashMap<>();
        Map<String, Window> windows = new LinkedHashMap<>();
        List<JsonNode> provisioned = new ArrayList<>();
        for (JsonNode page : pages) {
            if (page.has("MetricDataResults")) {
                for (JsonNode result : page.path("MetricDataResults")) {
                    Label label = Label.parse(result.path("Label").asString(""));
                    windows.merge(label.region(), label.window(), Window::union);
                    JsonNode timestamps = result.path("Timestamps");
                    JsonNode values = result.path("Values");
                    for (int i = 0; i < timestamps.size(); i++) {
                        LocalDate day = LocalDate.ofInstant(instant(timestamps.get(i)), ZoneOffset.UTC);
                        long[] s = sums.computeIfAbsent(new UsageKey(day, label.region(), label.model()),
                                k -> new long[METRICS.size()]);
                        s[METRICS.indexOf(label.metric())] += Math.round(values.get(i).asDouble());
                    }
                }
            } else if (page.has("provisionedModelSummaries")) {
                page.path("provisionedModelSummaries").forEach(provisioned::add);
            } else if (!page.has("Metrics")) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "A Bedrock page must be a CloudWatch"
                        + " ListMetrics or GetMetricData answer or a Bedrock ListProvisionedModelThroughputs answer");
            }
        }
        Set<String> provisionedArns = new TreeSet<>();
        provisioned.forEach(p -> provisionedArns.add(p.path("provisionedModelArn").asString()));
        List<GenAiUsage> usage = new ArrayList<>();
        sums.forEach((k, s) -> {
            if (!provisionedArns.contains(k.model()) && (s[0] + s[1] + s[2] + s[3] + s[4]) > 0) {
                usage.add(new GenAiUsage(k.day(), Provider.AWS_BEDROCK.id(), k.model(), k.region(), null, null, null,
                        s[1], s[3], s[4], 0, s[2], 0, null, null, s[0], USAGE_SOURCE));
            }
        });
        return new GenAiFetch(usage, commitments(provisioned, windows, sums), List.of());
    }

    private static List<GenAiCommitmentUsage> commitments(List<JsonNode> provisioned, Map<String, Window> windows,
                                                          Map<UsageKey, long[]> sums) {
        List<GenAiCommitmentUsage> commitments = new ArrayList<>();
        for (JsonNode model : provisioned) {
            if (!"InService".equals(model.path("status").asString())) {
                continue;
            }
            String arn = model.path("provisionedModelArn").asString();
            String[] parts = arn.split(":");
            String region = parts.length > 3 ? parts[3] : "";
            Window window = windows.get(region);
            if (window == null) {
                continue;
            }
            Instant created = model.has("creationTime") ? instant(model.path("creationTime")) : null;
            String foundation = model.path("foundationModelArn").asString(model.path("modelArn").asString(""));
            String modelName = foundation.contains("/") ? foundation.substring(foundation.lastIndexOf('/') + 1) : foundation;
            long units = model.path("modelUnits").asLong();
            for (LocalDate day = window.first(); !day.isAfter(window.last()); day = day.plusDays(1)) {
                LocalDate createdDay = created == null ? null : LocalDate.ofInstant(created, ZoneOffset.UTC);
                if (createdDay != null && day.isBefore(createdDay)) {
                    continue;
                }
                double hours = createdDay != null && day.equals(createdDay)
                        ? (86_400 - created.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay()) / 3600.0 : 24.0;
                long[] s = sums.getOrDefault(new UsageKey(day, region, arn), new long[METRICS.size()]);
                commitments.add(new GenAiCommitmentUsage(day, Provider.AWS_BEDROCK.id(), "provisioned_throughput", arn,
                        modelName, region, units, null, null, s[1] + s[2] + s[3] + s[4], s[0], hours, COMMITMENT_SOURCE));
            }
        }
        return commitments;
    }

    /** CloudWatch's JSON protocol sends timestamps as epoch seconds; ISO text is accepted too. */
    private static Instant instant(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "Not a timestamp: " + value);
        }
    }

    private record UsageKey(LocalDate day, String region, String model) {
    }

    private record Window(LocalDate first, LocalDate last) {
        Window union(Window other) {
            return new Window(first.isBefore(other.first) ? first : other.first, last.isAfter(other.last) ? last : other.last);
        }
    }

    /** A GetMetricData result's label, {@code region|metric|modelId|firstDay/lastDay}, as the queries set it. */
    private record Label(String region, String metric, String model, Window window) {
        static Label parse(String text) {
            String[] parts = text.split("\\|");
            try {
                String[] days = parts[3].split("/");
                if (parts.length != 4 || !METRICS.contains(parts[1])) {
                    throw new IllegalArgumentException();
                }
                return new Label(parts[0], parts[1], parts[2], new Window(LocalDate.parse(days[0]), LocalDate.parse(days[1])));
            } catch (RuntimeException e) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "A GetMetricData result label must be"
                        + " region|metric|modelId|firstDay/lastDay as CloudAct's queries set it; got " + text);
            }
        }
    }

    static List<String> regions(Map<String, Object> metadata, AwsCredential credential) {
        List<String> regions = new ArrayList<>();
        Object listed = metadata.get("regions");
        if (listed instanceof List<?> list) {
            list.forEach(r -> regions.add(AwsApis.checkedRegion(String.valueOf(r).strip())));
        } else if (listed != null && !String.valueOf(listed).isBlank()) {
            for (String r : String.valueOf(listed).split(",")) {
                regions.add(AwsApis.checkedRegion(r.strip()));
            }
        }
        if (regions.isEmpty()) {
            Object region = metadata.get("region");
            String fallback = region != null && !String.valueOf(region).isBlank() ? String.valueOf(region)
                    : credential instanceof AwsCredential.AccessKeys access && access.region() != null ? access.region()
                    : "us-east-1";
            regions.add(AwsApis.checkedRegion(fallback.strip()));
        }
        return regions;
    }

    private static AwsCredential credential(String secret) {
        try {
            return AwsCredential.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The AWS credential is not usable: "
                    + e.getMessage());
        }
    }
}
