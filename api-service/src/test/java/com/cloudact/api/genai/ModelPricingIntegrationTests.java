package com.cloudact.api.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ProviderStandIns;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.warehouse.SqlText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.JsonNode;

/** The per-provider model price routes (USD per 1K tokens) and their legacy OpenAI aliases. */
class ModelPricingIntegrationTests extends GenAiRequests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void theFirstListSeedsDefaultsDerivedFromTheShippedPerMillionPrices() {
        OrgSlug org = newSlug("mp_seed");
        String key = onboarded(org, Plan.STARTER);

        Response first = get(pricing(org, "openai"), orgKey(key));
        Response second = get(pricing(org, "openai"), orgKey(key));
        Response anthropic = get(pricing(org, "anthropic"), orgKey(key));

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        Set<String> currentModels = GenAiDefaultPricing.rows(GenAiFlow.PAYG).stream()
                .filter(r -> r.get("provider").equals("openai") && current(r))
                .map(r -> r.get("model")).collect(Collectors.toSet());
        assertThat(first.body().path("count").asInt()).isEqualTo(currentModels.size()).isPositive();
        assertThat(second.body().path("total").asLong()).as("no second seeding").isEqualTo(currentModels.size());
        assertThat(rows(org, "openai")).isEqualTo(currentModels.size());
        // gpt-4o: $2.50 / $10.00 per 1M input/output, $1.25 / $5.00 batch → per 1K, by hand
        JsonNode gpt4o = model(first.body().path("pricing"), "gpt-4o");
        assertThat(gpt4o.path("input_price_per_1k").decimalValue()).isEqualByComparingTo("0.0025");
        assertThat(gpt4o.path("output_price_per_1k").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(gpt4o.path("x_openai_batch_input_price").decimalValue()).isEqualByComparingTo("0.00125");
        assertThat(gpt4o.path("x_openai_batch_output_price").decimalValue()).isEqualByComparingTo("0.005");
        assertThat(gpt4o.path("is_custom").asBoolean()).isFalse();
        assertThat(gpt4o.path("pricing_type").asString()).isEqualTo("standard");
        assertThat(gpt4o.path("notes").asString()).contains("https://");
        for (JsonNode row : first.body().path("pricing")) {
            BigDecimal perMillion = row.path("input_price_per_1k").decimalValue().multiply(BigDecimal.valueOf(1000));
            assertThat(GenAiDefaultPricing.rows(GenAiFlow.PAYG)).as(row.toString()).anySatisfy(shipped -> {
                assertThat(shipped.get("model")).isEqualTo(row.path("model_id").asString());
                assertThat(new BigDecimal(shipped.get("input_per_1m"))).isEqualByComparingTo(perMillion);
            });
        }
        // claude-sonnet-4-5: the base context tier (≤200k) represents the model: $3 / $15 per 1M
        JsonNode sonnet = model(anthropic.body().path("pricing"), "claude-sonnet-4-5");
        assertThat(sonnet.path("input_price_per_1k").decimalValue()).isEqualByComparingTo("0.003");
        assertThat(sonnet.path("output_price_per_1k").decimalValue()).isEqualByComparingTo("0.015");
        assertThat(sonnet.path("x_anthropic_tier").asString()).isEqualTo("0-200k");
        assertThat(sonnet.path("x_openai_batch_input_price").isNull()).isTrue();
    }

