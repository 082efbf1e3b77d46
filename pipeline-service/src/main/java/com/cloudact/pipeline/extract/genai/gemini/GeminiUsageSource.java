package com.cloudact.pipeline.extract.genai.gemini;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.GenAiUsageSource;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.pipeline.extract.genai.google.BillingExportCosts;
import com.cloudact.pipeline.extract.genai.google.BillingLine;
import com.cloudact.pipeline.extract.genai.google.GoogleApis;
import com.cloudact.pipeline.extract.genai.google.SkuDescription;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.gcp.GcpServiceAccount;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The Gemini API (AI Studio, {@code generativelanguage.googleapis.com}) as billed on the customer's Google Cloud
 * project, read with the org's GCP service account from the Cloud Billing export in BigQuery: rows of the Gemini API
 * service, per day and SKU.
 * <ul>
 * <li><b>Costs</b> ({@code gcp.billing_export}): every SKU's cost and its credits ({@link BillingExportCosts}).</li>
 * <li><b>Usage</b>: the token SKUs (usage counted in single tokens) per day, model, project and region, into the
 * non-overlapping buckets: an input SKU is uncached input (cached input has its own SKU), a cached SKU is cache
 * reads, an output SKU (thinking included, as Google bills it) is output; a batch SKU is the batch tier.</li>
 * </ul>
 * Why not Cloud Monitoring: the Gemini API publishes no documented per-model token metric (the spec's A3 marks the
 * metric type unverified; the quota metrics count input tokens only, against rate limits) and the generic
 * {@code serviceruntime.googleapis.com/api/request_count} has no model label, so it cannot give per-model rows.
 * The billing export's token SKUs are the source the spec's A8 table names for the Gemini API. Free-tier use is not
 * billed and so is not seen.
 * <p>Credential metadata: {@code billing_export_table} (or {@code detailed_export_table}), as for GCP billing.
 */
@Component
public class GeminiUsageSource implements GenAiUsageSource {

    /** The billing service of the Gemini API, by its current and its former display name (unverified, spec A3). */
    static final List<String> BILLING_SERVICES = List.of("Gemini API", "Generative Language API");
    static final String USAGE_SOURCE = "gcp.billing_export";

    private final GoogleApis google;

    @Autowired
    public GeminiUsageSource(ProviderEndpoints endpoints, ProviderApi api, SafeHttp http) {
        this(new GoogleApis(endpoints, api, http));
    }

    GeminiUsageSource(GoogleApis google) {
        this.google = google;
    }

    @Override
    public Provider provider() {
        return Provider.GEMINI;
    }

    @Override
    public Provider credentialProvider() {
        return Provider.GCP;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        GcpServiceAccount account = GoogleApis.serviceAccount(request.secret());
        return parse(google.billingExport(account, GoogleApis.exportTable(request.metadata()), BILLING_SERVICES,
                request.start(), request.end()));
    }

    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        List<BillingLine> lines = new ArrayList<>();
        for (JsonNode page : pages) {
            if (!BillingLine.isPage(page)) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "A Gemini page must be a BigQuery answer"
                        + " of the billing export query (kind bigquery#queryResponse or bigquery#getQueryResultsResponse)");
            }
            BillingLine.read(page).stream().filter(l -> BILLING_SERVICES.contains(l.service())).forEach(lines::add);
        }
        return new GenAiFetch(usage(lines), List.of(), BillingExportCosts.of(Provider.GEMINI, lines));
    }

    private record Key(LocalDate day, String model, String region, String project, String tier) {
    }

    private static final class Buckets {
        long input;
        long cached;
        long output;
    }

    private static List<GenAiUsage> usage(List<BillingLine> lines) {
        Map<Key, Buckets> buckets = new LinkedHashMap<>();
        for (BillingLine line : lines) {
            SkuDescription sku = SkuDescription.of(line.skuDescription());
            if (!line.countsTokens() || sku.tokenType() == null || sku.model() == null
                    || sku.tokenType().equals("cache_storage")) {
                continue;
            }
            long tokens = line.usageAmount().setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            Buckets b = buckets.computeIfAbsent(new Key(line.day(), sku.model(),
                    line.region() == null || line.region().isBlank() ? "global" : line.region(), line.projectId(),
                    sku.batch() ? "batch" : null), k -> new Buckets());
            switch (sku.tokenType()) {
                case "input" -> b.input += tokens;
                case "cache_read" -> b.cached += tokens;
                case "output" -> b.output += tokens;
                default -> { }
            }
        }
        List<GenAiUsage> usage = new ArrayList<>();
        buckets.forEach((k, b) -> usage.add(new GenAiUsage(k.day(), Provider.GEMINI.id(), k.model(), k.region(),
                k.project(), k.tier(), null, b.input, b.cached, 0, 0, b.output, 0, null, null, 0, USAGE_SOURCE)));
        return usage;
    }
}
