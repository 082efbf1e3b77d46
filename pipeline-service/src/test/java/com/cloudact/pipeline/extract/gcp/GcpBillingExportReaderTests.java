package com.cloudact.pipeline.extract.gcp;

import static com.cloudact.pipeline.extract.gcp.BigQueryStandIn.Column.of;
import static com.cloudact.pipeline.extract.gcp.BigQueryStandIn.Column.record;
import static com.cloudact.pipeline.extract.gcp.BigQueryStandIn.Column.repeated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.CsvLine;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.procedures.ProcedureLibrary;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BigQuery export reader with the real google-cloud-bigquery client against local stand-ins of Google's token
 * endpoint ({@link GoogleStandIn}, which verifies the signed assertion) and of the BigQuery REST API
 * ({@link BigQueryStandIn}); the lines it writes are loaded by the GCP load step with a credential stored in the
 * vault, as a scheduled run does, and converted to FOCUS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcpBillingExportReaderTests extends PipelineIntegrationTest {

    private static final String EMAIL = "cloudact-billing@acme-reader-123.iam.gserviceaccount.com";
    private static final String JOB_PROJECT = "acme-reader-123";
    private static final String TABLE = "acme-billing.billing_export.gcp_billing_export_resource_v1_01A2B3_C4D5E6_F7A8B9";
    private static final String BILLING_ACCOUNT = "01A2B3-C4D5E6-F7A8B9";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<BigQueryStandIn.Column> SCHEMA = List.of(
            of("billing_account_id", "STRING"),
            record("service", of("id", "STRING"), of("description", "STRING")),
            record("sku", of("id", "STRING"), of("description", "STRING")),
            of("usage_start_time", "TIMESTAMP"),
            of("usage_end_time", "TIMESTAMP"),
            record("project", of("id", "STRING"), of("number", "STRING"), of("name", "STRING"),
                    repeated("labels", of("key", "STRING"), of("value", "STRING")), of("ancestry_numbers", "STRING")),
            repeated("labels", of("key", "STRING"), of("value", "STRING")),
            repeated("system_labels", of("key", "STRING"), of("value", "STRING")),
            record("location", of("location", "STRING"), of("country", "STRING"), of("region", "STRING"),
                    of("zone", "STRING")),
            record("resource", of("name", "STRING"), of("global_name", "STRING")),
            repeated("tags", of("key", "STRING"), of("value", "STRING"), of("inherited", "BOOLEAN"),
                    of("namespace", "STRING")),
            of("export_time", "TIMESTAMP"),
            of("cost", "FLOAT"),
            of("currency", "STRING"),
            of("currency_conversion_rate", "FLOAT"),
            record("usage", of("amount", "FLOAT"), of("unit", "STRING"), of("amount_in_pricing_units", "FLOAT"),
                    of("pricing_unit", "STRING")),
            repeated("credits", of("name", "STRING"), of("amount", "FLOAT"), of("full_name", "STRING"),
                    of("id", "STRING"), of("type", "STRING")),
            record("invoice", of("month", "STRING")),
            of("cost_type", "STRING"),
            record("adjustment_info", of("id", "STRING"), of("description", "STRING"), of("mode", "STRING"),
                    of("type", "STRING")),
            record("price", of("effective_price", "NUMERIC"), of("tier_start_amount", "NUMERIC"), of("unit", "STRING"),
                    of("pricing_unit_quantity", "NUMERIC")),
            of("cost_at_list", "FLOAT"),
            of("seller_name", "STRING"));

    @Autowired
    private BillingFileLoader loader;

    @Autowired
    private CredentialVault vault;

    @Autowired
    private CredentialCipher cipher;

    @Autowired
    private PipelineProperties properties;

    @Autowired
    private Clock clock;

    @Autowired
    private ProcedureLibrary procedures;

    @TempDir
    Path downloads;

    private final OrgSlug org = OrgSlug.of("gcp_reader_org");
    private DatasetName dataset;
    private GoogleStandIn google;
    private BigQueryStandIn bigQuery;
    private SafeHttp http;
    private GcpBillingExportReader reader;
    private String keyFile;

    @BeforeAll
    void createOrg() {
        dataset = onboard(org);
    }

    @BeforeEach
    void startStandIns() {
        google = new GoogleStandIn();
        google.trust(EMAIL, TestKeys.rsa().getPublic(), JOB_PROJECT);
        bigQuery = new BigQueryStandIn(google, TABLE, SCHEMA, 2);
        bigQuery.grant(EMAIL, JOB_PROJECT, "acme-billing");
        Set<String> allowed = new HashSet<>(google.allowList());
        allowed.addAll(bigQuery.allowList());
        http = new SafeHttp(allowed);
        reader = reader(3);
        keyFile = TestKeys.serviceAccountJson(JOB_PROJECT, EMAIL, TestKeys.rsa(), google.tokenUrl());
        bigQuery.add(line("2024-03-01T10:00:00Z", "2024-03-02T02:00:00Z", "Compute Engine", "0.90", List.of(), List.of()));
        bigQuery.add(line("2024-03-03T10:00:00Z", "2024-03-04T02:00:00.250Z", "Compute Engine", "1.25",
                List.of(label("env", "prod"), label("team", "team-data")),
                List.of(credit("Sustained Usage Discount", "-0.125", "SustainedUsageDiscount:e2", "SUSTAINED_USAGE_DISCOUNT"))));
        bigQuery.add(line("2024-03-03T11:00:00Z", "2024-03-04T02:00:00Z", "Cloud Storage", "0.04", List.of(), List.of()));
        bigQuery.add(line("2024-03-04T09:00:00Z", "2024-03-05T01:00:00Z", "BigQuery", "0.5", List.of(),
                List.of(credit("Free Trial", "-0.5", "FreeTrial:0A1B", "PROMOTION"))));
        bigQuery.add(line("2024-03-04T10:00:00Z", "2024-03-05T01:00:00.123456Z", "Compute Engine", "2.0",
                List.of(label("cost_center", "dept-eng")),
                List.of(credit("Committed Usage Discount: CPU", "-1.5", "CommittedUsageDiscount:abc", "COMMITTED_USAGE_DISCOUNT"))));
        bigQuery.add(line("2024-03-05T08:00:00Z", "2024-03-06T03:00:00Z", "Compute Engine", "0.75", List.of(), List.of()));
        Map<String, Object> tax = line("2024-03-05T09:00:00Z", "2024-03-06T03:00:00Z", "Invoice", "0.3", List.of(), List.of());
        tax.put("cost_type", "tax");
        bigQuery.add(tax);
    }

    @AfterEach
    void stopStandIns() {
        http.close();
        bigQuery.close();
        google.close();
    }

    @Test
    void aScheduledRunReadsTheWindowThenOnlyTheDaysWhoseExportChanged() throws Exception {
        String credential = storeCredential(Map.of("billing_export_table", TABLE));

        StepResult first = step().run(context(LocalDate.of(2024, 3, 5)));

        assertThat(first.rowsProcessed()).isEqualTo(6);
        assertThat(first.outputs()).containsEntry("start_date", LocalDate.of(2024, 3, 3))
                .containsEntry("end_date", LocalDate.of(2024, 3, 5));
        assertThat(google.verifiedAssertions()).isNotEmpty().allSatisfy(jwt -> {
            assertThat(jwt.claims().path("iss").asString()).isEqualTo(EMAIL);
            assertThat(jwt.claims().path("scope").asString()).isEqualTo(BigQueryStandIn.SCOPE);
        });
        List<BigQueryStandIn.ReceivedQuery> queries = bigQuery.queries();
        assertThat(queries).hasSize(2);
        BigQueryStandIn.ReceivedQuery scan = queries.get(0);
        assertThat(scan.project()).isEqualTo(JOB_PROJECT);
        assertThat(scan.legacySql()).isFalse();
        assertThat(scan.sql()).contains("FROM `" + TABLE + "`").contains("@first_day").contains("@last_day")
                .doesNotContain("2024-");
        assertThat(scan.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("first_day", "2024-03-02",
                "last_day", "2024-03-05"));
        assertThat(scan.types()).containsEntry("first_day", "DATE").containsEntry("last_day", "DATE");
        BigQueryStandIn.ReceivedQuery lines = queries.get(1);
        assertThat(lines.sql()).contains("FROM `" + TABLE + "`").contains("IN UNNEST(@usage_days)").doesNotContain("2024-");
        assertThat(lines.types()).containsEntry("usage_days", "ARRAY<DATE>");
        assertThat(lines.parameters().get("usage_days")).isEqualTo(List.of("2024-03-03", "2024-03-04", "2024-03-05"));
        assertThat(bigQuery.requestsTo("/bigquery/v2/projects/" + JOB_PROJECT + "/datasets/"))
                .as("the SDK reads the pages after jobs.query's first from the job's destination table, by page token")
                .hasSize(3).allSatisfy(r -> assertThat(r.rawQuery()).contains("pageToken="));
        assertThat(bigQuery.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer ya29.standin-"));

        Row raw = rawTotals(credential);
        assertThat(raw.longValue("n")).isEqualTo(6);
        assertThat(raw.decimal("cost")).isEqualByComparingTo("4.84");
        assertThat(raw.decimal("credits")).isEqualByComparingTo("-2.125");
        Row covered = rawLine(credential, "2024-03-04 10:00:00");
        assertThat(covered.instant("export_time")).isEqualTo(Instant.parse("2024-03-05T01:00:00.123456Z"));
        assertThat(JSON.readTree(covered.string("labels"))).isEqualTo(JSON.readTree("{\"cost_center\":\"dept-eng\"}"));
        assertThat(JSON.readTree(covered.string("project_labels"))).isEqualTo(JSON.readTree("{\"owner\":\"finops\"}"));
        assertThat(JSON.readTree(covered.string("credits")).get(0).path("id").asString()).isEqualTo("CommittedUsageDiscount:abc");
        assertThat(covered.string("service_description")).isEqualTo("Compute Engine");
        assertThat(covered.decimal("usage_amount_in_pricing_units")).isEqualByComparingTo("1");
        assertThat(covered.string("invoice_month")).isEqualTo("202403");
        assertThat(covered.string("resource_global_name")).isEqualTo("//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/7");
        assertThat(covered.decimal("price_effective_price")).isEqualByComparingTo("0.021811");
        assertThat(covered.string("x_source_file")).isEqualTo("gcp-billing-export-2024-03-03-2024-03-05.csv");
        assertThat(JSON.readTree(covered.string("tags"))).isEqualTo(JSON.readTree(
                "[{\"key\":\"environment\",\"value\":\"production\",\"inherited\":true,\"namespace\":\"123456789012\"}]"));

        convert(credential, (LocalDate) first.outputs().get("start_date"), (LocalDate) first.outputs().get("end_date"));
        Row focus = focusTotals(credential);
        assertThat(focus.longValue("n")).isEqualTo(9);
        assertThat(focus.decimal("billed")).isEqualByComparingTo("2.715");
        assertThat(focus.decimal("effective")).isEqualByComparingTo("2.715");

        // A late line for March 3rd arrives; March 4th and 5th are unchanged; the run is for March 6th (no lines yet).
        bigQuery.add(line("2024-03-03T12:00:00Z", "2024-03-06T05:00:00Z", "Compute Engine", "0.1", List.of(),
                List.of(credit("Sustained Usage Discount", "-0.01", "SustainedUsageDiscount:e2", "SUSTAINED_USAGE_DISCOUNT"))));
        String firstRun = runIdOf(credential, LocalDate.of(2024, 3, 4));

        StepResult second = step().run(context(LocalDate.of(2024, 3, 6)));

        assertThat(second.rowsProcessed()).isEqualTo(3);
        assertThat(second.outputs()).containsEntry("start_date", LocalDate.of(2024, 3, 3))
                .containsEntry("end_date", LocalDate.of(2024, 3, 3));
        assertThat(bigQuery.queries()).hasSize(4);
        assertThat(bigQuery.queries().get(2).parameters()).containsEntry("first_day", "2024-03-03")
                .containsEntry("last_day", "2024-03-06");
        assertThat(bigQuery.queries().get(3).parameters().get("usage_days")).isEqualTo(List.of("2024-03-03"));
        assertThat(runIdOf(credential, LocalDate.of(2024, 3, 4))).as("an unchanged day is not read again").isEqualTo(firstRun);
        assertThat(runIdOf(credential, LocalDate.of(2024, 3, 3))).isNotEqualTo(firstRun);
        assertThat(rawTotals(credential).longValue("n")).isEqualTo(7);
        assertThat(rawTotals(credential).decimal("cost")).isEqualByComparingTo("4.94");
        convert(credential, LocalDate.of(2024, 3, 3), LocalDate.of(2024, 3, 3));
        assertThat(focusTotals(credential).decimal("billed")).isEqualByComparingTo("2.805");
        assertThat(focusTotals(credential).longValue("n")).isEqualTo(11);

        // Nothing changed since: only the days are compared, no line is read, and the run says there is nothing.
        assertThatThrownBy(() -> step().run(context(LocalDate.of(2024, 3, 6))))
                .isInstanceOf(CloudActException.class).hasMessageContaining("holds no billing export for 2024-03-06");
        assertThat(bigQuery.queries()).hasSize(5);
        assertThat(bigQuery.queries().get(4).sql()).contains("GROUP BY usage_day");
        assertThat(rawTotals(credential).longValue("n")).isEqualTo(7);
    }

    @Test
    void aQueryStillRunningWhenJobsQueryAnswersIsWaitedForThenPaged() throws Exception {
        bigQuery.answerQueriesAsRunning(true);
        Map<String, Object> bothExports = Map.of("billing_export_table",
                "acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9", "detailed_export_table", TABLE);

        List<Path> files = reader(4).download(request(bothExports), downloads);

        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.getFileName().toString()).isEqualTo("gcp-billing-export-2024-03-01-2024-03-05.csv");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(8);
            assertThat(CsvLine.parse(lines.getFirst())).startsWith("billing_account_id", "service.id",
                    "service.description", "sku.id", "sku.description", "usage_start_time", "usage_end_time", "project.id",
                    "project.number", "project.name", "project.labels", "project.ancestry_numbers", "labels");
        });
        assertThat(bigQuery.requestsTo("/bigquery/v2/projects/" + JOB_PROJECT + "/queries/"))
                .as("jobs.getQueryResults tells when the running job is done").isNotEmpty();
        assertThat(bigQuery.requestsTo("/bigquery/v2/projects/" + JOB_PROJECT + "/jobs/")).isNotEmpty();
        assertThat(bigQuery.queries()).as("the detailed export is read, not also the standard one")
                .allSatisfy(q -> assertThat(q.sql()).contains("FROM `" + TABLE + "`"));
    }

    @Test
    void aTableNameThatIsNotProjectDatasetTableIsRefusedBeforeAnythingIsSent() {
        for (String table : List.of(TABLE + "` WHERE TRUE; DROP TABLE x; --", "billing_export.gcp_billing_export_v1_X",
                "acme-billing.billing export.gcp_billing_export_v1_X", "acme-billing.billing_export.t`", "", "a.b.c")) {
            assertThatThrownBy(() -> reader.download(request(Map.of("billing_export_table", table)), downloads))
                    .as(table).isInstanceOf(CloudActException.class)
                    .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED))
                    .hasMessageContaining("billing_export_table");
        }
        assertThatThrownBy(() -> reader.download(request(Map.of()), downloads))
                .hasMessageContaining("billing_export_table");
        assertThat(google.requests()).isEmpty();
        assertThat(bigQuery.requests()).isEmpty();
    }

    @Test
    void refusalsOfGoogleAndBigQueryNameTheirCause() {
        String elsewhere = "acme-billing.billing_export.gcp_billing_export_v1_OTHER";
        assertThatThrownBy(() -> reader.download(request(Map.of("billing_export_table", elsewhere)), downloads))
                .isInstanceOf(CloudActException.class).hasMessageContaining("was not found")
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED));

        bigQuery.grant(EMAIL, JOB_PROJECT);
        assertThatThrownBy(() -> reader.download(request(Map.of("billing_export_table", TABLE)), downloads))
                .isInstanceOf(CloudActException.class)
                .hasMessageContaining("roles/bigquery.dataViewer").hasMessageContaining("Access Denied: Table")
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));

        keyFile = TestKeys.serviceAccountJson(JOB_PROJECT, EMAIL, TestKeys.otherRsa(), google.tokenUrl());
        int queriesBefore = bigQuery.queries().size();
        assertThatThrownBy(() -> reader.download(request(Map.of("billing_export_table", TABLE)), downloads))
                .isInstanceOf(CloudActException.class).hasMessageContaining("Google refused the service account")
                .hasMessageContaining("Invalid JWT Signature")
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(bigQuery.queries()).hasSize(queriesBefore);
    }

    private GcpBillingExportReader reader(int lookbackDays) {
        return new GcpBillingExportReader(ProviderEndpoints.allAt(bigQuery.baseUrl()), http, warehouse,
                DeploymentEnv.LOCAL, lookbackDays);
    }

    private GcpBillingLoadStep step() {
        return new GcpBillingLoadStep(loader, vault, properties, clock, reader);
    }

    private StepContext context(LocalDate day) {
        return new StepContext(org, dataset, UUID.randomUUID().toString(), "cloud/gcp/cost/billing",
                "load_billing_export", Map.of(), Map.of("start_date", day, "end_date", day));
    }

    private ExportLocationReader.Request request(Map<String, Object> metadata) {
        StoredCredential credential = new StoredCredential("cred-direct", org, Provider.GCP, "GCP billing",
                "SERVICE_ACCOUNT_JSON", "abcd", JOB_PROJECT, "VALID", Instant.now(), null, null, Instant.now(), null,
                null, null);
        return new ExportLocationReader.Request(credential, keyFile, metadata, LocalDate.of(2024, 3, 5),
                LocalDate.of(2024, 3, 5));
    }

    /** Stores the key file as the org's only credential, as the integration setup does; the credential id. */
    private String storeCredential(Map<String, Object> metadata) {
        warehouse.execute(SqlText.of("DELETE FROM ${c}.org_integration_credentials WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value()));
        return storeCredential(org, Provider.GCP, "SERVICE_ACCOUNT_JSON", keyFile, JSON.writeValueAsString(metadata));
    }

    private void convert(String credential, LocalDate start, LocalDate end) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("p_org_slug", org.value());
        params.put("p_pipeline_id", "cloud/gcp/cost/billing");
        params.put("p_start_date", start);
        params.put("p_end_date", end);
        params.put("p_credential_id", credential);
        params.put("p_run_id", UUID.randomUUID().toString());
        procedures.call("sp_cloud_gcp_convert_to_focus", dataset, params);
    }

    private Row rawTotals(String credential) {
        return warehouse.query(SqlText.of("""
                SELECT COUNT(*) AS n, SUM(cost) AS cost, SUM(credits_total) AS credits
                FROM ${ds}.cloud_gcp_billing_raw_daily WHERE x_credential_id = @credential""").with("ds", dataset),
                Map.of("credential", credential)).getFirst();
    }

    private Row rawLine(String credential, String start) {
        return warehouse.query(SqlText.of("""
                SELECT *, CAST(labels_json AS VARCHAR) AS labels, CAST(project_labels_json AS VARCHAR) AS project_labels,
                       CAST(credits_json AS VARCHAR) AS credits, CAST(tags_json AS VARCHAR) AS tags
                FROM ${ds}.cloud_gcp_billing_raw_daily
                WHERE x_credential_id = @credential AND usage_start_time = CAST(@start AS TIMESTAMP)""").with("ds", dataset),
                Map.of("credential", credential, "start", start)).getFirst();
    }

    private String runIdOf(String credential, LocalDate day) {
        List<Row> runs = warehouse.query(SqlText.of("""
                SELECT DISTINCT x_run_id AS run FROM ${ds}.cloud_gcp_billing_raw_daily
                WHERE x_credential_id = @credential AND x_pipeline_run_date = @day""").with("ds", dataset),
                Map.of("credential", credential, "day", day));
        assertThat(runs).hasSize(1);
        return runs.getFirst().string("run");
    }

    private Row focusTotals(String credential) {
        return warehouse.query(SqlText.of("""
                SELECT COUNT(*) AS n, SUM(BilledCost) AS billed, SUM(EffectiveCost) AS effective
                FROM ${ds}.cost_data_standard_1_3 WHERE x_credential_id = @credential""").with("ds", dataset),
                Map.of("credential", credential)).getFirst();
    }

    /** One line of the export table, as BigQuery holds it (records as maps, repeated fields as lists). */
    private static Map<String, Object> line(String start, String exported, String service, String cost,
                                            List<Map<String, Object>> labels, List<Map<String, Object>> credits) {
        Instant startTime = Instant.parse(start);
        Map<String, Object> line = new HashMap<>();
        line.put("billing_account_id", BILLING_ACCOUNT);
        line.put("service", Map.of("id", "6F81-5844-456A", "description", service));
        line.put("sku", Map.of("id", "CF4E-A0C7-E3BF", "description", "E2 Instance Core running in Americas"));
        line.put("usage_start_time", startTime);
        line.put("usage_end_time", startTime.plusSeconds(3600));
        line.put("project", Map.of("id", "acme-prod", "number", "123456789012", "name", "Acme Production",
                "labels", List.of(label("owner", "finops")), "ancestry_numbers", "/111/222/"));
        line.put("labels", labels);
        line.put("system_labels", List.of(label("compute.googleapis.com/cores", "2")));
        line.put("location", Map.of("location", "us-central1", "country", "US", "region", "us-central1",
                "zone", "us-central1-a"));
        line.put("resource", Map.of("name", "instance-7",
                "global_name", "//compute.googleapis.com/projects/acme-prod/zones/us-central1-a/instances/7"));
        line.put("tags", List.of(Map.of("key", "environment", "value", "production", "inherited", true,
                "namespace", "123456789012")));
        line.put("export_time", Instant.parse(exported));
        line.put("cost", new BigDecimal(cost));
        line.put("currency", "USD");
        line.put("currency_conversion_rate", BigDecimal.ONE);
        line.put("usage", Map.of("amount", new BigDecimal("3600"), "unit", "seconds",
                "amount_in_pricing_units", BigDecimal.ONE, "pricing_unit", "hour"));
        line.put("credits", credits);
        line.put("invoice", Map.of("month", "202403"));
        line.put("cost_type", "regular");
        line.put("price", Map.of("effective_price", new BigDecimal("0.021811"), "tier_start_amount", BigDecimal.ZERO,
                "unit", "hour", "pricing_unit_quantity", BigDecimal.ONE));
        line.put("cost_at_list", new BigDecimal(cost));
        line.put("seller_name", "Google");
        return line;
    }

    private static Map<String, Object> label(String key, String value) {
        return Map.of("key", key, "value", value);
    }

    private static Map<String, Object> credit(String name, String amount, String id, String type) {
        return Map.of("name", name, "amount", new BigDecimal(amount), "full_name", name, "id", id, "type", type);
    }
}
