package com.cloudact.api;

import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the API service's integration tests: the real service on a random port, with embedded PostgreSQL and
 * a DuckDB file in a temporary folder, shared by every test class. Tests talk HTTP and look at bodies and rows.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ApiApplication.CONFIG_NAME)
public abstract class ApiIntegrationTest {

    protected static final String ROOT_KEY = "test-root-key-0123456789-abcdefghijklmnop";
    private static final Path DATA = temporaryFolder();
    private static boolean bootstrapped;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected AppOrganizations appOrganizations;

    @Autowired
    protected Warehouse warehouse;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("CLOUDACT_DATA_DIR", DATA::toString);
        registry.add("CA_ROOT_API_KEY", () -> ROOT_KEY);
        registry.add("cloudact.warehouse.duckdb.memory-limit", () -> "1GB");
        // Tests share one client address; the per-route limits stay real, the per-caller budget is widened.
        registry.add("cloudact.api.rate-limit.per-org-per-minute", () -> "100000");
        registry.add("cloudact.api.rate-limit.per-org-per-hour", () -> "1000000");
        ProviderStandIns.register(registry);
        registry.add("cloudact.api.pipeline-service-url", PipelineServiceStandIn::baseUrl);
    }

    @BeforeEach
    void bootstrapOnce() {
        synchronized (ApiIntegrationTest.class) {
            if (!bootstrapped) {
                Response response = post("/api/v1/admin/bootstrap/sync", root(), Map.of("sync_missing_columns", true));
                if (response.status() != 200) {
                    throw new IllegalStateException("bootstrap failed: " + response.body());
                }
                bootstrapped = true;
            }
        }
    }

    /** A response with its status, headers and parsed JSON body. */
    protected record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected static Map<String, String> root() {
        return Map.of("X-CA-Root-Key", ROOT_KEY);
    }

    protected static Map<String, String> orgKey(String key) {
        return Map.of("X-API-Key", key);
    }

    protected Response get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    protected Response post(String path, Map<String, String> headers, Object body) {
        String text = body instanceof String s ? s : json.writeValueAsString(body);
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)), headers);
    }

    protected Response send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = response.body().isBlank() || !isJson ? json.createObjectNode() : json.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A unique slug per test, so tests never share an organization. */
    protected static OrgSlug newSlug(String prefix) {
        return OrgSlug.of(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    /** The app-database row signup and checkout create. */
    protected void register(OrgSlug org, Plan plan, String billingStatus) {
        appOrganizations.create(org, "Test " + org.value(), plan, billingStatus, null);
    }

    /** Registers and onboards an org; returns its API key. */
    protected String onboarded(OrgSlug org, Plan plan) {
        register(org, plan, "active");
        Response response = post("/api/v1/organizations/onboard", root(), onboardBody(org.value(), plan.name()));
        if (response.status() != 200) {
            throw new IllegalStateException("onboarding failed: " + response.body());
        }
        return response.body().path("api_key").asString();
    }

    protected static Map<String, Object> onboardBody(String slug, String plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("org_slug", slug);
        body.put("company_name", "Acme & Sons (Test)");
        body.put("admin_email", "Admin@Example.com");
        body.put("subscription_plan", plan);
        return body;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("cloudact-api-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
