package com.cloudact.pipeline.extract.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.pipeline.PipelineDefinition;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.StepStatus;
import com.cloudact.model.pipeline.PipelineRegistration;
import com.cloudact.model.pipeline.PipelineRegistry;
import com.cloudact.model.pipeline.StepDefinition;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.genai.azureopenai.AzureOpenAiStandIn;
import com.cloudact.pipeline.extract.genai.azureopenai.AzureOpenAiUsageSource;
import com.cloudact.pipeline.extract.genai.bedrock.BedrockStandIn;
import com.cloudact.pipeline.extract.genai.bedrock.BedrockUsageSource;
import com.cloudact.pipeline.extract.genai.gemini.GeminiUsageSource;
import com.cloudact.pipeline.extract.genai.google.GoogleApis;
import com.cloudact.pipeline.extract.genai.google.GoogleGenAiStandIn;
import com.cloudact.pipeline.extract.genai.google.GoogleGenAiStandIn.ExportLine;
import com.cloudact.pipeline.extract.genai.vertex.VertexUsageSource;
import com.cloudact.platform.autoconfigure.ProvidersProperties;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.AzureStandIn;
import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four cloud-billed GenAI sources through the real {@code genai.usage} step, with the org's cloud credential
 * stored in the vault, against their HTTP stand-ins: what lands in {@code genai_payg_usage_raw},
 * {@code genai_commitment_usage_raw} and {@code genai_provider_costs_raw}; a re-run replaces its days; an upload of
 * the saved answer pages writes the same rows. The pricing, consolidation and FOCUS steps of the pipelines are
 * engineer A's procedures (tested after the merge); here the seven YAMLs are only checked to load, to call the step
 * for their provider and to be registered with their cloud integration.
 */
class CloudGenAiUsageStepTests extends PipelineIntegrationTest {

    private static final LocalDate DAY1 = LocalDate.of(2025, 6, 10);
    private static final LocalDate DAY2 = LocalDate.of(2025, 6, 11);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EMAIL = "cloudact-reader@acme-ai.iam.gserviceaccount.com";
    private static final String TABLE = "acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9";

    @Autowired
    private CredentialVault vault;
    @Autowired
    private BillingFileLoader loader;
    @Autowired
    private PipelineProperties properties;

