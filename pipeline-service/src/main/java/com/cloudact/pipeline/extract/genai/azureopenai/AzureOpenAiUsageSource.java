package com.cloudact.pipeline.extract.genai.azureopenai;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiCommitmentUsage;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiProviderCost;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.GenAiUsageSource;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.providers.BlockedDestinationException;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.azure.AzureServicePrincipal;
import com.cloudact.platform.providers.azure.AzureTokens;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Azure OpenAI (Azure AI Foundry) in the subscription of the org's Azure service principal, through Azure Resource
 * Manager with an Entra ID token for {@code https://management.azure.com/.default}:
 * <ol>
 * <li>the subscription's {@code Microsoft.CognitiveServices/accounts} of kind {@code OpenAI} or {@code AIServices}
 * (ARM paging by {@code nextLink}); the account's {@code location} is the region;</li>
 * <li>per account, Azure Monitor metrics {@code ProcessedPromptTokens}, {@code GeneratedTokens} and
 * {@code AzureOpenAIRequests} ({@code interval=P1D}, {@code aggregation=Total}, split by {@code ModelName} and
 * {@code ModelDeploymentName}) and, when the account has it, {@code AzureOpenAIContextTokensCacheMatchRate}
 * (Average, %): cached input = prompt tokens × rate, taken out of input so the buckets do not overlap (the cache
 * metric's REST name is third-party, spec A5; an account without it just has no cached bucket);</li>
 * <li>per account, its deployments: provisioned ones (sku {@code ProvisionedManaged}, {@code GlobalProvisionedManaged},
 * {@code DataZoneProvisionedManaged}) are commitments ({@code ptu}) of {@code sku.capacity} units on each day of the
 * metrics' timespan from the deployment's creation, with {@code AzureOpenAIProvisionedManagedUtilizationV2} (Average,
 * %) as utilization; their tokens count as tokens processed, not as pay-as-you-go usage. Batch deployments
 * ({@code GlobalBatch}, {@code DataZoneBatch}) are the batch tier;</li>
 * <li>cost from the Cost Management Query API (ActualCost, Daily, grouped by ResourceId and Meter, filtered to
 * Cognitive Services accounts, {@code nextLink} paging, throttling headers honoured) → provider costs
 * {@code azure.cost_management}; model and token type are read from the meter name (unverified format, kept as is).</li>
 * </ol>
 * Metadata: {@code subscription_id} (else the principal's).
 */
@Component
public class AzureOpenAiUsageSource implements GenAiUsageSource {

    static final String ACCOUNTS_API = "2024-10-01";
    static final String METRICS_API = "2023-10-01";
    static final String COST_API = "2023-03-01";
    static final List<String> TOKEN_METRICS = List.of("ProcessedPromptTokens", "GeneratedTokens", "AzureOpenAIRequests");
    static final String CACHE_METRIC = "AzureOpenAIContextTokensCacheMatchRate";
    static final String PTU_METRIC = "AzureOpenAIProvisionedManagedUtilizationV2";
    static final Set<String> PTU_SKUS = Set.of("provisionedmanaged", "globalprovisionedmanaged",
            "datazoneprovisionedmanaged");
    static final String USAGE_SOURCE = "azure.monitor";
    static final String COST_SOURCE = "azure.cost_management";
    static final ProviderApi.Throttling COST_THROTTLING = new ProviderApi.Throttling(response -> false, List.of(
            "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
            "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
            "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after",
            "x-ms-ratelimit-microsoft.consumption-retry-after"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter USAGE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final ProviderEndpoints endpoints;
    private final ProviderApi api;
    private final AzureTokens tokens;

    @Autowired
    public AzureOpenAiUsageSource(ProviderEndpoints endpoints, ProviderApi api, SafeHttp http, Clock clock) {
        this.endpoints = endpoints;
        this.api = api;
        this.tokens = new AzureTokens(http, endpoints.azureLogin(), clock);
    }

    @Override
    public Provider provider() {
        return Provider.AZURE_OPENAI;
    }

    @Override
    public Provider credentialProvider() {
        return Provider.AZURE;
    }

    @Override
    public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException {
        AzureServicePrincipal principal = principal(request.secret());
        Object configured = request.metadata().get("subscription_id");
        String subscription = guid(configured != null && !String.valueOf(configured).isBlank()
                ? String.valueOf(configured).strip() : principal.subscriptionId());
        String token = token(principal);
        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> accounts = new ArrayList<>();
        for (JsonNode page : getAll(token, "/subscriptions/" + subscription
                + "/providers/Microsoft.CognitiveServices/accounts?api-version=" + ACCOUNTS_API, "the Cognitive Services accounts")) {
            pages.add(page);
            page.path("value").forEach(a -> {
                if (isOpenAiAccount(a)) {
                    accounts.add(a);
                }
            });
        }
        String timespan = request.start().atStartOfDay().toInstant(ZoneOffset.UTC) + "/"
                + request.end().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (JsonNode account : accounts) {
            String id = resourceId(account.path("id").asString());
            String name = account.path("name").asString();
            pages.add(get(token, id + "/providers/Microsoft.Insights/metrics?" + metricsQuery(
                    String.join(",", TOKEN_METRICS), "Total", timespan, true), "the token metrics of " + name));
            try {
                pages.add(get(token, id + "/providers/Microsoft.Insights/metrics?" + metricsQuery(CACHE_METRIC,
                        "Average", timespan, true), "the cache metric of " + name));
            } catch (CloudActException notPublished) {
                if (notPublished.code() != ErrorCode.UPSTREAM_ERROR || !notPublished.getMessage().contains("HTTP 400")) {
                    throw notPublished;
                }
            }
            List<JsonNode> deployments = getAll(token, id + "/deployments?api-version=" + ACCOUNTS_API,
                    "the deployments of " + name);
            pages.addAll(deployments);
            boolean provisioned = deployments.stream().flatMap(p -> stream(p.path("value")))
                    .anyMatch(d -> PTU_SKUS.contains(d.path("sku").path("name").asString("").toLowerCase(Locale.ROOT)));
            if (provisioned) {
                pages.add(get(token, id + "/providers/Microsoft.Insights/metrics?" + metricsQuery(PTU_METRIC, "Average",
                        timespan, false), "the provisioned utilization of " + name));
            }
        }
        pages.addAll(costs(token, subscription, request.start(), request.end()));
        return parse(pages);
    }

    private static String metricsQuery(String metrics, String aggregation, String timespan, boolean byModel) {
        return "api-version=" + METRICS_API + "&metricnames=" + encode(metrics) + "&timespan=" + encode(timespan)
                + "&interval=P1D&aggregation=" + aggregation + "&$filter=" + encode(byModel
                ? "ModelName eq '*' and ModelDeploymentName eq '*'" : "ModelDeploymentName eq '*'");
    }

    private List<JsonNode> costs(String token, String subscription, LocalDate start, LocalDate end)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "ActualCost");
        body.put("timeframe", "Custom");
        body.putObject("timePeriod").put("from", start + "T00:00:00Z").put("to", end + "T23:59:59Z");
        ObjectNode dataset = body.putObject("dataset");
        dataset.put("granularity", "Daily");
        ObjectNode aggregation = dataset.putObject("aggregation");
        aggregation.putObject("totalCost").put("name", "Cost").put("function", "Sum");
        aggregation.putObject("totalQuantity").put("name", "UsageQuantity").put("function", "Sum");
        dataset.putArray("grouping").add(JSON.createObjectNode().put("type", "Dimension").put("name", "ResourceId"))
                .add(JSON.createObjectNode().put("type", "Dimension").put("name", "Meter"));
        ObjectNode filter = dataset.putObject("filter").putObject("dimensions");
        filter.put("name", "ResourceType");
        filter.put("operator", "In");
        filter.putArray("values").add("microsoft.cognitiveservices/accounts");
        byte[] payload = JSON.writeValueAsBytes(body);
        List<JsonNode> pages = new ArrayList<>();
        URI next = URI.create(endpoints.azureManagement() + "/subscriptions/" + subscription
                + "/providers/Microsoft.CostManagement/query?api-version=" + COST_API);
        while (next != null) {
            JsonNode page = api.json(HttpRequest.newBuilder(next).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                    .build(), "Azure Cost Management", COST_THROTTLING);
            pages.add(page);
            next = nextLink(page.path("properties").path("nextLink"));
        }
        return pages;
    }

    private List<JsonNode> getAll(String token, String pathAndQuery, String what) throws IOException, InterruptedException {
        List<JsonNode> pages = new ArrayList<>();
        URI next = URI.create(endpoints.azureManagement() + pathAndQuery);
        while (next != null) {
            JsonNode page = api.json(HttpRequest.newBuilder(next).header("Authorization", "Bearer " + token).GET().build(),
                    "Azure Resource Manager (" + what + ")");
            pages.add(page);
            next = nextLink(page.path("nextLink"));
        }
        return pages;
    }

    private JsonNode get(String token, String pathAndQuery, String what) throws IOException, InterruptedException {
        return api.json(HttpRequest.newBuilder(URI.create(endpoints.azureManagement() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build(), "Azure Monitor (" + what + ")");
    }

    /** A next page link, followed only when it stays on the Resource Manager endpoint CloudAct calls. */
    private URI nextLink(JsonNode link) {
        String value = link.asString("");
        if (value.isEmpty() || link.isNull()) {
            return null;
        }
        if (!value.startsWith(endpoints.azureManagement() + "/")) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "Azure answered with a nextLink outside "
                    + endpoints.azureManagement() + "; not followed");
        }
        return URI.create(value);
    }

    // ---------------------------------------------------------------------------------------------- parsing

    private record Account(String id, String name, String region) {
    }

    private record Deployment(String account, String name, String sku, long capacity, String model, Instant created) {
        boolean provisioned() {
            return PTU_SKUS.contains(sku);
        }

        boolean batch() {
            return sku.contains("batch");
        }
    }

    /** A metric value of one account, model and deployment on one day. */
    private record Point(String account, String metric, String model, String deployment, LocalDate day) {
    }

    private record UsageKey(LocalDate day, String account, String model, String deployment) {
    }

    @Override
    public GenAiFetch parse(List<JsonNode> pages) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        Map<String, Deployment> deployments = new LinkedHashMap<>();
        Map<Point, Double> values = new LinkedHashMap<>();
        Map<String, String> metricRegions = new HashMap<>();
        Map<String, LocalDate[]> spans = new HashMap<>();
        List<GenAiProviderCost> costs = new ArrayList<>();
        for (JsonNode page : pages) {
            if (page.path("properties").has("columns")) {
                costs.addAll(costRows(page.path("properties")));
            } else if (page.has("timespan") && page.has("value")) {
                readMetrics(page, values, metricRegions, spans);
            } else if (page.has("value") && page.path("value").isArray()) {
                for (JsonNode item : page.path("value")) {
                    String type = item.path("type").asString("").toLowerCase(Locale.ROOT);
                    String id = item.path("id").asString("").toLowerCase(Locale.ROOT);
                    if (type.equals("microsoft.cognitiveservices/accounts") && isOpenAiAccount(item)) {
                        accounts.put(id, new Account(id, item.path("name").asString(), item.path("location").asString("global")));
                    } else if (type.equals("microsoft.cognitiveservices/accounts/deployments")) {
                        String account = id.substring(0, id.indexOf("/deployments/"));
                        String created = item.path("systemData").path("createdAt").asString("");
                        deployments.put(account + "|" + item.path("name").asString().toLowerCase(Locale.ROOT),
                                new Deployment(account, item.path("name").asString(),
                                        item.path("sku").path("name").asString("").toLowerCase(Locale.ROOT),
                                        item.path("sku").path("capacity").asLong(0),
                                        item.path("properties").path("model").path("name").asString(null),
                                        created.isEmpty() ? null : Instant.parse(created)));
                    }
                }
            } else {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "An Azure OpenAI page must be an ARM list of"
                        + " accounts or deployments, an Azure Monitor metrics answer or a Cost Management query answer");
            }
        }
        Map<UsageKey, long[]> usage = new LinkedHashMap<>();
        values.forEach((point, value) -> {
            int bucket = TOKEN_METRICS.indexOf(point.metric());
            if (bucket >= 0) {
                usage.computeIfAbsent(new UsageKey(point.day(), point.account(), point.model(), point.deployment()),
                        k -> new long[3])[bucket] += Math.round(value);
            }
        });
        List<GenAiUsage> rows = new ArrayList<>();
        Map<String, long[]> provisionedTokens = new HashMap<>();
        usage.forEach((k, u) -> {
            Deployment deployment = deployments.get(k.account() + "|" + k.deployment().toLowerCase(Locale.ROOT));
            if (deployment != null && deployment.provisioned()) {
                long[] t = provisionedTokens.computeIfAbsent(k.account() + "|" + k.deployment().toLowerCase(Locale.ROOT)
                        + "|" + k.day(), x -> new long[2]);
                t[0] += u[0] + u[1];
                t[1] += u[2];
                return;
            }
            if (u[0] + u[1] + u[2] == 0) {
                return;
            }
            Double rate = values.get(new Point(k.account(), CACHE_METRIC, k.model(), k.deployment(), k.day()));
            long cached = rate == null ? 0 : Math.min(u[0], Math.round(u[0] * rate / 100.0));
            Account account = accounts.get(k.account());
            String region = account != null ? account.region() : metricRegions.getOrDefault(k.account(), "global");
            String model = k.model().isEmpty() ? (deployment != null && deployment.model() != null ? deployment.model()
                    : k.deployment()) : k.model();
            rows.add(new GenAiUsage(k.day(), Provider.AZURE_OPENAI.id(), model, region, accountName(k.account()) + "/"
                    + k.deployment(), deployment != null && deployment.batch() ? "batch" : null, null, u[0] - cached,
                    cached, 0, 0, u[1], 0, null, null, u[2], USAGE_SOURCE));
        });
        List<GenAiCommitmentUsage> commitments = new ArrayList<>();
        for (Deployment deployment : deployments.values()) {
            LocalDate[] span = spans.get(deployment.account());
            if (!deployment.provisioned() || span == null) {
                continue;
            }
            Account account = accounts.get(deployment.account());
            String region = account != null ? account.region() : metricRegions.getOrDefault(deployment.account(), "global");
            LocalDate createdDay = deployment.created() == null ? null : LocalDate.ofInstant(deployment.created(), ZoneOffset.UTC);
            for (LocalDate day = span[0]; !day.isAfter(span[1]); day = day.plusDays(1)) {
                if (createdDay != null && day.isBefore(createdDay)) {
                    continue;
                }
                double hours = createdDay != null && day.equals(createdDay)
                        ? (86_400 - deployment.created().atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay()) / 3600.0
                        : 24.0;
                Double utilization = values.get(new Point(deployment.account(), PTU_METRIC, "", deployment.name(), day));
                Long used = utilization == null ? null : Math.round(deployment.capacity() * utilization / 100.0);
                long[] t = provisionedTokens.get(deployment.account() + "|" + deployment.name().toLowerCase(Locale.ROOT)
                        + "|" + day);
                commitments.add(new GenAiCommitmentUsage(day, Provider.AZURE_OPENAI.id(), "ptu",
                        accountName(deployment.account()) + "/" + deployment.name(),
                        deployment.model() == null ? deployment.name() : deployment.model(), region, deployment.capacity(),
                        used, utilization, t == null ? null : t[0], t == null ? null : t[1], hours, USAGE_SOURCE));
            }
        }
        return new GenAiFetch(rows, commitments, costs);
    }

    private static void readMetrics(JsonNode page, Map<Point, Double> values, Map<String, String> regions,
                                    Map<String, LocalDate[]> spans) {
        String[] span = page.path("timespan").asString("").split("/");
        LocalDate first = LocalDate.ofInstant(Instant.parse(span[0]), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(Instant.parse(span[1]).minusSeconds(1), ZoneOffset.UTC);
        for (JsonNode metric : page.path("value")) {
            String id = metric.path("id").asString("").toLowerCase(Locale.ROOT);
            int providers = id.indexOf("/providers/microsoft.insights/metrics/");
            if (providers < 0) {
                continue;
            }
            String account = id.substring(0, providers);
            regions.putIfAbsent(account, page.path("resourceregion").asString("global"));
            spans.merge(account, new LocalDate[] {first, last}, (a, b) -> new LocalDate[] {
                    a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
            String name = metric.path("name").path("value").asString();
            for (JsonNode series : metric.path("timeseries")) {
                String model = "";
                String deployment = "";
                for (JsonNode dimension : series.path("metadatavalues")) {
                    String dim = dimension.path("name").path("value").asString("").toLowerCase(Locale.ROOT);
                    if (dim.equals("modelname")) {
                        model = dimension.path("value").asString("");
                    } else if (dim.equals("modeldeploymentname")) {
                        deployment = dimension.path("value").asString("");
                    }
                }
                for (JsonNode point : series.path("data")) {
                    JsonNode value = point.has("total") ? point.path("total") : point.path("average");
                    if (value.isMissingNode() || value.isNull()) {
                        continue;
                    }
                    LocalDate day = LocalDate.ofInstant(Instant.parse(point.path("timeStamp").asString()), ZoneOffset.UTC);
                    values.merge(new Point(account, name, name.equals(PTU_METRIC) ? "" : model, deployment, day),
                            value.asDouble(), Double::sum);
                }
            }
        }
    }

    /** Cost Management rows by column name: Cost, UsageQuantity, UsageDate (yyyyMMdd), ResourceId, Meter, Currency. */
    private static List<GenAiProviderCost> costRows(JsonNode properties) {
        Map<String, Integer> column = new HashMap<>();
        JsonNode columns = properties.path("columns");
        for (int i = 0; i < columns.size(); i++) {
            column.put(columns.get(i).path("name").asString().toLowerCase(Locale.ROOT), i);
        }
        Integer cost = column.containsKey("cost") ? column.get("cost") : column.get("pretaxcost");
        if (cost == null || !column.containsKey("usagedate")) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                    "A Cost Management answer needs the columns Cost (or PreTaxCost) and UsageDate");
        }
        List<GenAiProviderCost> rows = new ArrayList<>();
        for (JsonNode row : properties.path("rows")) {
            String meter = text(row, column.get("meter"));
            String resource = text(row, column.get("resourceid"));
            String currency = text(row, column.get("currency"));
            String quantity = text(row, column.get("usagequantity"));
            MeterName parsed = MeterName.of(meter);
            rows.add(new GenAiProviderCost(LocalDate.parse(row.get(column.get("usagedate")).asString(), USAGE_DATE),
                    Provider.AZURE_OPENAI.id(), parsed.model(), meter, parsed.tokenType(),
                    resource == null ? null : accountName(resource.toLowerCase(Locale.ROOT)),
                    parsed.batch() ? "batch" : null, new BigDecimal(row.get(cost).asString()),
                    currency == null ? "USD" : currency.toUpperCase(Locale.ROOT),
                    quantity == null ? null : new BigDecimal(quantity), null, COST_SOURCE));
        }
        return rows;
    }

    private static String text(JsonNode row, Integer index) {
        if (index == null || row.get(index) == null || row.get(index).isNull()) {
            return null;
        }
        return row.get(index).asString();
    }

    private static boolean isOpenAiAccount(JsonNode account) {
        String kind = account.path("kind").asString("");
        return kind.equalsIgnoreCase("OpenAI") || kind.equalsIgnoreCase("AIServices");
    }

    private static String accountName(String accountId) {
        return accountId.substring(accountId.lastIndexOf('/') + 1);
    }

    private static String resourceId(String id) {
        if (!id.matches("(?i)/subscriptions/[0-9a-f-]{36}/resourceGroups/[\\w().-]{1,90}/providers/"
                + "Microsoft\\.CognitiveServices/accounts/[A-Za-z0-9-_.]{2,64}")) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "Azure listed an account with an unexpected id: " + id);
        }
        return id;
    }

    private static String guid(String value) {
        if (!value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The Azure integration's subscription_id must be a subscription GUID");
        }
        return value;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private String token(AzureServicePrincipal principal) throws IOException, InterruptedException {
        try {
            return tokens.accessToken(principal, AzureTokens.SCOPE_MANAGEMENT);
        } catch (ProviderResponseException e) {
            throw new CloudActException(ErrorCode.FORBIDDEN, "Microsoft Entra ID refused the service principal "
                    + principal.clientId() + ": " + e.getMessage()
                    + (e.providerMessage().isBlank() ? "" : ": " + e.providerMessage()), e);
        } catch (BlockedDestinationException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, e.getMessage(), e);
        }
    }

    private static AzureServicePrincipal principal(String secret) {
        try {
            return AzureServicePrincipal.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The Azure credential is not usable: "
                    + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
