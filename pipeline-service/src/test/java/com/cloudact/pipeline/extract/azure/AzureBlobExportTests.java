package com.cloudact.pipeline.extract.azure;

import static com.cloudact.pipeline.extract.azure.AzureFixtures.ACTUAL;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.AMORTIZED;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.cost;
import static com.cloudact.pipeline.extract.azure.AzureFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.standins.Azurite;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Azure billing pipeline reading Cost Management exports from Blob storage, against Azurite (a real Azure Storage
 * emulator, run as a child process): the org's stored credential (service principal JSON with a storage account key)
 * and metadata lead to the export folder, and only the newest run of each date-range folder that touches the run's
 * dates is read, exactly the blobs its manifest lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureBlobExportTests extends PipelineIntegrationTest {

    private static final String CONTAINER = "msexports";
    private static final String ROOT = "exports/cost";
    private static final BigDecimal ACTUAL_TOTAL = new BigDecimal("8.5450077867419368");
    private static final BigDecimal AMORTIZED_TOTAL = new BigDecimal("16.29693213663664462748541900");

    @Autowired
    private CredentialCipher cipher;

    @TempDir
    Path scratch;

    private final OrgSlug org = OrgSlug.of("azure_blob_org");
    private DatasetName dataset;
    private Azurite azurite;
    private BlobContainerClient container;

    @BeforeAll
    void startAzuriteAndWriteExports(@TempDir Path azuriteData, @TempDir Path files) throws Exception {
        azurite = Azurite.start(azuriteData);
        dataset = onboard(org);
        container = new BlobServiceClientBuilder().endpoint(Azurite.blobEndpoint())
                .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY)).buildClient()
                .createBlobContainerIfNotExists(CONTAINER);

        List<String> actual = Files.readAllLines(fixture(ACTUAL), StandardCharsets.UTF_8);
        String header = actual.getFirst();
        String actualFolder = ROOT + "/daily-actual/20230901-20230930/";
        // An older run of September (4 lines), in a run folder that sorts after the newer one.
        String oldRun = actualFolder + "202310300600/aaaa-old/";
        put(oldRun + "part_0_0001.csv", csv(header, actual.subList(1, 5)));
        put(oldRun + "manifest.json", manifest("ActualCost", "2023-09-10T06:00:00Z", oldRun + "part_0_0001.csv"));
        // The newest run: two parts (gzip and plain), plus a stray blob its manifest does not list.
        String newRun = actualFolder + "202310020600/bbbb-new/";
        put(newRun + "part_0_0001.csv.gz", gzip(csv(header, actual.subList(1, 7))));
        put(newRun + "part_1_0001.csv", csv(header, actual.subList(7, actual.size())));
        put(newRun + "part_2_0001.csv", csv(header, actual.subList(1, 3)));
        put(newRun + "manifest.json", manifest("ActualCost", "2023-10-02T06:00:03.1234567Z",
                newRun + "part_0_0001.csv.gz", newRun + "part_1_0001.csv"));
        // August: outside the run's dates, and not a billing file at all.
        String august = ROOT + "/daily-actual/20230801-20230831/202309010600/cccc-aug/";
        put(august + "part_0_0001.csv", "not,a,cost\nexport".getBytes(StandardCharsets.UTF_8));
        put(august + "manifest.json", manifest("ActualCost", "2023-09-01T06:00:00Z", august + "part_0_0001.csv"));

        // The amortized export of September, as Parquet.
        String amortizedRun = ROOT + "/daily-amortized/20230901-20230930/202310020700/dddd-amortized/";
        put(amortizedRun + "part_0_0001.snappy.parquet", parquet(fixture(AMORTIZED), files.resolve("amortized.parquet")));
        put(amortizedRun + "manifest.json", manifest("AmortizedCost", "2023-10-02T07:00:00Z",
                amortizedRun + "part_0_0001.snappy.parquet"));

        String focusRun = ROOT + "/daily-focus/20230901-20230930/202310020800/eeee-focus/";
        put(focusRun + "part_0_0001.csv", csv(header, actual.subList(1, 3)));
        put(focusRun + "manifest.json", manifest("FocusCost", "2023-10-02T08:00:00Z", focusRun + "part_0_0001.csv"));
    }

    @AfterAll
    void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void onlyTheNewestRunsListedBlobsAreLoaded() {
        String credential = credential("daily-actual", Azurite.KEY);

        RunOutcome outcome = run(credential, LocalDate.of(2023, 9, 4), LocalDate.of(2023, 9, 21));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        List<Row> files = query("""
                SELECT x_source_file AS f, COUNT(*) AS n, MIN(cost_dataset) AS d, MIN(x_pipeline_run_date) AS s
                FROM ${org}.cloud_azure_billing_raw_daily WHERE x_credential_id = @c GROUP BY x_source_file
                ORDER BY x_source_file""", credential);
        assertThat(files).extracting(r -> r.string("f") + ":" + r.longValue("n") + ":" + r.string("d") + ":" + r.date("s"))
                .containsExactly("20230901-20230930-0-part_0_0001.csv.gz:6:actual:2023-09-01",
                        "20230901-20230930-1-part_1_0001.csv:5:actual:2023-09-01");
        Row focus = query("""
                SELECT COUNT(*) AS n, SUM(BilledCost) AS billed, MIN(x_pipeline_run_date) AS s
                FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @c""", credential).getFirst();
        assertThat(focus.longValue("n")).isEqualTo(11);
        assertThat(focus.decimal("billed")).isEqualByComparingTo(ACTUAL_TOTAL)
                .isEqualByComparingTo(cost(fixture(ACTUAL), r -> true));
        assertThat(focus.date("s")).isEqualTo(LocalDate.of(2023, 9, 1));
    }

    @Test
    void theManifestsTypeSaysTheDatasetAndParquetPartsLoad() {
        String credential = credential("daily-amortized", Azurite.KEY);

        RunOutcome outcome = run(credential, LocalDate.of(2023, 9, 30), LocalDate.of(2023, 9, 30));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row raw = query("""
                SELECT COUNT(*) AS n, MIN(cost_dataset) AS d, MAX(cost_dataset) AS d2, MIN(x_pipeline_run_date) AS s,
                       SUM(cost_in_billing_currency) AS total
                FROM ${org}.cloud_azure_billing_raw_daily WHERE x_credential_id = @c""", credential).getFirst();
        assertThat(raw.longValue("n")).isEqualTo(28);
        assertThat(raw.string("d")).isEqualTo("amortized").isEqualTo(raw.string("d2"));
        assertThat(raw.date("s")).isEqualTo(LocalDate.of(2023, 9, 30));
        assertThat(raw.decimal("total")).isCloseTo(AMORTIZED_TOTAL, Offset.offset(new BigDecimal("1E-15")));
        Row focus = query("""
                SELECT SUM(EffectiveCost) AS effective FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @c""",
                credential).getFirst();
        assertThat(focus.decimal("effective")).isCloseTo(AMORTIZED_TOTAL, Offset.offset(new BigDecimal("1E-15")));
    }

    @Test
    void daysWithoutAnExportRunFailSayingSo() {
        RunOutcome outcome = run(credential("daily-actual", Azurite.KEY), LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 2));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("holds no billing export for 2023-07-01 to 2023-07-02");
    }

    @Test
    void aFocusExportIsRefusedNamingItsType() {
        RunOutcome outcome = run(credential("daily-focus", Azurite.KEY), LocalDate.of(2023, 9, 4), LocalDate.of(2023, 9, 4));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("FocusCost").contains("ActualCost or AmortizedCost");
    }

    @Test
    void aWrongStorageKeyIsReportedAsRefusedWithoutTheKey() {
        String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);

        RunOutcome outcome = run(credential("daily-actual", wrongKey), LocalDate.of(2023, 9, 4), LocalDate.of(2023, 9, 4));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("refused").contains(CONTAINER).doesNotContain(wrongKey);
        assertThat(outcome.steps().getFirst().attempts()).as("a refusal is not retried").isEqualTo(1);
    }

    /** Stores a VALID Azure credential for the org: service principal JSON with the storage key, export metadata. */
    private String credential(String exportName, String storageKey) {
        String secret = """
                {"tenant_id": "11111111-2222-3333-4444-555555555555", "client_id": "66666666-7777-8888-9999-000000000000",
                 "client_secret": "s3cret~value.for_the_stand-in", "subscription_id": "1caaa5a3-2b66-438e-8ab4-bce37d518c5d",
                 "storage_account_key": "%s"}""".formatted(storageKey);
        String metadata = """
                {"export_storage_account": "%s", "export_container": "%s", "export_root_folder": "/%s/",
                 "export_name": "%s"}""".formatted(Azurite.ACCOUNT, CONTAINER, ROOT, exportName);
        return storeCredential(org, Provider.AZURE, "SERVICE_PRINCIPAL_JSON", secret, metadata);
    }

    private RunOutcome run(String credentialId, LocalDate start, LocalDate end) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("credential_id", credentialId);
        variables.put("start_date", start);
        variables.put("end_date", end);
        return runPipeline(AzureBillingPipelineTests.AZURE_BILLING, org, dataset, variables);
    }

    private List<Row> query(String sql, String credential) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of("c", credential));
    }

    private void put(String name, byte[] content) {
        container.getBlobClient(name).upload(BinaryData.fromBytes(content), true);
    }

    private static byte[] manifest(String type, String submitted, String... blobs) {
        StringBuilder list = new StringBuilder();
        for (String blob : blobs) {
            list.append(list.isEmpty() ? "" : ", ").append("{\"blobName\": \"").append(blob).append("\", \"byteCount\": 1}");
        }
        return ("""
                {"exportConfig": {"exportName": "x", "type": "%s", "dataVersion": "2021-10-01", "timeFrame": "MonthToDate",
                                  "granularity": "Daily"},
                 "deliveryConfig": {"partitionData": true, "dataOverwriteBehavior": "CreateNewReport", "fileFormat": "Csv"},
                 "blobCount": %d,
                 "runInfo": {"executionType": "Scheduled", "submittedTime": "%s", "runId": "%s",
                             "startDate": "2023-09-01T00:00:00", "endDate": "2023-09-30T00:00:00"},
                 "blobs": [%s]}""").formatted(type, blobs.length, submitted, UUID.randomUUID(), list)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(String header, List<String> lines) {
        return (header + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    /** The CSV as a Parquet file of text columns (written by an in-memory DuckDB), as exports' Parquet parts are. */
    private static byte[] parquet(Path csv, Path target) throws IOException, SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true, all_varchar = true)) TO '"
                    + target + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        return Files.readAllBytes(target);
    }
}