    @TempDir
    Path scratch;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void vertexUsageCommitmentsAndCostsLandInTheRawTablesAndAReRunReplacesThem() throws Exception {
        OrgSlug org = org("vertex");
        DatasetName dataset = onboard(org);
        GoogleStandIn google = open(new GoogleStandIn());
        google.trust(EMAIL, TestKeys.rsa().getPublic(), "acme-ai");
        GoogleGenAiStandIn apis = open(new GoogleGenAiStandIn(google, TABLE, 2));
        String resource = "aiplatform.googleapis.com/PublisherModel";
        String tokens = "aiplatform.googleapis.com/publisher/online_serving/token_count";
        String calls = "aiplatform.googleapis.com/publisher/online_serving/model_invocation_count";
        Map<String, String> pro = Map.of("resource_container", "acme-ai", "model_user_id", "gemini-2.5-pro",
                "location", "us-central1");
        apis.sample(tokens, resource, pro, Map.of("type", "input"), "2025-06-10T09:00:00Z", 4000);
        apis.sample(tokens, resource, pro, Map.of("type", "cached_input"), "2025-06-10T09:00:00Z", 1000);
        apis.sample(tokens, resource, pro, Map.of("type", "output"), "2025-06-10T09:00:00Z", 600);
        apis.sample(calls, resource, pro, Map.of(), "2025-06-10T09:00:00Z", 5);
        apis.sample(tokens, resource, pro, Map.of("type", "input"), "2025-06-11T09:00:00Z", 100);
        apis.sample(tokens, resource, pro, Map.of("type", "output"), "2025-06-11T09:00:00Z", 10);
        apis.sample(calls, resource, pro, Map.of(), "2025-06-11T09:00:00Z", 1);
        apis.line(new ExportLine(Instant.parse("2025-06-10T09:00:00Z"), "Vertex AI", "9F1E-IN",
                "Gemini 2.5 Pro Input Text Tokens", "acme-ai", "us-central1", "USD", "count", "3000", "count", "3000",
                "0.00375", List.of("-0.00075")));
        apis.line(new ExportLine(Instant.parse("2025-06-11T00:00:00Z"), "Vertex AI", "5C3D-GSU",
                "Provisioned Throughput Gemini 2.5 Pro GSU", "acme-ai", "us-central1", "USD", "seconds", "86400", "hour",
                "24", "32.40", List.of()));
        SafeHttp http = http(google.allowList(), apis.allowList());
        VertexUsageSource source = new VertexUsageSource(ProviderEndpoints.allAt(apis.baseUrl()),
                new ProviderApi(http, waits::add), http);
        String keyFile = TestKeys.serviceAccountJson("acme-ai", EMAIL, TestKeys.rsa(), google.tokenUrl());
        String credential = storeCredential(org, Provider.GCP, "SERVICE_ACCOUNT_JSON", keyFile,
                JSON.writeValueAsString(Map.of("billing_export_table", TABLE, "project_id", "acme-ai")));
        GenAiUsageStep step = step(source);

        StepResult first = step.run(context(org, dataset, "genai/payg/gcp_vertex", "gcp_vertex", dates()));

        assertThat(first.outputs()).containsEntry("credential_id", credential).containsEntry("start_date", DAY1)
                .containsEntry("end_date", DAY2).containsEntry("rows_loaded", 6L);
        Row day1 = single(dataset, "SELECT * FROM ${ds}.genai_payg_usage_raw WHERE usage_date = DATE '2025-06-10'");
        assertThat(day1.string("provider")).isEqualTo("gcp_vertex");
        assertThat(day1.string("model")).isEqualTo("gemini-2.5-pro");
        assertThat(day1.string("region")).isEqualTo("us-central1");
        assertThat(day1.longValue("input_tokens")).isEqualTo(3000);
        assertThat(day1.longValue("cached_input_tokens")).isEqualTo(1000);
        assertThat(day1.longValue("output_tokens")).isEqualTo(600);
        assertThat(day1.longValue("total_tokens")).isEqualTo(4600);
        assertThat(day1.longValue("request_count")).isEqualTo(5);
        assertThat(day1.string("x_credential_id")).isEqualTo(credential);
        Row commitment = single(dataset, "SELECT * FROM ${ds}.genai_commitment_usage_raw");
        assertThat(commitment.string("commitment_type")).isEqualTo("gsu");
        assertThat(commitment.longValue("provisioned_units")).isEqualTo(1);
        assertThat(commitment.date("usage_date")).isEqualTo(DAY2);
        Row costs = single(dataset, "SELECT COUNT(*) AS n, SUM(amount) AS total FROM ${ds}.genai_provider_costs_raw");
        assertThat(costs.longValue("n")).isEqualTo(3);
        assertThat(costs.decimal("total")).isEqualByComparingTo("32.403");

        step.run(context(org, dataset, "genai/payg/gcp_vertex", "gcp_vertex", dates()));
        assertThat(count(dataset, "genai_payg_usage_raw")).isEqualTo(2);
        assertThat(count(dataset, "genai_commitment_usage_raw")).isEqualTo(1);
        assertThat(count(dataset, "genai_provider_costs_raw")).isEqualTo(3);

        GoogleApis google2 = new GoogleApis(ProviderEndpoints.allAt(apis.baseUrl()), new ProviderApi(http, waits::add), http);
        var account = GoogleApis.serviceAccount(keyFile);
        List<JsonNode> pages = new ArrayList<>();
        pages.addAll(google2.timeSeries(account, "acme-ai", "metric.type = \"" + tokens + "\" AND resource.type = \""
                + resource + "\"", List.of("resource.label.model_user_id", "resource.label.location",
                "resource.label.resource_container", "metric.label.type"), DAY1, DAY2));
        pages.addAll(google2.timeSeries(account, "acme-ai", "metric.type = \"" + calls + "\" AND resource.type = \""
                + resource + "\"", List.of("resource.label.model_user_id", "resource.label.location",
                "resource.label.resource_container"), DAY1, DAY2));
        pages.addAll(google2.billingExport(account, TABLE, List.of("Vertex AI"), DAY1, DAY2));
        Path file = scratch.resolve("vertex-pages.jsonl");
        Files.writeString(file, String.join("\n", pages.stream().map(JSON::writeValueAsString).toList()) + "\n");

        StepResult uploaded = step.run(context(org, dataset, "genai/payg/gcp_vertex", "gcp_vertex", upload(file)));

        assertThat(uploaded.outputs()).containsEntry("credential_id", "upload_gcp_vertex").containsEntry("rows_loaded", 6L);
        Row both = single(dataset, """
                SELECT SUM(CASE WHEN x_credential_id = 'upload_gcp_vertex' THEN total_tokens END) AS uploaded,
                       SUM(CASE WHEN x_credential_id <> 'upload_gcp_vertex' THEN total_tokens END) AS fetched
                FROM ${ds}.genai_payg_usage_raw""");
        assertThat(both.longValue("uploaded")).isEqualTo(both.longValue("fetched")).isEqualTo(4600 + 110);

        // The commitment pipeline reads the same APIs but keeps only the commitments, so nothing is stored twice.
        StepResult commitmentsOnly = step.run(new StepContext(org, dataset, UUID.randomUUID().toString(),
                "genai/commitment/gcp_vertex", "extract_usage", Map.of("provider", "gcp_vertex", "tables",
                List.of("genai_commitment_usage_raw")), dates()));
        assertThat(commitmentsOnly.outputs()).containsEntry("rows_loaded", 1L);
        Row written = single(dataset, """
                SELECT (SELECT COUNT(*) FROM ${ds}.genai_payg_usage_raw WHERE x_pipeline_id = 'genai/commitment/gcp_vertex')
                     + (SELECT COUNT(*) FROM ${ds}.genai_provider_costs_raw WHERE x_pipeline_id = 'genai/commitment/gcp_vertex')
                       AS other,
                       (SELECT COUNT(*) FROM ${ds}.genai_commitment_usage_raw
                        WHERE x_pipeline_id = 'genai/commitment/gcp_vertex') AS commitments""");
        assertThat(written.longValue("other")).isZero();
        assertThat(written.longValue("commitments")).isEqualTo(1);

        // The same saved pages through the whole PAYG pipeline of a fresh org with the shipped prices (gemini-2.5-pro
        // on Vertex: 1.25 in, 10.00 out per 1M, cache reads at Vertex's default 75 % off, so 0.3125):
        // 06-10 3000 x 1.25 + 1000 x 0.3125 + 600 x 10 = 0.0100625; 06-11 100 x 1.25 + 10 x 10 = 0.000225.
        OrgSlug fresh = org("vertex_pipeline");
        DatasetName freshDataset = onboard(fresh);
        RunOutcome outcome = runPipeline(PipelinePath.of("genai", "payg", "gcp_vertex"), fresh, freshDataset,
                upload(file));
        outcome.steps().subList(0, 4).forEach(s -> assertThat(s.status()).as(s.stepId() + ": " + s.error())
                .isEqualTo(StepStatus.COMPLETED));
        assertThat(single(freshDataset, "SELECT SUM(total_cost_usd) AS total FROM ${ds}.genai_payg_costs_daily")
                .decimal("total")).isEqualByComparingTo("0.0102875");
        // No GCP bill in this org's FOCUS, so the GenAI rows are the invoice's only record of this spend.
        Row focus = single(freshDataset, """
                SELECT SUM(BilledCost) AS billed, COUNT(*) AS n, MIN(ServiceCategory) AS category,
                       MIN(x_source_system) AS source
                FROM ${ds}.cost_data_standard_1_3 WHERE x_genai_provider = 'gcp_vertex'""");
        assertThat(focus.decimal("billed")).isEqualByComparingTo("0.0102875");
        assertThat(focus.longValue("n")).isEqualTo(2);
        assertThat(focus.string("category")).isEqualTo("AI and Machine Learning");
        assertThat(focus.string("source")).isEqualTo("genai_costs_daily_unified");
    }