    @Test
    void aValidIntegrationSeedsItsProvidersPrices() {
        OrgSlug org = newSlug("mp_setup");
        String key = onboarded(org, Plan.ENTERPRISE);
        assertThat(rows(org, "openai")).isZero();

        Response setup = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", ProviderStandIns.OPENAI_KEY));

        assertThat(setup.body().path("validation_status").asString()).isEqualTo("VALID");
        assertThat(rows(org, "openai")).isPositive();
        assertThat(rows(org, "anthropic")).isZero();
        long paygPrices = warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}.genai_payg_pricing")
                .with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), Map.of()).getFirst().longValue("n");
        assertThat(paygPrices).as("the cost pipelines' prices too").isEqualTo(GenAiDefaultPricing.rows(GenAiFlow.PAYG).size());
    }

    @Test
    void modelPricesAreCreatedReadUpdatedAndDeleted() {
        OrgSlug org = newSlug("mp_crud");
        String key = onboarded(org, Plan.STARTER);
        Map<String, Object> body = new HashMap<>(Map.of("model_id", "ft-gpt-4o-acme", "input_price_per_1k", "0.00375",
                "output_price_per_1k", "0.015", "effective_date", "2026-01-01", "pricing_type", "negotiated",
                "x_openai_batch_input_price", "0.001875"));

        Response created = post(pricing(org, "openai"), orgKey(key), body);
        Response duplicate = post(pricing(org, "openai"), orgKey(key), body);
        Response read = get(pricing(org, "openai") + "/ft-gpt-4o-acme", orgKey(key));
        Response updated = put(pricing(org, "openai") + "/ft-gpt-4o-acme", orgKey(key),
                Map.of("input_price_per_1k", "0.0035", "notes", "renegotiated"));
        Response deleted = delete(pricing(org, "openai") + "/ft-gpt-4o-acme", orgKey(key));
        Response gone = get(pricing(org, "openai") + "/ft-gpt-4o-acme", orgKey(key));

        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("is_custom").asBoolean()).isTrue();
        assertThat(created.body().path("is_enabled").asBoolean()).isTrue();
        assertThat(created.body().path("model_name").asString()).isEqualTo("ft-gpt-4o-acme");
        assertThat(created.body().path("pricing_id").asString()).isNotBlank();
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(read.body().path("output_price_per_1k").decimalValue()).isEqualByComparingTo("0.015");
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
        assertThat(updated.body().path("input_price_per_1k").decimalValue()).isEqualByComparingTo("0.0035");
        assertThat(updated.body().path("output_price_per_1k").decimalValue()).as("unchanged")
                .isEqualByComparingTo("0.015");
        assertThat(updated.body().path("notes").asString()).isEqualTo("renegotiated");
        assertThat(updated.body().path("updated_at").asString()).isNotEqualTo(created.body().path("updated_at").asString());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(delete(pricing(org, "openai") + "/ft-gpt-4o-acme", orgKey(key)).status()).isEqualTo(404);
    }

    @Test
    void invalidModelPricesAreRefusedAndWriteNothing() {
        OrgSlug org = newSlug("mp_bad");
        String key = onboarded(org, Plan.STARTER);
        Map<String, Object> valid = Map.of("model_id", "m1", "input_price_per_1k", "0.001", "output_price_per_1k",
                "0.002", "effective_date", "2026-01-01", "pricing_type", "standard");

        List<Response> refused = new ArrayList<>(List.of(
                post(pricing(org, "custom"), orgKey(key), without(valid, "pricing_type")),
                post(pricing(org, "custom"), orgKey(key), without(valid, "effective_date")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "input_price_per_1k", "1000001")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "output_price_per_1k", "-0.1")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "model_id", "m/1")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "pricing_type", "cheap")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "end_date", "2025-12-31")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "x_gemini_region", "us-central1")),
                post(pricing(org, "custom"), orgKey(key), with(valid, "discount_percentage", 150)),
                post(pricing(org, "custom"), orgKey(key), with(valid, "surprise", 1)),
                post(pricing(org, "azure_openai"), orgKey(key), valid)));

        assertThat(refused).allSatisfy(r -> assertThat(r.status()).as(r.raw().body()).isIn(400, 422));
        assertThat(rows(org, "custom")).isZero();
        assertThat(post(pricing(org, "custom"), orgKey(key), valid).status()).isEqualTo(201);
        assertThat(put(pricing(org, "custom") + "/m1", orgKey(key), Map.of()).status()).isEqualTo(422);
        assertThat(put(pricing(org, "custom") + "/m1", orgKey(key), Map.of("model_id", "m2")).status()).isEqualTo(422);
        assertThat(put(pricing(org, "custom") + "/m1", orgKey(key), Map.of("end_date", "2025-01-01")).status())
                .isEqualTo(422);
        assertThat(put(pricing(org, "custom") + "/unknown", orgKey(key), Map.of("notes", "x")).status()).isEqualTo(404);
    }

    @Test
    void listsFilterCustomAndEnabledAndPage() {
        OrgSlug org = newSlug("mp_list");
        String key = onboarded(org, Plan.STARTER);
        post(pricing(org, "custom"), orgKey(key), Map.of("model_id", "in-house-llm", "input_price_per_1k", "0.0001",
                "output_price_per_1k", "0.0002", "effective_date", "2026-01-01", "pricing_type", "standard",
                "is_enabled", false));
        long defaults = get(pricing(org, "openai") + "?include_custom=false", orgKey(key)).body().path("total").asLong();

        Response withCustom = get(pricing(org, "openai"), orgKey(key));
        Response disabled = get(pricing(org, "openai") + "?is_enabled=false", orgKey(key));
        Response page = get(pricing(org, "openai") + "?limit=1&offset=1", orgKey(key));
        Response none = get(pricing(org, "openai") + "?limit=0", orgKey(key));

        assertThat(withCustom.body().path("total").asLong()).isEqualTo(defaults + 1);
        assertThat(disabled.body().path("pricing").findValuesAsString("model_id")).contains("in-house-llm");
        assertThat(disabled.body().path("pricing")).allSatisfy(r -> assertThat(r.path("is_enabled").asBoolean()).isFalse());
        assertThat(page.body().path("count").asInt()).isEqualTo(1);
        assertThat(page.body().path("pricing").get(0).path("model_id").asString())
                .isEqualTo(withCustom.body().path("pricing").get(1).path("model_id").asString());
        assertThat(none.body().path("count").asInt()).isZero();
        assertThat(get(pricing(org, "openai") + "?limit=501", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(pricing(org, "openai") + "?offset=-1", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(pricing(org, "vertex") + "", orgKey(key)).status()).isEqualTo(400);
    }

    @Test
    void resetRestoresDefaultsAndKeepsCustomModels() {
        OrgSlug org = newSlug("mp_reset");
        String key = onboarded(org, Plan.STARTER);
        long defaults = get(pricing(org, "openai"), orgKey(key)).body().path("total").asLong();
        put(pricing(org, "openai") + "/gpt-4o", orgKey(key), Map.of("input_price_per_1k", "0.002"));
        String another = get(pricing(org, "openai"), orgKey(key)).body().path("pricing").findValuesAsString("model_id")
                .stream().filter(m -> !m.equals("gpt-4o")).findFirst().orElse(null);
        if (another != null) {
            delete(pricing(org, "openai") + "/" + another, orgKey(key));
        }
        post(pricing(org, "openai"), orgKey(key), Map.of("model_id", "ft-custom", "input_price_per_1k", "0.01",
                "output_price_per_1k", "0.02", "effective_date", "2026-01-01", "pricing_type", "standard"));

        Response reset = post(pricing(org, "openai") + "/reset", orgKey(key), Map.of());

        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertThat(reset.body().path("models_seeded").asLong()).isEqualTo(defaults);
        assertThat(reset.body().path("custom_kept").asInt()).isEqualTo(1);
        assertThat(rows(org, "openai")).isEqualTo(defaults + 1);
        assertThat(get(pricing(org, "openai") + "/gpt-4o", orgKey(key)).body().path("input_price_per_1k")
                .decimalValue()).isEqualByComparingTo("0.0025");
        assertThat(get(pricing(org, "openai") + "/ft-custom", orgKey(key)).status()).isEqualTo(200);
        assertThat(post(pricing(org, "custom") + "/reset", orgKey(key), Map.of()).body().path("models_seeded").asInt())
                .isZero();
    }

    @Test
    void bulkUpdatesChangeKnownModelsAndReportUnknownOnes() {
        OrgSlug org = newSlug("mp_bulk");
        String key = onboarded(org, Plan.STARTER);
        for (String model : List.of("a1", "a2")) {
            post(pricing(org, "deepseek"), orgKey(key), Map.of("model_id", model, "input_price_per_1k", "0.001",
                    "output_price_per_1k", "0.002", "effective_date", "2026-01-01", "pricing_type", "standard"));
        }

        Response bulk = patch(pricing(org, "deepseek"), orgKey(key), Map.of("updates", List.of(
                Map.of("model_id", "a1", "input_price_per_1k", "0.0005"),
                Map.of("model_id", "a2", "is_enabled", false),
                Map.of("model_id", "nope", "notes", "x"))));
        Response duplicate = patch(pricing(org, "deepseek"), orgKey(key), Map.of("updates", List.of(
                Map.of("model_id", "a1", "input_price_per_1k", "0.9"), Map.of("model_id", "a1", "notes", "y"))));
        Response empty = patch(pricing(org, "deepseek"), orgKey(key), Map.of("updates", List.of()));
        Response outOfBounds = patch(pricing(org, "deepseek"), orgKey(key), Map.of("updates", List.of(
                Map.of("model_id", "a1", "input_price_per_1k", "0.9"), Map.of("model_id", "a2",
                        "output_price_per_1k", "-1"))));

        assertThat(bulk.status()).as(bulk.body().toString()).isEqualTo(200);
        assertThat(bulk.body().path("updated_count").asInt()).isEqualTo(2);
        assertThat(bulk.body().path("failed_count").asInt()).isEqualTo(1);
        assertThat(bulk.body().path("success").asBoolean()).isFalse();
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(outOfBounds.status()).isEqualTo(422);
        assertThat(get(pricing(org, "deepseek") + "/a1", orgKey(key)).body().path("input_price_per_1k").decimalValue())
                .as("refused bulk requests change nothing").isEqualByComparingTo("0.0005");
        assertThat(get(pricing(org, "deepseek") + "/a2", orgKey(key)).body().path("is_enabled").asBoolean()).isFalse();
    }

    @Test
    void theLegacyOpenAiRoutesAreTheGenericHandlers() throws Exception {
        OrgSlug org = newSlug("mp_legacy");
        String key = onboarded(org, Plan.STARTER);

        JsonNode paths = get("/openapi.json", Map.of()).body().path("paths");
        List<String> legacy = new ArrayList<>();
        paths.properties().forEach(p -> {
            if (p.getKey().contains("/openai/pricing")) {
                legacy.add(p.getKey());
            }
        });

        assertThat(legacy).as("no second copy of the legacy routes").isEmpty();
        assertThat(paths.path("/api/v1/integrations/{org_slug}/{provider}/pricing").path("get").path("summary")
                .asString()).contains("legacy OpenAI");
        for (String[] route : new String[][] {{"GET", "/openai/pricing"}, {"GET", "/openai/pricing/gpt-4o"},
                {"POST", "/openai/pricing"}, {"PUT", "/openai/pricing/gpt-4o"}, {"DELETE", "/openai/pricing/gpt-4o"},
                {"POST", "/openai/pricing/reset"}, {"PATCH", "/openai/pricing"}}) {
            MockHttpServletRequest request = new MockHttpServletRequest(route[0],
                    "/api/v1/integrations/" + org + route[1]);
            ServletRequestPathUtils.parseAndCache(request);
            HandlerMethod handler = (HandlerMethod) mappings.getHandler(request).getHandler();
            assertThat(handler.getBeanType().getSimpleName()).as(route[0] + " " + route[1])
                    .isEqualTo("ModelPricingController");
        }
        assertThat(get("/api/v1/integrations/" + org + "/openai/pricing/gpt-4o", orgKey(key)).status()).isEqualTo(200);
    }

    private static String pricing(OrgSlug org, String provider) {
        return "/api/v1/integrations/" + org + "/" + provider + "/pricing";
    }

    private static JsonNode model(JsonNode rows, String modelId) {
        for (JsonNode row : rows) {
            if (modelId.equals(row.path("model_id").asString())) {
                return row;
            }
        }
        throw new AssertionError("no " + modelId + " in " + rows);
    }

    private static boolean current(Map<String, String> row) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        boolean tokens = row.get("input_per_1m") != null && new BigDecimal(row.get("input_per_1m")).signum() > 0
                || row.get("output_per_1m") != null && new BigDecimal(row.get("output_per_1m")).signum() > 0;
        return tokens && (row.get("effective_from") == null || !LocalDate.parse(row.get("effective_from")).isAfter(today))
                && (row.get("effective_to") == null || !LocalDate.parse(row.get("effective_to")).isBefore(today));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private long rows(OrgSlug org, String provider) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}.genai_model_pricing WHERE provider = @p")
                .with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), Map.of("p", provider)).getFirst()
                .longValue("n");
    }
}
