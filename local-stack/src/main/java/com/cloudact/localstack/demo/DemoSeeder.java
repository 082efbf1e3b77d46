package com.cloudact.localstack.demo;

import com.cloudact.frontend.auth.LocalAccounts;
import com.cloudact.localstack.RunningStack;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.appdb.AppOrganization;
import com.cloudact.platform.appdb.AppOrganizations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo organization once: a user and an org in the app database (as signup and checkout would), the
 * org onboarded through the API service, six weeks of billing from all four clouds — an AWS CUR, a GCP billing
 * export, Azure cost details and OCI cost reports, written by the demo generators in each provider's own format —
 * imported through each cloud's real billing pipeline, 90 days of usage of all seven GenAI providers as their APIs
 * answer it ingested through the GenAI pipelines, and a dozen SaaS plans entered through the API and
 * amortized by the subscription pipeline. What was seeded is remembered in
 * {@code demo/demo.properties}, so a restart neither regenerates nor duplicates anything.
 */
public final class DemoSeeder {

    public static final OrgSlug ORG = OrgSlug.of("acme_demo");
    public static final String EMAIL = "demo@cloudact.local";
    public static final String PASSWORD = "cloudact-demo";
    private static final long SEED = 20_260_101L;
    private static final int DAYS = 42;
    private static final int GENAI_DAYS = 90;

    private final RunningStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public DemoSeeder(RunningStack stack) {
        this.stack = stack;
    }

    /** What the demo holds. */
    /**
     * @param lineItems the cloud billing lines
     * @param cloudCost what the four cloud invoices add up to, as the generators wrote them
     * @param genAiCost      what the GenAI usage costs at the shipped prices (the GenAI tables' total)
     * @param genAiFocusCost the part of it FOCUS shows: OpenAI, Anthropic and DeepSeek, and Vertex AI and Bedrock
     *                       only in months without their cloud's bill
     * @param saasCost       what the SaaS plans amortize to, computed apart from the pipeline
     */
    public record Demo(OrgSlug org, String email, String password, LocalDate firstDay, LocalDate lastDay,
                       long lineItems, BigDecimal cloudCost, BigDecimal genAiCost, BigDecimal genAiFocusCost,
                       BigDecimal saasCost, String currency) {

        /** What FOCUS {@code BilledCost} must add up to: clouds, GenAI and SaaS. */
        public BigDecimal totalBilledCost() {
            return cloudCost.add(genAiFocusCost).add(saasCost);
        }
    }

