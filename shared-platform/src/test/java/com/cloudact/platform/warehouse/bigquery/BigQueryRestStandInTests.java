package com.cloudact.platform.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.warehouse.WarehouseException;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQueryOptions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SdkBigQueryGateway} on the real google-cloud-bigquery client against a local stand-in of the BigQuery
 * REST API (the documented shapes of datasets.get/insert, jobs.insert/get and jobs.getQueryResults): proves the
 * SDK, its HTTP stack and our value mapping work together without a cloud account.
 */
class BigQueryRestStandInTests {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private SdkBigQueryGateway gateway;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        String host = "http://localhost:" + server.getAddress().getPort();
        gateway = new SdkBigQueryGateway(BigQueryOptions.newBuilder().setProjectId("test-project").setHost(host)
                .setLocation("US").setCredentials(NoCredentials.getInstance()).build().getService(), "test-project", "US");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void datasetsAreLookedUpAndCreated() {
        assertThat(gateway.datasetExists("missing_ds")).isFalse();
        assertThat(gateway.datasetExists("acme_prod")).isTrue();

        gateway.createDataset("new_ds", "EU");

        assertThat(requests).anyMatch(r -> r.startsWith("POST /bigquery/v2/projects/test-project/datasets")
                && r.replace(" ", "").contains("\"datasetId\":\"new_ds\"") && r.replace(" ", "").contains("\"location\":\"EU\""));
    }

    @Test
    void aQueryBindsTypedParametersAndReadsTypedRows() {
        BigQueryGateway.QueryOutcome outcome = gateway.query("SELECT total, day, n FROM t WHERE org = @org",
                Map.of("org", "acme", "since", LocalDate.of(2026, 3, 1), "floor", new BigDecimal("0.0000000181")));

        assertThat(outcome.rows()).hasSize(1);
        Map<String, Object> row = outcome.rows().getFirst();
        assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("1.6823086974");
        assertThat(row.get("day")).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(row.get("n")).isEqualTo(1281L);
        String insert = requests.stream().filter(r -> r.startsWith("POST /bigquery/v2/projects/test-project/jobs"))
                .findFirst().orElseThrow();
        assertThat(insert).contains("\"useLegacySql\":false").contains("\"name\":\"org\"")
                .contains("\"type\":\"BIGNUMERIC\"").contains("\"type\":\"DATE\"");
    }

    @Test
    void aFailedJobBecomesAWarehouseExceptionWithTheEnginesMessage() {
        assertThatThrownBy(() -> gateway.query("SELECT broken", Map.of()))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("Unrecognized name: broken");
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        String body = new String(gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw,
                StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path + " " + body);
        if (method.equals("GET") && path.endsWith("/datasets/missing_ds")) {
            send(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"Not found: Dataset test-project:missing_ds\","
                    + "\"errors\":[{\"reason\":\"notFound\",\"message\":\"Not found\"}],\"status\":\"NOT_FOUND\"}}");
        } else if (path.endsWith("/tables/anon1/data")) {
            send(exchange, 200, "{\"kind\":\"bigquery#tableDataList\",\"totalRows\":\"1\"," + ROWS + "}");
        } else if (path.endsWith("/tables/anon1")) {
            send(exchange, 200, "{\"kind\":\"bigquery#table\",\"tableReference\":{\"projectId\":\"test-project\","
                    + "\"datasetId\":\"_anon\",\"tableId\":\"anon1\"}," + SCHEMA + ",\"numRows\":\"1\"}");
        } else if (path.contains("/datasets")) {
            String id = method.equals("POST") ? "new_ds" : path.substring(path.lastIndexOf('/') + 1);
            send(exchange, 200, "{\"kind\":\"bigquery#dataset\",\"id\":\"test-project:" + id + "\","
                    + "\"datasetReference\":{\"projectId\":\"test-project\",\"datasetId\":\"" + id + "\"},\"location\":\"EU\"}");
        } else if (method.equals("POST") && path.endsWith("/jobs") && body.contains("SELECT broken")) {
            send(exchange, 400, "{\"error\":{\"code\":400,\"message\":\"Unrecognized name: broken at [1:8]\","
                    + "\"errors\":[{\"reason\":\"invalidQuery\",\"message\":\"Unrecognized name: broken at [1:8]\"}],"
                    + "\"status\":\"INVALID_ARGUMENT\"}}");
        } else if (path.contains("/jobs")) {
            send(exchange, 200, doneJob());
        } else if (path.contains("/queries/")) {
            send(exchange, 200, queryResults());
        } else {
            send(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"unexpected " + path + "\"}}");
        }
    }

    private static String doneJob() {
        return "{\"kind\":\"bigquery#job\",\"id\":\"test-project:US.job1\",\"jobReference\":{\"projectId\":\"test-project\","
                + "\"jobId\":\"job1\",\"location\":\"US\"},\"configuration\":{\"query\":{\"query\":\"SELECT 1\","
                + "\"destinationTable\":{\"projectId\":\"test-project\",\"datasetId\":\"_anon\",\"tableId\":\"anon1\"}}},"
                + "\"status\":{\"state\":\"DONE\"},\"statistics\":{\"creationTime\":\"1\",\"startTime\":\"1\","
                + "\"endTime\":\"2\",\"query\":{\"totalBytesProcessed\":\"10\",\"statementType\":\"SELECT\"}}}";
    }

    private static final String SCHEMA = "\"schema\":{\"fields\":[{\"name\":\"total\",\"type\":\"BIGNUMERIC\","
            + "\"mode\":\"NULLABLE\"},{\"name\":\"day\",\"type\":\"DATE\",\"mode\":\"NULLABLE\"},"
            + "{\"name\":\"n\",\"type\":\"INTEGER\",\"mode\":\"NULLABLE\"}]}";
    private static final String ROWS = "\"rows\":[{\"f\":[{\"v\":\"1.6823086974\"},{\"v\":\"2026-03-02\"},"
            + "{\"v\":\"1281\"}]}]";

    private static String queryResults() {
        return "{\"kind\":\"bigquery#getQueryResultsResponse\",\"jobComplete\":true,\"totalRows\":\"1\","
                + "\"jobReference\":{\"projectId\":\"test-project\",\"jobId\":\"job1\",\"location\":\"US\"},"
                + SCHEMA + "," + ROWS + "}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