    @Test
    void geminiTokenSkusAndCostsFromTheBillingExport() throws Exception {
        OrgSlug org = org("gemini");
        DatasetName dataset = onboard(org);
        GoogleStandIn google = open(new GoogleStandIn());
        google.trust(EMAIL, TestKeys.rsa().getPublic(), "acme-ai");
        GoogleGenAiStandIn apis = open(new GoogleGenAiStandIn(google, TABLE, 2));
        apis.line(new ExportLine(Instant.parse("2025-06-10T09:00:00Z"), "Gemini API", "G-IN", "Gemini 2.0 Flash Input Tokens",
                "acme-ai", null, "USD", "count", "20000", "count", "20000", "0.002", List.of()));
        apis.line(new ExportLine(Instant.parse("2025-06-10T09:00:00Z"), "Gemini API", "G-OUT", "Gemini 2.0 Flash Output Tokens",
                "acme-ai", null, "USD", "count", "5000", "count", "5000", "0.002", List.of()));
        SafeHttp http = http(google.allowList(), apis.allowList());
        GeminiUsageSource source = new GeminiUsageSource(ProviderEndpoints.allAt(apis.baseUrl()),
                new ProviderApi(http, waits::add), http);
        storeCredential(org, Provider.GCP, "SERVICE_ACCOUNT_JSON", TestKeys.serviceAccountJson("acme-ai", EMAIL,
                TestKeys.rsa(), google.tokenUrl()), JSON.writeValueAsString(Map.of("billing_export_table", TABLE)));

        StepResult result = step(source).run(context(org, dataset, "genai/payg/gemini", "gemini", dates()));

        assertThat(result.outputs()).containsEntry("rows_loaded", 3L);
        Row usage = single(dataset, "SELECT * FROM ${ds}.genai_payg_usage_raw");
        assertThat(usage.string("model")).isEqualTo("gemini-2.0-flash");
        assertThat(usage.string("region")).isEqualTo("global");
        assertThat(usage.longValue("input_tokens")).isEqualTo(20_000);
        assertThat(usage.longValue("output_tokens")).isEqualTo(5000);
        Row costs = single(dataset, "SELECT COUNT(*) AS n, SUM(amount) AS total, MIN(cost_source) AS source"
                + " FROM ${ds}.genai_provider_costs_raw");
        assertThat(costs.longValue("n")).isEqualTo(2);
        assertThat(costs.decimal("total")).isEqualByComparingTo("0.004");
        assertThat(costs.string("source")).isEqualTo("gcp.billing_export");
    }