    public Demo ensureSeeded() {
        Path state = stack.settings().dataDirectory().resolve("demo/demo.properties");
        AppOrganizations organizations = stack.frontend().getBean(AppOrganizations.class);
        Optional<Demo> seeded = Files.exists(state) ? read(state) : Optional.empty();
        if (seeded.isPresent() && organizations.find(ORG).map(AppOrganization::backendOnboarded).orElse(false)) {
            return seeded.get();
        }
        LocalAccounts accounts = stack.frontend().getBean(LocalAccounts.class);
        var user = accounts.findUser(EMAIL).orElseGet(() -> accounts.createUser(EMAIL, PASSWORD, "Demo User"));
        AppOrganization org = organizations.find(ORG)
                .orElseGet(() -> organizations.create(ORG, "Acme Demo Inc", Plan.PROFESSIONAL, "active", user));
        accounts.addMember(org.id(), user, "owner");
        String apiKey = onboard();

        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate firstDay = lastDay.minusDays(DAYS - 1L);
        Path imports = stack.settings().dataDirectory().resolve("imports");
        Path demoFiles = imports.resolve("demo");
        List<Seeded> clouds = List.of(
                new Seeded("cloud/aws/cost/billing", new AwsCurGenerator(SEED).write(firstDay, lastDay, demoFiles)),
                new Seeded("cloud/gcp/cost/billing", new GcpBillingGenerator(SEED).write(firstDay, lastDay, demoFiles)),
                new Seeded("cloud/azure/cost/billing", new AzureCostGenerator(SEED).write(firstDay, lastDay, demoFiles)),
                new Seeded("cloud/oci/cost/billing", new OciCostReportGenerator(SEED).write(firstDay, lastDay, demoFiles)));
        for (Seeded cloud : clouds) {
            for (Path file : cloud.written().files()) {
                importFile(apiKey, cloud.pipeline(), imports.relativize(file).toString());
            }
        }
        LocalDate genAiFirst = lastDay.minusDays(GENAI_DAYS - 1L);
        Set<YearMonth> billedMonths = firstDay.datesUntil(lastDay.plusDays(1)).map(YearMonth::from)
                .collect(Collectors.toSet());
        CloudGenAiUsageGenerator throughClouds = new CloudGenAiUsageGenerator(SEED, billedMonths);
        List<SeededGenAi> genAi = List.of(
                new SeededGenAi("genai/payg/openai", new OpenAiUsageGenerator(SEED).write(genAiFirst, lastDay, demoFiles)),
                new SeededGenAi("genai/payg/anthropic", new AnthropicUsageGenerator(SEED).write(genAiFirst, lastDay, demoFiles)),
                new SeededGenAi("genai/payg/deepseek", new DeepSeekResponsesGenerator(SEED).write(genAiFirst, lastDay, demoFiles)),
                new SeededGenAi("genai/payg/gcp_vertex", throughClouds.vertex(genAiFirst, lastDay, demoFiles)),
                new SeededGenAi("genai/payg/aws_bedrock", throughClouds.bedrock(genAiFirst, lastDay, demoFiles)),
                new SeededGenAi("genai/payg/azure_openai", throughClouds.azureOpenAi(genAiFirst, lastDay, demoFiles)),
                new SeededGenAi("genai/payg/gemini", throughClouds.gemini(genAiFirst, lastDay, demoFiles)));
        for (SeededGenAi provider : genAi) {
            importFile(apiKey, provider.pipeline(), imports.relativize(provider.written().file()).toString());
        }
        List<SaasDemoPlans.Plan> plans = SaasDemoPlans.plans(genAiFirst, lastDay);
        for (SaasDemoPlans.Plan plan : plans) {
            post(stack.apiUrl().resolve("/api/v1/subscriptions/" + ORG.value() + "/providers/" + plan.provider()
                    + "/plans"), Map.of("X-API-Key", apiKey), plan.request());
        }
        LocalDate saasFirst = plans.stream().map(SaasDemoPlans.Plan::start).min(LocalDate::compareTo).orElseThrow();
        run(apiKey, "subscription/costs/subscription_cost", Map.of("start_date", saasFirst.toString(),
                "end_date", lastDay.toString(), "trigger_by", "local-stack demo seed"));
        BigDecimal cloudCost = clouds.stream().map(c -> c.written().total()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal genAiCost = genAi.stream().map(g -> g.written().total()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal genAiFocusCost = genAi.stream().map(g -> g.written().focusTotal())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal saasCost = SaasDemoPlans.expectedCost(plans, lastDay);
        Demo demo = new Demo(ORG, EMAIL, PASSWORD, firstDay, lastDay,
                clouds.stream().mapToLong(c -> c.written().rows()).sum(), cloudCost, genAiCost, genAiFocusCost,
                saasCost, "USD");
        write(state, demo);
        return demo;
    }

    private String onboard() {
        JsonNode answer = post(stack.apiUrl().resolve("/api/v1/organizations/onboard"),
                Map.of("X-CA-Root-Key", stack.settings().rootKey()),
                Map.of("org_slug", ORG.value(), "company_name", "Acme Demo Inc", "admin_email", EMAIL,
                        "subscription_plan", "PROFESSIONAL", "regenerate_api_key_if_exists", true));
        return answer.path("api_key").asString();
    }

    /** A cloud's demo files and the pipeline that imports them. */
    private record Seeded(String pipeline, DemoCsv.Written written) {
    }

    /** A GenAI provider's demo usage (its API answer pages) and the pipeline that ingests it. */
    private record SeededGenAi(String pipeline, DemoPages.Written written) {
    }

    private void importFile(String apiKey, String pipeline, String relativePath) {
        run(apiKey, pipeline, Map.of("file_path", relativePath, "trigger_by", "local-stack demo seed"));
    }

    /**
     * Runs a pipeline and waits for it. A run of the same pipeline still going (a plan's own backfill) is waited
     * out, then the run is started again.
     */
    private void run(String apiKey, String pipeline, Map<String, Object> body) {
        URI uri = stack.pipelineUrl().resolve("/api/v1/pipelines/run/" + ORG.value() + "/" + pipeline + "?wait=true");
        for (int attempt = 1; ; attempt++) {
            JsonNode answer = post(uri, Map.of("X-API-Key", apiKey), body);
            String status = answer.path("status").asString();
            if ("COMPLETED".equals(status)) {
                return;
            }
            if (!"RUNNING".equals(status) || attempt == 60) {
                throw new IllegalStateException("Demo run of " + pipeline + " " + body + " ended " + status + ": "
                        + answer.path("message").asString());
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }

    private JsonNode post(URI uri, Map<String, String> headers, Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + uri.getPath() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void write(Path state, Demo demo) {
        Properties properties = new Properties();
        properties.setProperty("first_day", demo.firstDay().toString());
        properties.setProperty("last_day", demo.lastDay().toString());
        properties.setProperty("line_items", Long.toString(demo.lineItems()));
        properties.setProperty("cloud_cost", demo.cloudCost().toPlainString());
        properties.setProperty("genai_cost", demo.genAiCost().toPlainString());
        properties.setProperty("genai_focus_cost", demo.genAiFocusCost().toPlainString());
        properties.setProperty("saas_cost", demo.saasCost().toPlainString());
        try {
            Files.createDirectories(state.getParent());
            try (var out = Files.newBufferedWriter(state)) {
                properties.store(out, "Demo data seeded by the local stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo the state file describes; empty for a state of an older demo (seeded again, idempotently). */
    private static Optional<Demo> read(Path state) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(state)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (properties.getProperty("genai_focus_cost") == null) {
            return Optional.empty();
        }
        return Optional.of(new Demo(ORG, EMAIL, PASSWORD, LocalDate.parse(properties.getProperty("first_day")),
                LocalDate.parse(properties.getProperty("last_day")),
                Long.parseLong(properties.getProperty("line_items")),
                new BigDecimal(properties.getProperty("cloud_cost")), new BigDecimal(properties.getProperty("genai_cost")),
                new BigDecimal(properties.getProperty("genai_focus_cost")),
                new BigDecimal(properties.getProperty("saas_cost")), "USD"));
    }
}
