package com.cloudact.pipeline.extract.gcp;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.providers.BlockedDestinationException;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.gcp.GcpAccessTokens;
import com.cloudact.platform.providers.gcp.GcpServiceAccount;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.http.HttpTransportOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads the customer's GCP billing export table (standard or detailed usage cost) with the customer's service
 * account through the BigQuery API, and writes the lines to a CSV file flattened exactly as an uploaded export is
 * ({@link FlatRows}), paging through the results. The table is the integration's metadata
 * {@code detailed_export_table} when set (the detailed export holds every line of the standard one, with resource
 * detail; reading both would count each line twice), else {@code billing_export_table}, as {@code project.dataset.table}.
 * Queries run as jobs of the service account's own project ({@code roles/bigquery.jobUser} there,
 * {@code roles/bigquery.dataViewer} on the export's dataset); the token comes from the key file's {@code token_uri}
 * through {@link GcpAccessTokens}.
 *
 * <p><b>Incremental re-pulls by {@code export_time}.</b> GCP keeps writing lines for a usage day for days after it.
 * Like Koku's rescan of the last ten days, each run first asks the export, for every usage day from ten days before
 * the run's first date to its last, how many lines it has and its newest {@code export_time}, and compares that with
 * what {@code cloud_gcp_billing_raw_daily} holds for the credential. The run's own dates are always read; an earlier
 * day is read again only when its count or newest {@code export_time} differs, and then as a whole, since a usage
 * day is the slice that replaces ({@link GcpBillingExport}). Dates and the day list are query parameters; the table
 * name, which BigQuery cannot take as one, is checked by {@link ExportTable}.
 */
@Component
class GcpBillingExportReader implements ExportLocationReader {

    static final String SCOPE = "https://www.googleapis.com/auth/bigquery";
    static final int LOOKBACK_DAYS = 10;

    private static final String EXPORTED_DAYS = """
            SELECT DATE(usage_start_time) AS usage_day, MAX(export_time) AS last_export, COUNT(*) AS line_count
            FROM %s
            WHERE DATE(usage_start_time) BETWEEN @first_day AND @last_day
            GROUP BY usage_day""";
    private static final String LINES = """
            SELECT *
            FROM %s
            WHERE DATE(usage_start_time) IN UNNEST(@usage_days)""";
    private static final SqlText LOADED_DAYS = SqlText.of("""
            SELECT x_pipeline_run_date AS usage_day, MAX(export_time) AS last_export, COUNT(*) AS line_count
            FROM ${ds}.cloud_gcp_billing_raw_daily
            WHERE x_org_slug = @org AND x_credential_id = @credential
              AND x_pipeline_run_date BETWEEN @first_day AND @last_day
            GROUP BY x_pipeline_run_date""");

    private final ProviderEndpoints endpoints;
    private final GcpAccessTokens tokens;
    private final Warehouse warehouse;
    private final DeploymentEnv env;
    private final int lookbackDays;

    @Autowired
    GcpBillingExportReader(ProviderEndpoints endpoints, SafeHttp http, Warehouse warehouse, DeploymentEnv env) {
        this(endpoints, http, warehouse, env, LOOKBACK_DAYS);
    }

    GcpBillingExportReader(ProviderEndpoints endpoints, SafeHttp http, Warehouse warehouse, DeploymentEnv env,
                           int lookbackDays) {
        this.endpoints = endpoints;
        this.tokens = new GcpAccessTokens(http);
        this.warehouse = warehouse;
        this.env = env;
        this.lookbackDays = lookbackDays;
    }

    @Override
    public Provider provider() {
        return Provider.GCP;
    }

    @Override
    public List<Path> download(Request request, Path directory) throws IOException, InterruptedException {
        Object detailed = request.metadata().get("detailed_export_table");
        ExportTable table = ExportTable.parse(detailed != null && !String.valueOf(detailed).isBlank() ? detailed
                : request.metadata().get("billing_export_table"));
        GcpServiceAccount account = serviceAccount(request.secret());
        token(account);
        BigQuery bigQuery = client(account);
        LocalDate first = request.start().minusDays(lookbackDays);
        Map<LocalDate, DayState> exported = exportedDays(bigQuery, table, first, request.end());
        Map<LocalDate, DayState> loaded = loadedDays(request.credential(), first, request.end());
        List<LocalDate> days = exported.keySet().stream()
                .filter(day -> !day.isBefore(request.start()) || !exported.get(day).equals(loaded.get(day)))
                .toList();
        if (days.isEmpty()) {
            return List.of();
        }
        Path file = directory.resolve("gcp-billing-export-" + days.getFirst() + "-" + days.getLast() + ".csv");
        return write(bigQuery, table, days, file) == 0 ? List.of() : List.of(file);
    }

    /** What one usage day is: how many lines, and the newest export time among them. */
    record DayState(Instant lastExport, long lines) {
    }

