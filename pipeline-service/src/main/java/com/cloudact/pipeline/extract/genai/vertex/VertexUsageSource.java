package com.cloudact.pipeline.extract.genai.vertex;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiCommitmentUsage;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.GenAiUsageSource;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.pipeline.extract.genai.google.BillingExportCosts;
import com.cloudact.pipeline.extract.genai.google.BillingLine;
import com.cloudact.pipeline.extract.genai.google.GoogleApis;
import com.cloudact.pipeline.extract.genai.google.SkuDescription;
import com.cloudact.pipeline.extract.genai.google.TimeSeriesPoint;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.gcp.GcpServiceAccount;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Vertex AI generative models (Gemini and partner models on Vertex), read with the org's GCP service account.
 * <ul>
 * <li><b>Usage</b> from Cloud Monitoring, per project: {@code aiplatform.googleapis.com/publisher/online_serving/token_count}
 * grouped by {@code resource.label.model_user_id}, {@code resource.label.location} and {@code metric.label.type},
 * and {@code .../model_invocation_count} for requests, summed per UTC day. {@code type=input} counts the whole
 * prompt; when a cache type is reported too, its tokens are taken out of input (as Vertex's own
 * {@code usageMetadata.promptTokenCount} includes {@code cachedContentTokenCount}), so the buckets do not overlap.
 * (Metric and labels are confirmed only in third-party code, spec A7.)</li>
 * <li><b>Costs</b> from the Cloud Billing export in BigQuery (service {@code Vertex AI}), every SKU's cost and credits.</li>
 * <li><b>Commitments</b>: provisioned throughput SKUs (Generative AI Scale Units) of the export as commitment usage
 * {@code gsu}, one per SKU, project, region and day: units = GSU-hours / 24 when the pricing unit is hours, else the
 * amount; used = provisioned (the export says what was reserved, not how much of it was used).</li>
 * </ul>
 * Credential metadata: {@code billing_export_table} (or {@code detailed_export_table}); {@code project_id} and the
 * optional {@code vertex_project_ids} (list or comma-separated) are the projects whose metrics are read, by default
 * the service account's own.
 */
@Component
public class VertexUsageSource implements GenAiUsageSource {

    static final String TOKEN_METRIC = "aiplatform.googleapis.com/publisher/online_serving/token_count";
    static final String INVOCATION_METRIC = "aiplatform.googleapis.com/publisher/online_serving/model_invocation_count";
    static final String RESOURCE = "aiplatform.googleapis.com/PublisherModel";
    static final List<String> BILLING_SERVICES = List.of("Vertex AI");
    static final String MODEL = "resource.label.model_user_id";
    static final String LOCATION = "resource.label.location";
    static final String PROJECT = "resource.label.resource_container";
    static final String TYPE = "metric.label.type";
    static final String USAGE_SOURCE = "gcp.cloud_monitoring";

    private final GoogleApis google;

    @Autowired
    public VertexUsageSource(ProviderEndpoints endpoints, ProviderApi api, SafeHttp http) {
        this(new GoogleApis(endpoints, api, http));
    }

    VertexUsageSource(GoogleApis google) {
        this.google = google;
    }

    @Override
    public Provider provider() {
        return Provider.GCP_VERTEX;
    }