    @Test
    void bedrockUsageFromCloudWatchWithTheAwsCredential() throws Exception {
        OrgSlug org = org("bedrock");
        DatasetName dataset = onboard(org);
        String keyId = TestKeys.awsAccessKeyId();
        String secret = "BedrockPipelineSecret0000000000000000/+=";
        BedrockStandIn aws = open(new BedrockStandIn(keyId, secret));
        aws.datapoint("us-west-2", "Invocations", "amazon.nova-pro-v1:0", "2025-06-10T10:00:00Z", 3);
        aws.datapoint("us-west-2", "InputTokenCount", "amazon.nova-pro-v1:0", "2025-06-10T10:00:00Z", 900);
        aws.datapoint("us-west-2", "OutputTokenCount", "amazon.nova-pro-v1:0", "2025-06-10T10:00:00Z", 90);
        aws.datapoint("us-west-2", "CacheReadInputTokenCount", "amazon.nova-pro-v1:0", "2025-06-10T10:00:00Z", 100);
        SafeHttp http = http(aws.allowList());
        BedrockUsageSource source = new BedrockUsageSource(ProviderEndpoints.allAt(aws.baseUrl()),
                new ProviderApi(http, waits::add), http, new ProvidersProperties(null, Map.of(), List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(15), null, null), Clock.systemUTC());
        storeCredential(org, Provider.AWS, "ACCESS_KEYS", TestKeys.json(Map.of("auth_type", "access_keys",
                "access_key_id", keyId, "secret_access_key", secret, "region", "us-west-2")), "{}");

        StepResult result = step(source).run(context(org, dataset, "genai/payg/aws_bedrock", "aws_bedrock", dates()));

        assertThat(result.outputs()).containsEntry("rows_loaded", 1L);
        Row usage = single(dataset, "SELECT * FROM ${ds}.genai_payg_usage_raw");
        assertThat(usage.string("model")).isEqualTo("amazon.nova-pro-v1:0");
        assertThat(usage.string("region")).isEqualTo("us-west-2");
        assertThat(usage.longValue("input_tokens")).isEqualTo(900);
        assertThat(usage.longValue("cached_input_tokens")).isEqualTo(100);
        assertThat(usage.longValue("output_tokens")).isEqualTo(90);
        assertThat(usage.longValue("request_count")).isEqualTo(3);
        assertThat(count(dataset, "genai_provider_costs_raw")).isZero();
    }

