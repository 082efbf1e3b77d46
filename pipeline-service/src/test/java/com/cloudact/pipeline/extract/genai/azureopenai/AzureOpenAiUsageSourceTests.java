package com.cloudact.pipeline.extract.genai.azureopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.genai.GenAiCommitmentUsage;
import com.cloudact.pipeline.extract.genai.GenAiFetch;
import com.cloudact.pipeline.extract.genai.GenAiProviderCost;
import com.cloudact.pipeline.extract.genai.GenAiUsage;
import com.cloudact.pipeline.extract.genai.ProviderApi;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.AzureStandIn;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Azure OpenAI source against stand-ins of the Microsoft token endpoint and of Resource Manager (accounts,
 * deployments, Azure Monitor metrics, Cost Management): exact daily buckets per model and deployment with the cache
 * match rate taken out of input, batch deployments as the batch tier, a provisioned deployment as a PTU commitment
 * (its tokens kept out of pay-as-you-go), costs from every query page, Cost Management's own throttling header
 * honoured, an ARM error page ending the read, and parse of the saved pages.
 */
class AzureOpenAiUsageSourceTests {

    static final String TENANT = "0b7a6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String CLIENT = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    static final String SECRET = "Q~cloudact.reader-secret_0123456789";
    static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    static final List<String> TOKEN_METRICS = List.of("ProcessedPromptTokens", "GeneratedTokens", "AzureOpenAIRequests");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AzureStandIn login;
    private AzureOpenAiStandIn arm;
    private SafeHttp http;
    private final List<Duration> waits = new ArrayList<>();
    private AzureOpenAiUsageSource source;
    private ProviderEndpoints endpoints;
    private String east;
    private String sweden;

    @BeforeEach
    void start() {
        login = new AzureStandIn();
        login.app(TENANT, CLIENT, SECRET, SUBSCRIPTION);
        arm = new AzureOpenAiStandIn(login, SUBSCRIPTION);
        Set<String> allowed = new HashSet<>(login.allowList());
        allowed.addAll(arm.allowList());
        http = new SafeHttp(allowed);
        ProviderEndpoints all = ProviderEndpoints.allAt(arm.baseUrl());
        endpoints = new ProviderEndpoints(all.openAi(), all.anthropic(), all.gemini(), all.deepSeek(), all.bigQuery(),
                all.awsSts(), login.baseUrl(), arm.baseUrl(), all.ociIdentity(), all.awsS3(), all.azureBlob(),
                all.ociObjectStorage());
        source = new AzureOpenAiUsageSource(endpoints, new ProviderApi(http, waits::add), http, Clock.systemUTC());

        east = arm.account("rg-ai", "aoai-east", "OpenAI", "eastus", "ProcessedPromptTokens", "GeneratedTokens",
                "AzureOpenAIRequests", "AzureOpenAIContextTokensCacheMatchRate", "AzureOpenAIProvisionedManagedUtilizationV2");
        arm.account("rg-ai", "speech-1", "SpeechServices", "eastus", "SpeechRequests");
        sweden = arm.account("rg-eu", "foundry-swe", "AIServices", "swedencentral", "ProcessedPromptTokens",
                "GeneratedTokens", "AzureOpenAIRequests");
        arm.deployment(east, "gpt4o-prod", "GlobalStandard", 450, "gpt-4o", "2025-01-10T08:00:00Z");
        arm.deployment(east, "gpt4o-batch", "GlobalBatch", 0, "gpt-4o", "2025-02-10T08:00:00Z");
        arm.deployment(east, "ptu-main", "ProvisionedManaged", 50, "gpt-4o", "2025-05-01T12:00:00Z");
        arm.deployment(sweden, "mini", "DataZoneStandard", 100, "gpt-4.1-mini", "2025-03-01T00:00:00Z");

        tokens(east, "gpt-4o", "gpt4o-prod", "2025-05-01T02:00:00Z", 1000, 200, 2);
        tokens(east, "gpt-4o", "gpt4o-prod", "2025-05-01T20:00:00Z", 3000, 300, 2);
        arm.sample(east, "AzureOpenAIContextTokensCacheMatchRate", "gpt-4o", "gpt4o-prod", "2025-05-01T02:00:00Z", 20);
        arm.sample(east, "AzureOpenAIContextTokensCacheMatchRate", "gpt-4o", "gpt4o-prod", "2025-05-01T20:00:00Z", 30);
        tokens(east, "gpt-4o", "gpt4o-prod", "2025-05-02T10:00:00Z", 200, 20, 1);
        tokens(east, "gpt-4o", "gpt4o-batch", "2025-05-02T11:00:00Z", 10_000, 2000, 5);
        tokens(east, "gpt-4o", "ptu-main", "2025-05-01T13:00:00Z", 7000, 1000, 10);
        tokens(east, "gpt-4o", "ptu-main", "2025-05-02T13:00:00Z", 3000, 500, 3);
        arm.sample(east, "AzureOpenAIProvisionedManagedUtilizationV2", "gpt-4o", "ptu-main", "2025-05-01T13:00:00Z", 40);
        arm.sample(east, "AzureOpenAIProvisionedManagedUtilizationV2", "gpt-4o", "ptu-main", "2025-05-01T14:00:00Z", 60);
        arm.sample(east, "AzureOpenAIProvisionedManagedUtilizationV2", "gpt-4o", "ptu-main", "2025-05-02T14:00:00Z", 10);
        tokens(east, "gpt-4o", "gpt4o-prod", "2025-05-03T00:00:00Z", 99_999, 99_999, 99);
        tokens(sweden, "gpt-4.1-mini", "mini", "2025-05-02T09:00:00Z", 100, 10, 1);

        arm.cost("0.0075", 20250501, east, "gpt-4o-0806-Inp-glbl", "3000");
        arm.cost("0.005", 20250501, east, "gpt-4o-0806-Outp-glbl", "500");
        arm.cost("0.00125", 20250501, east, "gpt 4o 0806 cchd Inp glbl", "1000");
    }