    private Map<LocalDate, DayState> exportedDays(BigQuery bigQuery, ExportTable table, LocalDate first, LocalDate last)
            throws InterruptedException {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(EXPORTED_DAYS.formatted(table.sql()))
                .setUseLegacySql(false)
                .addNamedParameter("first_day", QueryParameterValue.date(first.toString()))
                .addNamedParameter("last_day", QueryParameterValue.date(last.toString()))
                .build();
        Map<LocalDate, DayState> days = new TreeMap<>();
        try {
            for (FieldValueList row : run(bigQuery, query, table).iterateAll()) {
                days.put(LocalDate.parse(row.get("usage_day").getStringValue()), new DayState(
                        row.get("last_export").isNull() ? null : row.get("last_export").getTimestampInstant(),
                        row.get("line_count").getLongValue()));
            }
        } catch (BigQueryException e) {
            throw failure(e, table);
        }
        return days;
    }

    private Map<LocalDate, DayState> loadedDays(StoredCredential credential, LocalDate first, LocalDate last) {
        Map<LocalDate, DayState> days = new HashMap<>();
        for (Row row : warehouse.query(LOADED_DAYS.with("ds", DatasetName.forOrg(credential.org(), env)),
                Map.of("org", credential.org().value(), "credential", credential.credentialId(),
                        "first_day", first, "last_day", last))) {
            days.put(row.date("usage_day"), new DayState(row.instant("last_export"), row.longValue("line_count")));
        }
        return days;
    }

    /** Every line of the days, flattened into one CSV file; the number of lines. */
    private static long write(BigQuery bigQuery, ExportTable table, List<LocalDate> days, Path file)
            throws IOException, InterruptedException {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(LINES.formatted(table.sql()))
                .setUseLegacySql(false)
                .addNamedParameter("usage_days", QueryParameterValue.array(
                        days.stream().map(LocalDate::toString).toArray(String[]::new), StandardSQLTypeName.DATE))
                .build();
        TableResult result = run(bigQuery, query, table);
        FlatRows flat = new FlatRows(result.getSchema().getFields());
        long lines = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            GcpExportFile.writeLine(out, flat.header());
            for (FieldValueList row : result.iterateAll()) {
                GcpExportFile.writeLine(out, flat.cells(row));
                lines++;
            }
        } catch (BigQueryException e) {
            throw failure(e, table);
        }
        return lines;
    }

    private static TableResult run(BigQuery bigQuery, QueryJobConfiguration query, ExportTable table)
            throws InterruptedException {
        try {
            return bigQuery.query(query);
        } catch (BigQueryException e) {
            throw failure(e, table);
        } catch (JobException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "The BigQuery query of the billing export " + table
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static CloudActException failure(BigQueryException e, ExportTable table) {
        String message = Objects.requireNonNullElse(e.getMessage(), "no message").lines().findFirst().orElse("");
        return switch (e.getCode()) {
            case 401, 403 -> new CloudActException(ErrorCode.FORBIDDEN, "BigQuery refused reading the billing export "
                    + table + " (the service account needs roles/bigquery.dataViewer on it and roles/bigquery.jobUser in"
                    + " its own project): " + message, e);
            case 404 -> new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The billing export table " + table
                    + " was not found: " + message, e);
            default -> new CloudActException(ErrorCode.UPSTREAM_ERROR, "BigQuery could not read the billing export "
                    + table + ": " + message, e);
        };
    }

    private BigQuery client(GcpServiceAccount account) {
        return BigQueryOptions.newBuilder()
                .setProjectId(account.projectId())
                .setHost(endpoints.bigQuery())
                .setCredentials(new ServiceAccountToken(tokens, account))
                .setTransportOptions(HttpTransportOptions.newBuilder().setConnectTimeout(20_000).setReadTimeout(120_000)
                        .build())
                .build()
                .getService();
    }

    /** Fetches the first token now, so a refused key fails with Google's own reason before any query. */
    private void token(GcpServiceAccount account) throws IOException, InterruptedException {
        try {
            tokens.accessToken(account, SCOPE);
        } catch (ProviderResponseException e) {
            throw new CloudActException(ErrorCode.FORBIDDEN, "Google refused the service account "
                    + account.clientEmail() + ": " + reason(e), e);
        } catch (BlockedDestinationException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The service account key's token_uri is"
                    + " not allowed: " + e.getMessage(), e);
        }
    }

    private static String reason(ProviderResponseException e) {
        return e.getMessage() + (e.providerMessage().isBlank() ? "" : ": " + e.providerMessage());
    }

    private static GcpServiceAccount serviceAccount(String secret) {
        try {
            return GcpServiceAccount.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The GCP credential is not a usable service account key: " + e.getMessage());
        }
    }

    /**
     * The SDK's credentials, backed by {@link GcpAccessTokens} (its cache and its check of {@code token_uri}). Each
     * token is handed out as expiring within a minute, so the SDK asks again and the cache decides.
     */
    private static final class ServiceAccountToken extends OAuth2Credentials {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient GcpAccessTokens tokens;
        private final transient GcpServiceAccount account;

        ServiceAccountToken(GcpAccessTokens tokens, GcpServiceAccount account) {
            this.tokens = tokens;
            this.account = account;
        }

        @Override
        public AccessToken refreshAccessToken() throws IOException {
            try {
                return new AccessToken(tokens.accessToken(account, SCOPE), new Date(System.currentTimeMillis() + 60_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while getting a Google access token", e);
            } catch (ProviderResponseException e) {
                throw new IOException(reason(e), e);
            }
        }
    }
}
