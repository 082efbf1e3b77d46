package com.cloudact.localstack;

import com.cloudact.localstack.demo.AwsCurGenerator;
import com.cloudact.localstack.demo.DemoCsv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Imports a generated AWS CUR of about {@code rows} lines (CSV.GZ, then the same lines as Parquet) through the real
 * local stack — HTTP trigger, quota validation, load step, FOCUS conversion — and prints rows/second, wall time and
 * the JVM's peak resident memory, next to the same work done bare in DuckDB: reading the file, and running the FOCUS
 * conversion procedure's SQL directly on the loaded rows. Run it with {@code scripts/bench/aws-cur-import.sh}.
 */
public final class AwsCurImportBenchmark {

    private static final OrgSlug ORG = OrgSlug.of("bench_org");
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 1, 31);

    private AwsCurImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long wanted = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path data = Files.createTempDirectory("cloudact-bench");
        Path imports = Files.createDirectories(data.resolve("imports/bench"));
        int days = (int) (LAST.toEpochDay() - FIRST.toEpochDay() + 1);
        int fleet = (int) Math.max(1, Math.ceil((wanted / (double) days - 5) / 36));

        long started = System.nanoTime();
        DemoCsv.Written cur = new AwsCurGenerator(42, fleet).write(FIRST, LAST, imports);
        Path csv = cur.files().getFirst();
        Path parquet = imports.resolve("aws-cur-2026-01.parquet");
        toParquet(csv, parquet);
        double generated = seconds(started);
        System.out.printf("Generated %,d CUR lines (total unblended %s) in %.1f s: %s (%,d bytes), %s (%,d bytes)%n",
                cur.rows(), cur.total().toPlainString(), generated, csv.getFileName(), Files.size(csv),
                parquet.getFileName(), Files.size(parquet));

        Timing csvRun;
        Timing parquetRun;
        LocalStackSettings settings = LocalStackSettings.forTests(data);
        try (RunningStack stack = LocalStackRunner.start(settings)) {
            String key = onboard(stack);
            csvRun = importFile(stack, key, "bench/" + csv.getFileName());
            parquetRun = importFile(stack, key, "bench/" + parquet.getFileName());
        }
        Bare bare = bare(data.resolve("cloudact.duckdb"), csv, data);

        System.out.println();
        System.out.printf("%-36s %12s %12s %14s%n", "", "wall (s)", "rows", "rows/s");
        print("pipeline, CSV.GZ: whole run", csvRun.wall(), cur.rows());
        print("  load step", csvRun.load(), cur.rows());
        print("  FOCUS conversion step", csvRun.convert(), csvRun.focusRows());
        print("pipeline, Parquet: whole run", parquetRun.wall(), cur.rows());
        print("  load step", parquetRun.load(), cur.rows());
        print("  FOCUS conversion step", parquetRun.convert(), parquetRun.focusRows());
        print("bare DuckDB: read_csv of the file", bare.read(), bare.rows());
        print("bare DuckDB: conversion SQL", bare.convert(), bare.focusRows());
        System.out.println();
        System.out.printf("Overhead (pipeline step / bare SQL): conversion %.2fx, load vs plain read %.2fx%n",
                csvRun.convert() / bare.convert(), csvRun.load() / bare.read());
        System.out.printf("FOCUS BilledCost %s vs generated total %s%n", csvRun.billed().toPlainString(),
                cur.total().toPlainString());
        System.out.printf("Peak resident memory of this JVM (all three services and the benchmark): %,d MB%n",
                peakRssKilobytes() / 1024);
    }

    private record Timing(double wall, double load, double convert, long focusRows, BigDecimal billed) {
    }

    private record Bare(double read, long rows, double convert, long focusRows) {
    }

    private static String onboard(RunningStack stack) {
        Http http = new Http();
        stack.frontend().getBean(AppOrganizations.class).create(ORG, "Bench Co", Plan.ENTERPRISE, "active", null);
        Http.Response onboard = http.postJson(stack.apiUrl().resolve("/api/v1/organizations/onboard"),
                Map.of("X-CA-Root-Key", stack.settings().rootKey()), Map.of("org_slug", ORG.value(),
                        "company_name", "Bench Co", "admin_email", "bench@example.com", "subscription_plan", "ENTERPRISE"));
        if (onboard.status() != 200) {
            throw new IllegalStateException("Onboarding failed: " + onboard.text());
        }
        AppOrganizations organizations = stack.frontend().getBean(AppOrganizations.class);
        CredentialCipher cipher = stack.frontend().getBean(CredentialCipher.class);
        return cipher.decryptString(organizations.encryptedApiKey(ORG).orElseThrow(), AppOrganizations.apiKeyContext(ORG));
    }

    private static Timing importFile(RunningStack stack, String key, String filePath) {
        Http http = new Http();
        URI trigger = stack.pipelineUrl().resolve("/api/v1/pipelines/run/" + ORG + "/cloud/aws/cost/billing?wait=true");
        long started = System.nanoTime();
        Http.Response run = http.postJson(trigger, Map.of("X-API-Key", key), Map.of("file_path", filePath));
        double wall = seconds(started);
        if (run.status() != 200 || !"COMPLETED".equals(run.json().path("status").asString())) {
            throw new IllegalStateException("The run did not complete: " + run.text());
        }
        JsonNode detail = http.get(stack.apiUrl().resolve("/api/v1/pipelines/" + ORG + "/runs/"
                + run.json().path("pipeline_logging_id").asString()), Map.of("X-API-Key", key)).json();
        double load = 0;
        double convert = 0;
        for (JsonNode step : detail.path("steps")) {
            double duration = step.path("duration_ms").asLong() / 1000.0;
            if (step.path("step_name").asString().contains("load")) {
                load = duration;
            } else if (step.path("step_name").asString().contains("convert")) {
                convert = duration;
            }
        }
        JsonNode summary = http.get(stack.apiUrl().resolve("/api/v1/costs/" + ORG
                + "/summary?start_date=2026-01-01&end_date=2026-01-31"), Map.of("X-API-Key", key)).json();
        return new Timing(wall, load, convert, summary.path("summary").path("record_count").asLong(),
                summary.path("summary").path("total_billed_cost").decimalValue());
    }

    /**
     * The same work without the service: DuckDB reading the file, and the conversion procedure's SQL (parameters
     * filled in) writing into a scratch copy of the FOCUS table, on the rows the pipeline loaded.
     */
    private static Bare bare(Path database, Path csv, Path data) throws IOException, SQLException {
        String dataset = ORG.value() + "_local";
        String procedure;
        try (InputStream in = AwsCurImportBenchmark.class.getResourceAsStream(
                "/procedures/duckdb/sp_cloud_aws_convert_to_focus.sql")) {
            procedure = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String sql = procedure.replace("${org}.cost_data_standard_1_3", "bare.cost_data_standard_1_3")
                .replace("${org}", "\"" + dataset + "\"").replace("${central}", "organizations")
                .replace("@p_org_slug", "'" + ORG.value() + "'").replace("@p_pipeline_id", "'cloud/aws/cost/billing'")
                .replace("@p_start_date", "DATE '2026-01-01'").replace("@p_end_date", "DATE '2026-01-01'")
                .replace("CAST(@p_credential_id AS VARCHAR) IS NULL", "TRUE")
                .replace("@p_credential_id", "NULL").replace("@p_run_id", "'bare'");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:" + database);
             Statement s = duckdb.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            long started = System.nanoTime();
            long rows;
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM read_csv('" + csv + "', header = true, "
                    + "all_varchar = true)")) {
                r.next();
                rows = r.getLong(1);
            }
            double read = seconds(started);
            s.execute("CREATE SCHEMA bare");
            s.execute("CREATE TABLE bare.cost_data_standard_1_3 AS SELECT * FROM \"" + dataset
                    + "\".cost_data_standard_1_3 LIMIT 0");
            started = System.nanoTime();
            s.execute("BEGIN TRANSACTION");
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
            s.execute("COMMIT");
            double convert = seconds(started);
            long focusRows;
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM bare.cost_data_standard_1_3")) {
                r.next();
                focusRows = r.getLong(1);
            }
            return new Bare(read, rows, convert, focusRows);
        }
    }

    /** The statements of a script without its comment lines. */
    private static String[] statements(String script) {
        return script.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).split(";\\s*\n");
    }

    private static void toParquet(Path csv, Path parquet) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true, all_varchar = true)) TO '" + parquet
                    + "' (FORMAT PARQUET)");
        }
    }

    private static void print(String what, double seconds, long rows) {
        System.out.printf("%-36s %12.2f %,12d %,14.0f%n", what, seconds, rows, rows / Math.max(seconds, 1e-9));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** VmHWM: the most resident memory this process has held. */
    private static long peakRssKilobytes() throws IOException {
        Matcher m = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/self/status")));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
