package com.cloudact.pipeline.extract.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The {@code genai.usage} step on the real warehouse and loader, with a scripted source standing in for a provider
 * client (the real clients are tested against their HTTP stand-ins): what it writes where, with which lineage and
 * hierarchy, how a re-run replaces days and empties days now reported empty, and that a failed read writes nothing.
 */
class GenAiUsageStepTests extends PipelineIntegrationTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate DAY2 = LocalDate.of(2026, 3, 2);
    private static final String PIPELINE = "genai_payg_openai";

    @Autowired
    private CredentialVault vault;
    @Autowired
    private BillingFileLoader loader;
    @Autowired
    private PipelineProperties properties;

    @TempDir
    Path scratch;

    private OrgSlug org;
    private DatasetName dataset;
    private final ScriptedSource source = new ScriptedSource();
    private GenAiUsageStep step;

    @BeforeEach
    void org() {
        org = OrgSlug.of("genai_step_" + UUID.randomUUID().toString().substring(0, 8));
        dataset = onboard(org);
        step = new GenAiUsageStep(List.of(source), vault, loader, warehouse, properties,
                Clock.fixed(Instant.parse("2026-03-03T06:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void writesUsageCommitmentsAndCostsPerDayWithLineageHierarchyAndOutputs() throws Exception {
        String credential = storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-test", "{\"org_id\":\"org-1\"}");
        warehouse.execute(SqlText.of("""
                UPDATE ${c}.org_integration_credentials SET default_x_hierarchy_entity_id = 'TEAM-ML',
                  default_x_hierarchy_entity_name = 'ML team', default_x_hierarchy_level_code = 'team',
                  default_x_hierarchy_path = '/DEPT-ENG/TEAM-ML', default_x_hierarchy_path_names = 'Engineering > ML team'
                WHERE credential_id = @id""").with("c", DatasetName.CENTRAL), Map.of("id", credential));
        source.answer = new GenAiFetch(List.of(usage(DAY1, "gpt-4o", 1000, 400), usage(DAY2, "gpt-4o", 10, 0),
                usage(DAY2, "model-nobody-prices", 7, 0)),
                List.of(new GenAiCommitmentUsage(DAY1, "openai", "ptu", "dep-1", "gpt-4o", "eastus", 100, 60L,
                        60.0, 123L, 9L, 24.0, "test")),
                List.of(new GenAiProviderCost(DAY1, "openai", "gpt-4o", "gpt-4o, input", "input", "proj_1", null,
                        new BigDecimal("0.0025"), "USD", new BigDecimal("1000"), "tokens", "openai.costs")));

        StepResult result = step.run(context(Map.of("start_date", DAY1, "end_date", DAY2)));

        assertThat(source.requests).singleElement().satisfies(r -> {
            assertThat(r.start()).isEqualTo(DAY1);
            assertThat(r.end()).isEqualTo(DAY2);
            assertThat(r.secret()).isEqualTo("sk-admin-test");
            assertThat(r.metadata()).containsEntry("org_id", "org-1");
        });
        assertThat(result.rowsProcessed()).isEqualTo(5);
        assertThat(result.outputs()).containsEntry("start_date", DAY1).containsEntry("end_date", DAY2)
                .containsEntry("credential_id", credential).containsEntry("rows_loaded", 5L);
        Row row = single("""
                SELECT * FROM ${ds}.genai_payg_usage_raw WHERE usage_date = DATE '2026-03-01'""");
        assertThat(row.longValue("input_tokens")).isEqualTo(1000);
        assertThat(row.longValue("cached_input_tokens")).isEqualTo(400);
        assertThat(row.longValue("cache_write_5m_tokens")).isEqualTo(30);
        assertThat(row.longValue("output_tokens")).isEqualTo(200);
        assertThat(row.longValue("total_tokens")).isEqualTo(1000 + 400 + 30 + 200);
        assertThat(row.string("x_genai_provider")).isEqualTo("openai");
        assertThat(row.string("x_credential_id")).isEqualTo(credential);
        assertThat(row.string("x_pipeline_id")).isEqualTo(PIPELINE);
        assertThat(row.date("x_pipeline_run_date")).isEqualTo(DAY1);
        assertThat(row.string("x_hierarchy_entity_id")).isEqualTo("TEAM-ML");
        assertThat(row.string("x_hierarchy_path_names")).isEqualTo("Engineering > ML team");
        assertThat(row.instant("x_hierarchy_validated_at")).isNotNull();
        assertThat(row.string("x_ingestion_id")).hasSize(36);
        assertThat(count("genai_payg_usage_raw", "model = 'model-nobody-prices'")).isEqualTo(1);
        Row commitment = single("SELECT * FROM ${ds}.genai_commitment_usage_raw");
        assertThat(commitment.longValue("used_units")).isEqualTo(60);
        assertThat(commitment.string("x_hierarchy_entity_id")).isEqualTo("TEAM-ML");
        Row cost = single("SELECT * FROM ${ds}.genai_provider_costs_raw");
        assertThat(cost.decimal("amount")).isEqualByComparingTo("0.0025");
        assertThat(cost.date("x_pipeline_run_date")).isEqualTo(DAY1);
        assertThat(cost.string("line_item")).isEqualTo("gpt-4o, input");
    }

    @Test
    void aReRunReplacesEachDayAndEmptiesTheDaysNowReportedEmpty() throws Exception {
        storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-test", null);
        source.answer = new GenAiFetch(List.of(usage(DAY1, "gpt-4o", 1000, 0), usage(DAY2, "gpt-4o", 500, 0)),
                List.of(), List.of(cost(DAY1, "1.50"), cost(DAY2, "0.75")));
        step.run(context(Map.of("start_date", DAY1, "end_date", DAY2)));
        step.run(context(Map.of("start_date", DAY1, "end_date", DAY2)));
        assertThat(count("genai_payg_usage_raw", "TRUE")).isEqualTo(2);
        assertThat(count("genai_provider_costs_raw", "TRUE")).isEqualTo(2);

        source.answer = new GenAiFetch(List.of(usage(DAY1, "gpt-4o", 1200, 0)), List.of(), List.of());
        StepResult result = step.run(context(Map.of("start_date", DAY1, "end_date", DAY2)));

        assertThat(result.outputs()).containsEntry("rows_loaded", 1L);
        assertThat(single("SELECT SUM(input_tokens) AS input, COUNT(*) AS n FROM ${ds}.genai_payg_usage_raw")
                .longValue("input")).isEqualTo(1200);
        assertThat(count("genai_payg_usage_raw", "TRUE")).isEqualTo(1);
        assertThat(count("genai_provider_costs_raw", "TRUE")).isZero();
    }

    @Test
    void aDayOutsideTheRunIsLeftAsItIs() throws Exception {
        storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-test", null);
        source.answer = GenAiFetch.ofUsage(List.of(usage(DAY1, "gpt-4o", 1000, 0)));
        step.run(context(Map.of("start_date", DAY1)));
        source.answer = GenAiFetch.ofUsage(List.of());

        StepResult result = step.run(context(Map.of("start_date", DAY2)));

        assertThat(result.outputs()).containsEntry("rows_loaded", 0L).containsEntry("start_date", DAY2);
        assertThat(count("genai_payg_usage_raw", "usage_date = DATE '2026-03-01'")).isEqualTo(1);
    }

    @Test
    void aFailedReadWritesNothingAndKeepsWhatWasThere() throws Exception {
        storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-test", null);
        source.answer = GenAiFetch.ofUsage(List.of(usage(DAY1, "gpt-4o", 1000, 0)));
        step.run(context(Map.of("start_date", DAY1)));
        source.failure = new CloudActException(ErrorCode.UPSTREAM_ERROR, "the OpenAI usage failed with HTTP 500");

        assertThatThrownBy(() -> step.run(context(Map.of("start_date", DAY1))))
                .hasMessageContaining("HTTP 500");
        assertThat(count("genai_payg_usage_raw", "input_tokens = 1000")).isEqualTo(1);
    }

    @Test
    void defaultsToYesterdayUtc() throws Exception {
        storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-test", null);
        source.answer = GenAiFetch.ofUsage(List.of());

        StepResult result = step.run(context(Map.of()));

        assertThat(source.requests.getFirst().start()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(source.requests.getFirst().end()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(result.outputs()).containsEntry("start_date", LocalDate.of(2026, 3, 2));
    }

    @Test
    void refusesWithoutAUsableCredential() throws Exception {
        assertThatThrownBy(() -> step.run(context(Map.of())))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRATION_NOT_CONFIGURED))
                .hasMessageContaining("No usable OpenAI integration");
        String expired = storeCredential(org, Provider.OPENAI, "API_KEY", "sk-admin-test", null);
        warehouse.execute(SqlText.of("UPDATE ${c}.org_integration_credentials SET expires_at = @past WHERE credential_id = @id")
                .with("c", DatasetName.CENTRAL), Map.of("id", expired, "past", Instant.parse("2026-03-01T00:00:00Z")));
        assertThatThrownBy(() -> step.run(context(Map.of("credential_id", expired))))
                .hasMessageContaining("is expired");
        assertThat(source.requests).isEmpty();
    }

    @Test
    void anUploadIsParsedAsOnePagePerLineAndCoversItsDays() throws Exception {
        Path file = scratch.resolve("pages.jsonl");
        Files.writeString(file, "{\"page\": 1}\n\n{\"page\": 2}\n", StandardCharsets.UTF_8);
        source.parsed = new GenAiFetch(List.of(usage(DAY1, "gpt-4o", 5, 0), usage(DAY2, "gpt-4o", 6, 0)), List.of(),
                List.of());

        StepResult result = step.run(context(upload(file)));

        assertThat(source.pages).extracting(p -> p.path("page").asInt()).containsExactly(1, 2);
        assertThat(result.outputs()).containsEntry("credential_id", "upload_openai")
                .containsEntry("start_date", DAY1).containsEntry("end_date", DAY2);
        assertThat(count("genai_payg_usage_raw", "x_credential_id = 'upload_openai'")).isEqualTo(2);
        assertThat(single("SELECT x_source_file FROM ${ds}.genai_payg_usage_raw LIMIT 1").string("x_source_file"))
                .isEqualTo("openai-2026-03-01-2026-03-02-usage.csv");

        Files.writeString(file, "{\"page\": 1}\nnot json\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> step.run(context(upload(file))))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BILLING_FILE))
                .hasMessageContaining("line 2");
    }

    @Test
    void anUnknownProviderIsRefused() {
        StepContext context = new StepContext(org, dataset, UUID.randomUUID().toString(), PIPELINE, "extract",
                Map.of("provider", "nobody"), Map.of());
        assertThatThrownBy(() -> step.run(context)).hasMessageContaining("no GenAI usage source for provider 'nobody'");
    }

    private StepContext context(Map<String, Object> variables) {
        return new StepContext(org, dataset, UUID.randomUUID().toString(), PIPELINE, "extract_usage",
                Map.of("provider", "openai"), new HashMap<>(variables));
    }

    private static GenAiUsage usage(LocalDate day, String model, long input, long cached) {
        return new GenAiUsage(day, "openai", model, "global", "proj_1", null, null, input, cached, input > 100 ? 30 : 0,
                0, input / 5, 0, null, null, 3, "openai.usage.completions");
    }

    private static GenAiProviderCost cost(LocalDate day, String amount) {
        return new GenAiProviderCost(day, "openai", null, "gpt-4o, input", "input", null, null, new BigDecimal(amount),
                "USD", null, null, "openai.costs");
    }

    private Row single(String sql) {
        List<Row> rows = warehouse.query(SqlText.of(sql).with("ds", dataset), Map.of());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private long count(String table, String where) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table + " WHERE " + where)
                .with("ds", dataset), Map.of()).getFirst().longValue("n");
    }

    /** Answers what the test scripted, and remembers what it was asked. */
    private static final class ScriptedSource implements GenAiUsageSource {
        GenAiFetch answer = GenAiFetch.ofUsage(List.of());
        GenAiFetch parsed = GenAiFetch.ofUsage(List.of());
        RuntimeException failure;
        final List<ExportLocationReader.Request> requests = new ArrayList<>();
        final List<JsonNode> pages = new ArrayList<>();

        @Override
        public Provider provider() {
            return Provider.OPENAI;
        }

        @Override
        public GenAiFetch fetch(ExportLocationReader.Request request) throws IOException {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }

        @Override
        public GenAiFetch parse(List<JsonNode> given) {
            pages.addAll(given);
            return parsed;
        }
    }
}
