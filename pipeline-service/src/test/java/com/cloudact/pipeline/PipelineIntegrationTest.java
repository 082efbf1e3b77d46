package com.cloudact.pipeline;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.platform.warehouse.SeedLoader;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the pipeline service's integration tests: one Spring context on a real DuckDB file in a temporary
 * folder, shared by every test class. The central dataset is created from the catalog as bootstrap would.
 */
@SpringBootTest(classes = PipelineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.config.name=" + PipelineApplication.CONFIG_NAME)
public abstract class PipelineIntegrationTest {

    protected static final Path DATA = temporaryFolder();

    @Autowired
    protected Warehouse warehouse;

    @Autowired
    protected TableCatalog catalog;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CLOUDACT_DATA_DIR", DATA::toString);
        registry.add("cloudact.warehouse.duckdb.memory-limit", () -> "1GB");
        registry.add("cloudact.providers.urls.azure-blob", com.cloudact.pipeline.standins.Azurite::blobEndpointTemplate);
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
        return dataset;
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
