package com.cloudact.pipeline.extract.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.engine.RunOutcome;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.standins.AwsStandIns;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
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
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The AWS billing pipeline reading the Cost and Usage Report from S3 (a stand-in that checks SigV4) with the org's
 * stored credential, following manifests; and CUR 2.0 in CSV.GZ and Parquet giving exactly what CUR 1.0 gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCurExportLocationTests extends PipelineIntegrationTest {

    private static final PipelinePath AWS_BILLING = PipelinePath.of("cloud", "aws", "cost", "billing");
    private static final String BUCKET = "acme-billing";
    private static final String ROLE = "arn:aws:iam::999900001111:role/CloudActBillingReader";
    private static final String EXTERNAL_ID = "cloudact-ext-1234";
    /** The hand-made CUR 1.0 file's totals (see {@code AwsBillingPipelineTests}). */
    private static final String BILLED = "44.18";

    @TempDir
    Path scratch;

    private final OrgSlug org = OrgSlug.of("aws_s3_org");
    private DatasetName dataset;

    @BeforeAll
    void createOrg() {
        dataset = onboard(org);
        AwsStandIns.STS.role(ROLE, EXTERNAL_ID, AwsStandIns.PLATFORM_ARN);
    }

    @Test
    void cur2ReadFromS3FollowingItsManifestMatchesTheFileUpload() throws IOException {
        String credential = storeCredential(org, Provider.AWS, "AWS_ACCESS_KEYS", accessKeys(AwsStandIns.CUSTOMER_SECRET),
                metadata("exports", "cloudact-cur2"));
        byte[] part = gzip(cur2Csv(fixture("cur-commitments.csv")));
        String data = "exports/cloudact-cur2/data/BILLING_PERIOD=2024-02/cloudact-cur2-00001.csv.gz";
        AwsStandIns.S3.put(BUCKET, data, part);
        AwsStandIns.S3.put(BUCKET, "exports/cloudact-cur2/metadata/BILLING_PERIOD=2024-02/cloudact-cur2-Manifest.json",
                ("{\"executionId\":\"e-1\",\"dataFiles\":[\"s3://" + BUCKET + "/" + data + "\"]}")
                        .getBytes(StandardCharsets.UTF_8));

        RunOutcome outcome = run(credential, LocalDate.of(2024, 2, 10), null);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row totals = totals(credential);
        assertThat(totals.longValue("n")).isEqualTo(9);
        assertThat(totals.decimal("billed")).isEqualByComparingTo(BILLED);
        assertThat(focus("SELECT Tags, ServiceName FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @c "
                + "AND x_source_record_id = 'u1'", credential).getFirst().string("ServiceName"))
                .isEqualTo("Amazon Elastic Compute Cloud");
        assertThat(AwsStandIns.S3.gets()).contains(BUCKET + "/" + data);
    }

    @Test
    void cur1ReadWithAnAssumedRoleReadsOnlyTheNewestManifestsFiles() throws IOException {
        String credential = storeCredential(org, Provider.AWS, "AWS_IAM_ROLE",
                "{\"auth_type\":\"iam_role\",\"role_arn\":\"" + ROLE + "\",\"external_id\":\"" + EXTERNAL_ID + "\"}",
                metadata("cur1", "daily"));
        String folder = "cur1/daily/20240201-20240301/";
        AwsStandIns.S3.put(BUCKET, folder + "old-assembly/daily-00001.csv.gz", gzip("not,a,cur\n1,2,3\n"
                .getBytes(StandardCharsets.UTF_8)));
        AwsStandIns.S3.put(BUCKET, folder + "new-assembly/daily-00001.csv.gz",
                gzip(Files.readAllBytes(fixture("cur-commitments.csv"))));
        AwsStandIns.S3.put(BUCKET, folder + "daily-Manifest.json", ("{\"assemblyId\":\"new-assembly\",\"compression\":"
                + "\"GZIP\",\"reportKeys\":[\"" + folder + "new-assembly/daily-00001.csv.gz\"]}")
                .getBytes(StandardCharsets.UTF_8));

        RunOutcome outcome = run(credential, LocalDate.of(2024, 2, 28), null);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        assertThat(totals(credential).decimal("billed")).isEqualByComparingTo(BILLED);
        assertThat(AwsStandIns.S3.gets()).noneMatch(g -> g.contains("old-assembly"));
    }

    @Test
    void cur2ParquetUploadGivesTheSameRowsAsTheCsv() throws IOException, SQLException {
        Path csv = scratch.resolve("cur2.csv");
        Files.write(csv, cur2Csv(fixture("cur-commitments.csv")));
        Path parquet = scratch.resolve("cur2.snappy.parquet");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            // Tags as a real Parquet MAP column, the way Data Exports writes them.
            s.execute("COPY (SELECT * REPLACE (CAST(json_transform(resource_tags, '\"MAP(VARCHAR, VARCHAR)\"') AS "
                    + "MAP(VARCHAR, VARCHAR)) AS resource_tags) FROM read_csv('" + csv + "', header = true, all_varchar = true)) "
                    + "TO '" + parquet + "' (FORMAT PARQUET)");
        }

        RunOutcome outcome = run(null, null, parquet);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Row totals = totals("upload_999900001111");
        assertThat(totals.longValue("n")).isEqualTo(9);
        assertThat(totals.decimal("billed")).isEqualByComparingTo(BILLED);
        assertThat(focus("SELECT Tags FROM ${org}.cost_data_standard_1_3 WHERE x_credential_id = @c "
                + "AND x_source_record_id = 'u1'", "upload_999900001111").getFirst().string("Tags"))
                .contains("\"user:team\":\"web\"");
    }

    @Test
    void aMonthWithoutAReportOrWithWrongKeysFailsTheRunClearly() {
        String missing = storeCredential(org, Provider.AWS, "AWS_ACCESS_KEYS", accessKeys(AwsStandIns.CUSTOMER_SECRET),
                metadata("nothing-here", "none"));
        String wrongKeys = storeCredential(org, Provider.AWS, "AWS_ACCESS_KEYS",
                accessKeys("WrongSecretKey00000000000000000000000/+="), metadata("exports", "cloudact-cur2"));

        RunOutcome none = run(missing, LocalDate.of(2023, 6, 1), null);
        RunOutcome refused = run(wrongKeys, LocalDate.of(2024, 2, 10), null);

        assertThat(none.status()).isEqualTo(RunStatus.FAILED);
        assertThat(none.error()).contains("no billing export for 2023-06-01");
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.error()).contains("S3 refused").contains("SignatureDoesNotMatch")
                .doesNotContain("WrongSecretKey");
    }

    /**
     * The same lines as a CUR 2.0 (Data Exports) file: snake_case names, product attributes and tags in map columns.
     */
    static byte[] cur2Csv(Path cur1) throws IOException {
        List<String> lines = Files.readAllLines(cur1, StandardCharsets.UTF_8);
        List<String> header = com.cloudact.model.CsvLine.parse(lines.getFirst());
        StringBuilder out = new StringBuilder();
        List<Integer> plain = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (!h.startsWith("product/") && !h.startsWith("resourceTags/")) {
                plain.add(i);
                names.add(snake(h));
            }
        }
        names.add("product");
        names.add("resource_tags");
        out.append(String.join(",", names)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            List<String> values = com.cloudact.model.CsvLine.parse(line);
            List<String> row = new java.util.ArrayList<>();
            plain.forEach(i -> row.add(csv(i < values.size() ? values.get(i) : "")));
            Map<String, String> product = new java.util.LinkedHashMap<>();
            Map<String, String> tags = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < values.size(); i++) {
                if (values.get(i).isEmpty()) {
                    continue;
                }
                if (header.get(i).startsWith("product/")) {
                    product.put(snake(header.get(i).substring("product/".length())), values.get(i));
                } else if (header.get(i).startsWith("resourceTags/")) {
                    tags.put(header.get(i).substring("resourceTags/".length()), values.get(i));
                }
            }
            row.add(csv(json(product)));
            row.add(csv(json(tags)));
            out.append(String.join(",", row)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code lineItem/UnblendedCost} → {@code line_item_unblended_cost}, as AWS renamed the columns. */
    private static String snake(String name) {
        return name.replace('/', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String json(Map<String, String> map) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(map);
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static String accessKeys(String secret) {
        return "{\"auth_type\":\"access_keys\",\"access_key_id\":\"" + AwsStandIns.CUSTOMER_KEY_ID
                + "\",\"secret_access_key\":\"" + secret + "\"}";
    }

    private static String metadata(String prefix, String report) {
        return "{\"cur_bucket\":\"" + BUCKET + "\",\"cur_prefix\":\"" + prefix + "\",\"cur_report_name\":\"" + report
                + "\",\"region\":\"us-east-1\"}";
    }

    private RunOutcome run(String credentialId, LocalDate date, Path upload) {
        Map<String, Object> variables = upload == null ? new HashMap<>() : upload(upload);
        if (credentialId != null) {
            variables.put("credential_id", credentialId);
        }
        if (date != null) {
            variables.put("start_date", date);
            variables.put("end_date", date);
        }
        return runPipeline(AWS_BILLING, org, dataset, variables);
    }

    private Row totals(String credential) {
        return focus("SELECT COUNT(*) AS n, SUM(BilledCost) AS billed FROM ${org}.cost_data_standard_1_3 "
                + "WHERE x_credential_id = @c", credential).getFirst();
    }

    private List<Row> focus(String sql, String credential) {
        return warehouse.query(SqlText.of(sql).with("org", dataset), Map.of("c", credential));
    }

    private static Path fixture(String name) {
        try {
            return Path.of(AwsCurExportLocationTests.class.getResource("/fixtures/billing/aws/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