    @Override
    public Provider credentialProvider() {
        return Provider.GCP;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        GcpServiceAccount account = GoogleApis.serviceAccount(request.secret());
        List<JsonNode> pages = new ArrayList<>();
        for (String project : projects(request.metadata(), account)) {
            pages.addAll(google.timeSeries(account, project, filter(TOKEN_METRIC), List.of(MODEL, LOCATION, PROJECT, TYPE),
                    request.start(), request.end()));
            pages.addAll(google.timeSeries(account, project, filter(INVOCATION_METRIC), List.of(MODEL, LOCATION, PROJECT),
                    request.start(), request.end()));
        }
        pages.addAll(google.billingExport(account, GoogleApis.exportTable(request.metadata()), BILLING_SERVICES,
                request.start(), request.end()));
        return parse(pages);
    }

    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        List<TimeSeriesPoint> points = new ArrayList<>();
        List<BillingLine> lines = new ArrayList<>();
        for (JsonNode page : pages) {
            if (BillingLine.isPage(page)) {
                BillingLine.read(page).stream().filter(l -> BILLING_SERVICES.contains(l.service())).forEach(lines::add);
            } else if (TimeSeriesPoint.isPage(page)) {
                points.addAll(TimeSeriesPoint.read(page));
            } else {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "A Vertex AI page must be a Cloud Monitoring"
                        + " timeSeries.list answer or a BigQuery answer of the billing export query");
            }
        }
        List<BillingLine> provisioned = lines.stream().filter(l -> SkuDescription.isProvisionedThroughput(l.skuDescription()))
                .toList();
        return new GenAiFetch(usage(points), commitments(provisioned), BillingExportCosts.of(Provider.GCP_VERTEX, lines));
    }

    static String filter(String metric) {
        return "metric.type = \"" + metric + "\" AND resource.type = \"" + RESOURCE + "\"";
    }

    static Set<String> projects(Map<String, Object> metadata, GcpServiceAccount account) {
        Set<String> projects = new LinkedHashSet<>();
        Object main = metadata.get("project_id");
        projects.add(main != null && !String.valueOf(main).isBlank() ? String.valueOf(main).strip() : account.projectId());
        Object more = metadata.get("vertex_project_ids");
        if (more instanceof List<?> list) {
            list.forEach(p -> projects.add(String.valueOf(p).strip()));
        } else if (more != null) {
            for (String p : String.valueOf(more).split(",")) {
                if (!p.isBlank()) {
                    projects.add(p.strip());
                }
            }
        }
        return projects;
    }

    private record Key(LocalDate day, String model, String region, String project) {
    }

    private static final class Buckets {
        long input;
        long cached;
        long output;
        long requests;
    }

    private static List<GenAiUsage> usage(List<TimeSeriesPoint> points) {
        Map<Key, Buckets> buckets = new LinkedHashMap<>();
        for (TimeSeriesPoint point : points) {
            String model = point.label(MODEL);
            if (model == null || model.isBlank()) {
                continue;
            }
            String location = point.label(LOCATION);
            Buckets b = buckets.computeIfAbsent(new Key(point.day(), model,
                    location == null || location.isBlank() ? "global" : location, point.label(PROJECT)), k -> new Buckets());
            if (point.metricType().equals(INVOCATION_METRIC)) {
                b.requests += point.value();
            } else if (point.metricType().equals(TOKEN_METRIC)) {
                String type = String.valueOf(point.label(TYPE)).toLowerCase(Locale.ROOT);
                if (type.contains("cache")) {
                    b.cached += point.value();
                } else if (type.equals("input")) {
                    b.input += point.value();
                } else if (type.equals("output")) {
                    b.output += point.value();
                }
            }
        }
        List<GenAiUsage> usage = new ArrayList<>();
        buckets.forEach((k, b) -> {
            long uncached = Math.max(0, b.input - b.cached);
            if (uncached + b.cached + b.output + b.requests > 0) {
                usage.add(new GenAiUsage(k.day(), Provider.GCP_VERTEX.id(), k.model(), k.region(), k.project(), null,
                        null, uncached, b.cached, 0, 0, b.output, 0, null, null, b.requests, USAGE_SOURCE));
            }
        });
        return usage;
    }

    private static List<GenAiCommitmentUsage> commitments(List<BillingLine> lines) {
        List<GenAiCommitmentUsage> commitments = new ArrayList<>();
        for (BillingLine line : lines) {
            String unit = String.valueOf(line.pricingUnit()).toLowerCase(Locale.ROOT);
            BigDecimal amount = line.pricingUnit() == null ? line.usageAmount() : line.pricingAmount();
            BigDecimal units = unit.contains("hour") ? amount.divide(BigDecimal.valueOf(24), 0, RoundingMode.HALF_UP)
                    : amount.setScale(0, RoundingMode.HALF_UP);
            String model = SkuDescription.of(line.skuDescription()).modelName().orElse("all");
            String region = line.region() == null || line.region().isBlank() ? "global" : line.region();
            commitments.add(new GenAiCommitmentUsage(line.day(), Provider.GCP_VERTEX.id(), "gsu",
                    line.skuId() + (line.projectId() == null ? "" : "/" + line.projectId()), model, region,
                    units.longValueExact(), units.longValueExact(), 100.0, null, null, 24.0, BillingExportCosts.COST_SOURCE));
        }
        return commitments;
    }
}
