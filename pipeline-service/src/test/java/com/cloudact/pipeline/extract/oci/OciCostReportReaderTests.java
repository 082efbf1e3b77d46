package com.cloudact.pipeline.extract.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.procedures.ProcedureLibrary;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.TestKeys;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OCI load step reading cost reports from a local stand-in of Object Storage that verifies every request's
 * signature: ListObjects paging, gzip report files written over several days, and the rule that a run loads the
 * files OCI wrote on its days while no file ever deletes the lines of another. The FOCUS procedure runs after each
 * load, as the pipeline's second step does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OciCostReportReaderTests extends PipelineIntegrationTest {

    private static final String REGION = "us-ashburn-1";
    private static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaareadertenancy";
    private static final String USER = "ocid1.user.oc1..aaaaaaaareaderuser";
    private static final String PIPELINE = PipelinePath.of("cloud", "oci", "cost", "billing").fileIdentifier();
    private static final String HEADER = "lineItem/referenceNo,lineItem/tenantId,lineItem/intervalUsageStart,"
            + "lineItem/intervalUsageEnd,product/service,product/compartmentId,product/compartmentName,product/region,"
            + "usage/billedQuantity,cost/productSku,product/Description,cost/unitPrice,cost/myCost,cost/currencyCode,"
            + "cost/skuUnitDescription,cost/overageFlag,lineItem/isCorrection,lineItem/backreferenceNo,tags/team";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private BillingFileLoader loader;
    @Autowired
    private CredentialVault vault;
    @Autowired
    private CredentialCipher cipher;
    @Autowired
    private PipelineProperties properties;
    @Autowired
    private ProcedureLibrary procedures;
    @Autowired
    private Clock clock;

    private final OrgSlug org = OrgSlug.of("oci_reader_org");
    private final ObjectStorageStandIn objectStorage = new ObjectStorageStandIn(REGION, "bling", TENANCY, 2);
    private DatasetName dataset;
    private OciCostLoadStep step;
    private String credentialId;

    @BeforeAll
    void tenancyWithReportsOverFourDays() {
        dataset = onboard(org);
        KeyPair pair = TestKeys.rsa();
        objectStorage.key(TENANCY + "/" + USER + "/" + TestKeys.ociFingerprint(pair), pair.getPublic());
        credentialId = storeCredential(pair);
        objectStorage.put("reports/cost-csv/0001000000000201-00001.csv.gz", report(
                line("a1", "2024-03-03T14:00Z", "1"), line("a2", "2024-03-03T15:00Z", "2")),
                Instant.parse("2024-03-03T20:10:00Z"));
        objectStorage.put("reports/cost-csv/0001000000000202-00001.csv.gz", report(
                line("b1", "2024-03-03T23:00Z", "4"), line("b2", "2024-03-04T00:00Z", "8")),
                Instant.parse("2024-03-04T02:10:00Z"));
        objectStorage.put("reports/cost-csv/0001000000000203-00001.csv.gz", report(
                line("c1", "2024-03-04T05:00Z", "16")), Instant.parse("2024-03-04T08:10:00Z"));
        objectStorage.put("reports/cost-csv/0001000000000204-00001.csv.gz", report(
                line("d1", "2024-03-04T23:00Z", "32"), line("d2", "2024-03-05T00:00Z", "64")),
                Instant.parse("2024-03-05T02:10:00Z"));
        objectStorage.put("reports/usage-csv/0001000000000205-00001.csv.gz", report(
                line("u1", "2024-03-04T01:00Z", "1000")), Instant.parse("2024-03-04T03:00:00Z"));
        ProviderEndpoints all = ProviderEndpoints.allAt("http://127.0.0.1:1");
        ProviderEndpoints endpoints = new ProviderEndpoints(all.openAi(), all.anthropic(), all.gemini(), all.deepSeek(),
                all.bigQuery(), all.awsSts(), all.azureLogin(), all.azureManagement(), all.ociIdentity(), all.awsS3(),
                all.azureBlob(), objectStorage.endpointTemplate());
        OciCostReportReader reader = new OciCostReportReader(endpoints, new SafeHttp(objectStorage.allowList()), clock);
        step = new OciCostLoadStep(loader, vault, properties, clock, reader);
    }

    @AfterAll
    void stopStandIn() {
        objectStorage.close();
    }

    @Test
    @Order(1)
    void aDayLoadsTheReportsWrittenThatDayFollowingThePagesOfTheListing() throws Exception {
        StepResult loaded = run(LocalDate.of(2024, 3, 4));

        assertThat(objectStorage.objectsRead()).containsExactly("reports/cost-csv/0001000000000202-00001.csv.gz",
                "reports/cost-csv/0001000000000203-00001.csv.gz");
        assertThat(objectStorage.listings()).hasSize(2);
        assertThat(objectStorage.listings().getFirst().query()).contains("prefix=reports%2Fcost-csv%2F")
                .contains("fields=name%2Csize%2CtimeCreated").doesNotContain("start=");
        assertThat(objectStorage.listings().get(1).query()).contains("start=reports%2Fcost-csv%2F0001000000000203-00001.csv.gz");
        assertThat(objectStorage.received()).allMatch(ObjectStorageStandIn.Received::verified)
                .allMatch(r -> r.path().startsWith("/" + REGION + "/n/bling/b/" + TENANCY + "/o"));
        assertThat(loaded.rowsProcessed()).isEqualTo(3);
        assertThat(loaded.outputs()).containsEntry("start_date", LocalDate.of(2024, 3, 3))
                .containsEntry("end_date", LocalDate.of(2024, 3, 4));
        assertThat(rawFiles()).containsExactly(
                Map.entry("b1", "reports_cost-csv_0001000000000202-00001.csv.gz"),
                Map.entry("b2", "reports_cost-csv_0001000000000202-00001.csv.gz"),
                Map.entry("c1", "reports_cost-csv_0001000000000203-00001.csv.gz"));
        assertThat(focusByDay()).containsExactly(Map.entry(LocalDate.of(2024, 3, 3), new BigDecimal("4")),
                Map.entry(LocalDate.of(2024, 3, 4), new BigDecimal("24")));
    }

    @Test
    @Order(2)
    void laterReportsAddToEarlierDaysWithoutDeletingTheLinesOfOtherReportsAndReRunsChangeNothing() throws Exception {
        run(LocalDate.of(2024, 3, 5));
        run(LocalDate.of(2024, 3, 3));
        Map<LocalDate, BigDecimal> afterAllDays = focusByDay();
        run(LocalDate.of(2024, 3, 4));

        assertThat(afterAllDays).containsExactly(Map.entry(LocalDate.of(2024, 3, 3), new BigDecimal("7")),
                Map.entry(LocalDate.of(2024, 3, 4), new BigDecimal("56")),
                Map.entry(LocalDate.of(2024, 3, 5), new BigDecimal("64")));
        assertThat(focusByDay()).isEqualTo(afterAllDays);
        assertThat(rawFiles()).hasSize(7).containsKeys("a1", "a2", "b1", "b2", "c1", "d1", "d2").doesNotContainKey("u1");
        assertThat(count("SELECT COUNT(*) AS n FROM ${org}.cost_data_standard_1_3")).isEqualTo(7);
    }

    @Test
    @Order(3)
    void aDayWithoutReportsFailsSayingSo() {
        assertThatThrownBy(() -> run(LocalDate.of(2024, 2, 1)))
                .isInstanceOf(CloudActException.class).hasMessageContaining("holds no billing export for 2024-02-01")
                .extracting(e -> ((CloudActException) e).code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE);
    }

    @Test
    @Order(4)
    void aReportCutShortInTransferFailsAndLoadsNothing() throws Exception {
        byte[] body = report(line("e1", "2024-03-06T01:00Z", "128"));
        objectStorage.putListingSize("reports/cost-csv/0001000000000206-00001.csv.gz", body,
                Instant.parse("2024-03-06T03:00:00Z"), body.length + 10);
        long before = count("SELECT COUNT(*) AS n FROM ${org}.cloud_oci_billing_raw_daily");

        assertThatThrownBy(() -> run(LocalDate.of(2024, 3, 6)))
                .isInstanceOf(CloudActException.class).hasMessageContaining("arrived with " + body.length + " of its "
                        + (body.length + 10) + " bytes");
        assertThat(count("SELECT COUNT(*) AS n FROM ${org}.cloud_oci_billing_raw_daily")).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aRequestSignedWithAnotherKeyIsRefusedByTheStandInAndTheRunFails() throws Exception {
        KeyPair other = TestKeys.otherRsa();
        // The stand-in knows this keyId, but with the first key's public half: only a real signature check refuses it.
        objectStorage.key(TENANCY + "/" + USER + "/" + TestKeys.ociFingerprint(other), TestKeys.rsa().getPublic());
        String otherCredential = storeCredential(other);
        int before = objectStorage.received().size();

        assertThatThrownBy(() -> run(LocalDate.of(2024, 3, 4), otherCredential))
                .isInstanceOf(CloudActException.class)
                .hasMessageContaining("refused listing").hasMessageContaining("HTTP 401 NotAuthenticated")
                .extracting(e -> ((CloudActException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(objectStorage.received().subList(before, objectStorage.received().size()))
                .hasSize(1).noneMatch(ObjectStorageStandIn.Received::verified);
    }

    private StepResult run(LocalDate day) throws Exception {
        return run(day, credentialId);
    }

    /** The pipeline's two steps for one day: the load, then the FOCUS procedure over the days the load touched. */
    private StepResult run(LocalDate day, String credential) throws Exception {
        String runId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>();
        variables.put("org_slug", org.value());
        variables.put("start_date", day);
        variables.put("end_date", day);
        variables.put("credential_id", credential);
        StepResult loaded = step.run(new StepContext(org, dataset, runId, PIPELINE, "load_cost_reports", Map.of(), variables));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("p_org_slug", org.value());
        parameters.put("p_pipeline_id", PIPELINE);
        parameters.put("p_start_date", loaded.outputs().get("start_date"));
        parameters.put("p_end_date", loaded.outputs().get("end_date"));
        parameters.put("p_credential_id", credential);
        parameters.put("p_run_id", runId);
        procedures.call("sp_cloud_oci_convert_to_focus", dataset, parameters);
        return loaded;
    }

    private String storeCredential(KeyPair pair) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("tenancy_ocid", TENANCY);
        key.put("user_ocid", USER);
        key.put("fingerprint", TestKeys.ociFingerprint(pair));
        key.put("private_key", TestKeys.pem(pair));
        key.put("region", REGION);
        return storeCredential(org, Provider.OCI, "OCI_API_KEY", JSON.writeValueAsString(key),
                JSON.writeValueAsString(Map.of("tenancy_ocid", TENANCY, "region", REGION)));
    }

    private static String line(String reference, String start, String cost) {
        Instant from = Instant.parse(start.replace("Z", ":00Z"));
        return String.join(",", reference, TENANCY, start, from.plus(Duration.ofHours(1)).toString(), "COMPUTE",
                "ocid1.compartment.oc1..aaaaaaaareader", "reader", REGION, "1", "B97384", "Standard - E4", cost, cost,
                "USD", "OCPU Hours", "false", "false", "", "web");
    }

    private static byte[] report(String... lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write((HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Map<String, String> rawFiles() {
        return query("SELECT reference_no, x_source_file FROM ${org}.cloud_oci_billing_raw_daily ORDER BY reference_no")
                .stream().collect(Collectors.toMap(r -> r.string("reference_no"), r -> r.string("x_source_file"),
                        (a, b) -> a + "," + b, LinkedHashMap::new));
    }

    private Map<LocalDate, BigDecimal> focusByDay() {
        return query("""
                SELECT x_pipeline_run_date AS day, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3
                GROUP BY x_pipeline_run_date ORDER BY x_pipeline_run_date""").stream()
                .collect(Collectors.toMap(r -> r.date("day"), r -> r.decimal("billed").stripTrailingZeros(),
                        (a, b) -> a, LinkedHashMap::new));
    }

    private long count(String sql) {
        return query(sql).getFirst().longValue("n");
    }

    private List<Row> query(String sql) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of());
    }
}