    @Test
    void azureOpenAiUsageAndCostWithTheServicePrincipal() throws Exception {
        OrgSlug org = org("azure");
        DatasetName dataset = onboard(org);
        String tenant = "0b7a6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        String client = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
        String subscription = "11111111-2222-3333-4444-555555555555";
        String clientSecret = "Q~pipeline.reader-secret_0123456789";
        AzureStandIn login = open(new AzureStandIn());
        login.app(tenant, client, clientSecret, subscription);
        AzureOpenAiStandIn arm = open(new AzureOpenAiStandIn(login, subscription));
        String account = arm.account("rg-ai", "aoai", "OpenAI", "westeurope", "ProcessedPromptTokens", "GeneratedTokens",
                "AzureOpenAIRequests");
        arm.deployment(account, "gpt4o", "GlobalStandard", 100, "gpt-4o", "2025-01-01T00:00:00Z");
        arm.sample(account, "ProcessedPromptTokens", "gpt-4o", "gpt4o", "2025-06-10T10:00:00Z", 1200);
        arm.sample(account, "GeneratedTokens", "gpt-4o", "gpt4o", "2025-06-10T10:00:00Z", 100);
        arm.sample(account, "AzureOpenAIRequests", "gpt-4o", "gpt4o", "2025-06-10T10:00:00Z", 2);
        arm.cost("0.004", 20250610, account, "gpt-4o-0806-Inp-glbl", "1200");
        SafeHttp http = http(login.allowList(), arm.allowList());
        ProviderEndpoints all = ProviderEndpoints.allAt(arm.baseUrl());
        ProviderEndpoints endpoints = new ProviderEndpoints(all.openAi(), all.anthropic(), all.gemini(), all.deepSeek(),
                all.bigQuery(), all.awsSts(), login.baseUrl(), arm.baseUrl(), all.ociIdentity(), all.awsS3(),
                all.azureBlob(), all.ociObjectStorage());
        AzureOpenAiUsageSource source = new AzureOpenAiUsageSource(endpoints, new ProviderApi(http, waits::add), http,
                Clock.systemUTC());
        storeCredential(org, Provider.AZURE, "SERVICE_PRINCIPAL", TestKeys.json(Map.of("tenant_id", tenant,
                "client_id", client, "client_secret", clientSecret, "subscription_id", subscription)), "{}");

        StepResult result = step(source).run(context(org, dataset, "genai/payg/azure_openai", "azure_openai", dates()));

        assertThat(result.outputs()).containsEntry("rows_loaded", 2L);
        Row usage = single(dataset, "SELECT * FROM ${ds}.genai_payg_usage_raw");
        assertThat(usage.string("model")).isEqualTo("gpt-4o");
        assertThat(usage.string("region")).isEqualTo("westeurope");
        assertThat(usage.string("project_id")).isEqualTo("aoai/gpt4o");
        assertThat(usage.longValue("input_tokens")).isEqualTo(1200);
        assertThat(usage.longValue("output_tokens")).isEqualTo(100);
        assertThat(usage.longValue("request_count")).isEqualTo(2);
        Row cost = single(dataset, "SELECT * FROM ${ds}.genai_provider_costs_raw");
        assertThat(cost.decimal("amount")).isEqualByComparingTo("0.004");
        assertThat(cost.string("token_type")).isEqualTo("input");
        assertThat(cost.string("cost_source")).isEqualTo("azure.cost_management");
    }