    @AfterEach
    void stop() {
        http.close();
        arm.close();
        login.close();
    }

    @Test
    void dailyBucketsPerDeploymentPtuAsCommitmentAndCostsFromEveryPage() throws Exception {
        GenAiFetch fetch = source.fetch(request(Map.of()));

        assertThat(fetch.usage()).containsExactlyInAnyOrder(
                usage("2025-05-01", "gpt-4o", "eastus", "aoai-east/gpt4o-prod", null, 3000, 1000, 500, 4),
                usage("2025-05-02", "gpt-4o", "eastus", "aoai-east/gpt4o-prod", null, 200, 0, 20, 1),
                usage("2025-05-02", "gpt-4o", "eastus", "aoai-east/gpt4o-batch", "batch", 10_000, 0, 2000, 5),
                usage("2025-05-02", "gpt-4.1-mini", "swedencentral", "foundry-swe/mini", null, 100, 0, 10, 1));
        assertThat(fetch.commitments()).containsExactly(
                new GenAiCommitmentUsage(LocalDate.parse("2025-05-01"), "azure_openai", "ptu", "aoai-east/ptu-main",
                        "gpt-4o", "eastus", 50, 25L, 50.0, 8000L, 10L, 12.0, "azure.monitor"),
                new GenAiCommitmentUsage(LocalDate.parse("2025-05-02"), "azure_openai", "ptu", "aoai-east/ptu-main",
                        "gpt-4o", "eastus", 50, 5L, 10.0, 3500L, 3L, 24.0, "azure.monitor"));
        assertThat(fetch.costs()).containsExactly(
                cost("gpt-4o-0806", "gpt-4o-0806-Inp-glbl", "input", "0.0075", "3000"),
                cost("gpt-4o-0806", "gpt-4o-0806-Outp-glbl", "output", "0.005", "500"),
                cost("gpt-4o-0806", "gpt 4o 0806 cchd Inp glbl", "cache_read", "0.00125", "1000"));

        assertThat(arm.requestsTo("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.CognitiveServices/accounts"))
                .as("three accounts, two per page").hasSize(2);
        List<StandIn.Request> metrics = arm.requests().stream().filter(r -> r.path().endsWith("/metrics")).toList();
        assertThat(metrics).as("east: tokens, cache, PTU utilization; sweden: tokens, cache (refused: not published)")
                .hasSize(5);
        assertThat(metrics.getFirst().rawQuery()).contains("interval=P1D").contains("aggregation=Total")
                .contains("timespan=2025-05-01T00%3A00%3A00Z%2F2025-05-03T00%3A00%3A00Z")
                .contains("metricnames=ProcessedPromptTokens%2CGeneratedTokens%2CAzureOpenAIRequests");
        assertThat(arm.requestsTo("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.CostManagement/query"))
                .as("three cost rows, two per page").hasSize(2);
        JsonNode query = arm.costQueries().getFirst();
        assertThat(query.path("timePeriod").path("from").asString()).isEqualTo("2025-05-01T00:00:00Z");
        assertThat(query.path("timePeriod").path("to").asString()).isEqualTo("2025-05-02T23:59:59Z");
        assertThat(arm.requests()).noneMatch(r -> r.path().contains("speech-1"));
    }

