package com.cloudact.pipeline;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.engine.PipelineDefinitions;
import com.cloudact.pipeline.engine.PipelineEngine;
import com.cloudact.pipeline.engine.RunListener;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunPlan;
import com.cloudact.pipeline.engine.StepOutcome;
import com.cloudact.pipeline.standins.AwsStandIns;
import com.cloudact.pipeline.standins.Azurite;
import com.cloudact.pipeline.standins.GenAiStandIns;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.warehouse.SeedLoader;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the pipeline service's integration tests: one Spring context on a real DuckDB file in a temporary
 * folder, shared by every test class, serving HTTP on a random port. The central dataset is created from the
 * catalog as bootstrap would; the API service is played by {@link ApiServiceStandIn}.
 */
@SpringBootTest(classes = PipelineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + PipelineApplication.CONFIG_NAME)
public abstract class PipelineIntegrationTest {

    protected static final Path DATA = temporaryFolder();

    @Autowired
    protected Warehouse warehouse;

    @Autowired
    protected TableCatalog catalog;

    @Autowired
    private CredentialCipher cipher;

    @Autowired
    protected PipelineEngine engine;

    @Autowired
    protected PipelineDefinitions definitions;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CLOUDACT_DATA_DIR", DATA::toString);
        registry.add("cloudact.warehouse.duckdb.memory-limit", () -> "1GB");
        registry.add("cloudact.providers.urls.aws-s3", AwsStandIns.S3::baseUrl);
        registry.add("cloudact.providers.urls.aws-sts", AwsStandIns.STS::baseUrl);
        registry.add("cloudact.providers.aws-access-key-id", () -> AwsStandIns.PLATFORM_KEY_ID);
        registry.add("cloudact.providers.aws-secret-access-key", () -> AwsStandIns.PLATFORM_SECRET);
        registry.add("cloudact.providers.allowed-hosts", () -> String.join(",", AwsStandIns.hosts()) + ","
                + String.join(",", GenAiStandIns.hosts()));
        registry.add("cloudact.providers.urls.openai", GenAiStandIns.OPENAI::baseUrl);
        registry.add("cloudact.providers.urls.anthropic", GenAiStandIns.ANTHROPIC::baseUrl);
        registry.add("cloudact.providers.urls.deepseek", GenAiStandIns.DEEPSEEK::baseUrl);
        registry.add("cloudact.pipeline.api-service-url", ApiServiceStandIn.INSTANCE::baseUrl);
        registry.add("CA_ROOT_API_KEY", () -> ApiServiceStandIn.ROOT_KEY);
        registry.add("cloudact.providers.urls.azure-blob", Azurite::blobEndpointTemplate);
    }

    /** Creates the central dataset (with reference data) and the org's dataset, and registers the org profile. */
    protected DatasetName onboard(OrgSlug org) {
        warehouse.sync(DatasetName.CENTRAL, catalog.tables(DatasetKind.CENTRAL), SyncOptions.FULL);
        catalog.tables(DatasetKind.CENTRAL).stream().filter(t -> t.seed().isPresent())
                .forEach(t -> SeedLoader.load(warehouse, DatasetName.CENTRAL, t));
        DatasetName dataset = DatasetName.forOrg(org, DeploymentEnv.LOCAL);
        warehouse.sync(dataset, catalog.tables(DatasetKind.ORG), SyncOptions.FULL);
        warehouse.execute(SqlText.of("DELETE FROM ${c}.org_profiles WHERE org_slug = @org").with("c", DatasetName.CENTRAL),
                Map.of("org", org.value()));
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_profiles (org_slug, company_name, admin_email, org_dataset_id, status,
                    subscription_plan, default_currency, default_timezone, created_at)
                VALUES (@org, 'Fixture Inc', 'ops@fixture.test', @dataset, 'ACTIVE', 'SCALE', 'USD', 'UTC', @now)""")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value(), "dataset", dataset.value(), "now", Instant.now()));
        // As onboarding does: the org's GenAI price tables start as the shipped list.
        GenAiDefaultPricing prices = new GenAiDefaultPricing(warehouse, catalog);
        for (GenAiFlow flow : GenAiFlow.values()) {
            prices.seed(dataset, org.value(), flow, true, "test-onboarding", Instant.now());
        }
        return dataset;
    }

    /**
     * Runs a pipeline for the org straight on the engine (no HTTP, no quota), with {@code variables} on top of the
     * org, pipeline and run ids every run has.
     */
    protected RunOutcome runPipeline(PipelinePath path, OrgSlug org, DatasetName dataset, Map<String, Object> variables) {
        String runId = UUID.randomUUID().toString();
        Map<String, Object> all = new HashMap<>(variables);
        all.put("org_slug", org.value());
        all.put("pipeline_id", path.fileIdentifier());
        all.put("run_id", runId);
        return engine.execute(new RunPlan(runId, org, dataset, path, definitions.get(path), all), new RunListener() {
            @Override
            public void stepStarted(RunPlan plan, String stepId, String psType, int index) {
            }

            @Override
            public void stepFinished(RunPlan plan, StepOutcome outcome) {
            }
        });
    }

    /** The variables of a run importing an uploaded file. */
    protected static Map<String, Object> upload(Path file) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("input_file", file);
        variables.put("input_file_name", file.getFileName().toString());
        return variables;
    }

    /**
     * Stores a valid, current credential for the org as the API's integrations router would (encrypted, bound to
     * org and row); returns its id.
     */
    protected String storeCredential(OrgSlug org, Provider provider, String credentialType, String secret,
                                     String metadataJson) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("org", org.value());
        params.put("provider", provider.integrationKey());
        params.put("type", credentialType);
        params.put("secret", cipher.encryptString(secret, CredentialVault.cipherContext(org, id)));
        params.put("metadata", metadataJson);
        params.put("now", now);
        params.put("expires", now.plus(Duration.ofDays(90)));
        warehouse.execute(SqlText.of("""
                INSERT INTO ${c}.org_integration_credentials (credential_id, org_slug, provider, credential_name,
                    encrypted_credential, credential_type, validation_status, metadata, is_active, created_at,
                    expires_at)
                VALUES (@id, @org, @provider, 'Test', @secret, @type, 'VALID', PARSE_JSON(@metadata), TRUE, @now,
                    @expires)""").with("c", DatasetName.CENTRAL), params);
        return id;
    }

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("cloudact-pipeline-test");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