    @Test
    void theSevenPipelinesLoadCallTheStepForTheirProviderAndAreRegisteredWithTheirCloud() {
        Map<String, String[]> pipelines = Map.of(
                "genai_payg_gemini", new String[] {"payg", "gemini", "gemini", "GCP", "sp_genai_payg_cost"},
                "genai_payg_gcp_vertex", new String[] {"payg", "gcp_vertex", "gcp_vertex", "GCP", "sp_genai_payg_cost"},
                "genai_payg_azure_openai", new String[] {"payg", "azure_openai", "azure_openai", "AZURE", "sp_genai_payg_cost"},
                "genai_payg_aws_bedrock", new String[] {"payg", "aws_bedrock", "aws_bedrock", "AWS", "sp_genai_payg_cost"},
                "genai_commitment_azure_ptu", new String[] {"commitment", "azure_ptu", "azure_openai", "AZURE",
                        "sp_genai_commitment_cost"},
                "genai_commitment_aws_bedrock", new String[] {"commitment", "aws_bedrock", "aws_bedrock", "AWS",
                        "sp_genai_commitment_cost"},
                "genai_commitment_gcp_vertex", new String[] {"commitment", "gcp_vertex", "gcp_vertex", "GCP",
                        "sp_genai_commitment_cost"});
        PipelineRegistry registry = PipelineRegistry.load();
        pipelines.forEach((id, p) -> {
            PipelineRegistration registration = registry.find(id).orElseThrow();
            assertThat(registration.path()).isEqualTo(PipelinePath.of("genai", p[0], p[1]));
            assertThat(registration.requiredIntegration()).contains(Provider.valueOf(p[3]));
            PipelineDefinition definition = definitions.get(registration.path());
            assertThat(definition.steps()).extracting(StepDefinition::stepId).containsExactly("extract_usage",
                    "calculate_costs", "consolidate", "convert_to_focus", "quality");
            assertThat(definition.step("extract_usage").orElseThrow().config()).containsEntry("provider", p[2])
                    .containsEntry("tables", p[0].equals("payg")
                            ? List.of("genai_payg_usage_raw", "genai_provider_costs_raw")
                            : List.of("genai_commitment_usage_raw"));
            assertThat(definition.step("calculate_costs").orElseThrow().config()).containsEntry("procedure", p[4]);
            assertThat(definition.step("quality").orElseThrow().psType()).isEqualTo("generic.dq_check");
        });
    }

    private GenAiUsageStep step(GenAiUsageSource source) {
        return new GenAiUsageStep(List.of(source), vault, loader, warehouse, properties, Clock.systemUTC());
    }

    private static Map<String, Object> dates() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("start_date", DAY1);
        variables.put("end_date", DAY2);
        return variables;
    }

    private static StepContext context(OrgSlug org, DatasetName dataset, String pipeline, String provider,
                                       Map<String, Object> variables) {
        return new StepContext(org, dataset, UUID.randomUUID().toString(), pipeline, "extract_usage",
                Map.of("provider", provider), variables);
    }

    private SafeHttp http(Set<String>... allowLists) {
        Set<String> allowed = new HashSet<>();
        for (Set<String> list : allowLists) {
            allowed.addAll(list);
        }
        return open(new SafeHttp(allowed));
    }

    private <T extends AutoCloseable> T open(T closeable) {
        open.add(0, closeable);
        return closeable;
    }

    private static OrgSlug org(String name) {
        return OrgSlug.of("cloud_genai_" + name + "_" + UUID.randomUUID().toString().substring(0, 6));
    }

    private Row single(DatasetName dataset, String sql) {
        List<Row> rows = warehouse.query(SqlText.of(sql).with("ds", dataset), Map.of());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private long count(DatasetName dataset, String table) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table).with("ds", dataset), Map.of())
                .getFirst().longValue("n");
    }
}