    @Test
    void costManagementThrottlingWaitsAsAskedAndAnArmErrorEndsTheRead() throws Exception {
        arm.failNextCostQuery(new StandIn.Reply(429, "application/json", "{\"error\":{\"code\":\"429\",\"message\":\"Too many"
                + " requests. Please retry.\"}}", Map.of("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "9")));

        GenAiFetch fetch = source.fetch(request(Map.of("subscription_id", SUBSCRIPTION)));

        assertThat(waits).containsExactly(Duration.ofSeconds(9));
        assertThat(fetch.usage()).hasSize(4);

        arm.failNext(AzureStandIn.armError(403, "AuthorizationFailed", "The client '" + CLIENT + "' does not have"
                + " authorization to perform action 'Microsoft.CognitiveServices/accounts/read'"));
        assertThatThrownBy(() -> source.fetch(request(Map.of())))
                .isInstanceOf(CloudActException.class)
                .hasMessageContaining("failed with HTTP 403")
                .hasMessageContaining("does not have authorization to perform action")
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED));
        assertThatThrownBy(() -> source.fetch(request(Map.of("subscription_id", "../../other"))))
                .isInstanceOf(CloudActException.class).hasMessageContaining("subscription_id");
    }

    @Test
    void parseOfTheSavedAnswerPagesEqualsTheLiveRead() throws Exception {
        GenAiFetch live = source.fetch(request(Map.of()));
        // The answers the live read got, fetched again the same way and saved one JSON page per line.
        String token = "Bearer " + JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(login.baseUrl() + "/"
                + TENANT + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT
                        + "&client_secret=" + SECRET + "&scope=https%3A%2F%2Fmanagement.azure.com%2F.default")).build())
                .body()).path("access_token").asString();
        List<JsonNode> pages = new ArrayList<>();
        for (StandIn.Request request : arm.requests()) {
            HttpRequest.Builder again = HttpRequest.newBuilder(URI.create(arm.baseUrl() + request.path()
                    + (request.rawQuery() == null ? "" : "?" + request.rawQuery()))).header("Authorization", token);
            var answer = http.send(request.method().equals("POST") ? again.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.body())).build() : again.GET().build());
            if (answer.statusCode() == 200) {
                pages.add(JSON.readTree(answer.body()));
            }
        }

        assertThat(source.parse(pages)).isEqualTo(live);
        assertThatThrownBy(() -> source.parse(List.of(JSON.readTree("{\"data\":[]}"))))
                .isInstanceOf(CloudActException.class)
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE));
    }

    private void tokens(String account, String model, String deployment, String time, long prompt, long generated,
                        long requests) {
        arm.sample(account, "ProcessedPromptTokens", model, deployment, time, prompt);
        arm.sample(account, "GeneratedTokens", model, deployment, time, generated);
        arm.sample(account, "AzureOpenAIRequests", model, deployment, time, requests);
    }

    private static GenAiUsage usage(String day, String model, String region, String project, String tier, long input,
                                    long cached, long output, long requests) {
        return new GenAiUsage(LocalDate.parse(day), "azure_openai", model, region, project, tier, null, input, cached, 0,
                0, output, 0, null, null, requests, "azure.monitor");
    }

    private static GenAiProviderCost cost(String model, String meter, String tokenType, String amount, String quantity) {
        return new GenAiProviderCost(LocalDate.parse("2025-05-01"), "azure_openai", model, meter, tokenType, "aoai-east",
                null, new BigDecimal(amount), "USD", new BigDecimal(quantity), null, "azure.cost_management");
    }

    private ExportLocationReader.Request request(Map<String, Object> metadata) {
        StoredCredential credential = new StoredCredential("cred-azure", OrgSlug.of("azure_org"), Provider.AZURE,
                "Azure", "SERVICE_PRINCIPAL", "6789", null, "VALID", Instant.now(), null, null, Instant.now(), null,
                null, null);
        String secret = TestKeys.json(Map.of("tenant_id", TENANT, "client_id", CLIENT, "client_secret", SECRET,
                "subscription_id", SUBSCRIPTION));
        return new ExportLocationReader.Request(credential, secret, metadata, LocalDate.parse("2025-05-01"),
                LocalDate.parse("2025-05-02"));
    }
}
