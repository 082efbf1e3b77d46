package com.cloudact.api.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.warehouse.SqlText;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The GenAI router's pricing routes: shipped defaults, custom prices, overrides, soft deletes. */
class GenAiPricingIntegrationTests extends GenAiRequests {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void onboardingGivesTheOrgTheShippedPriceListSoSeedingAddsNothing() {
        OrgSlug org = newSlug("genai_onboarded");
        String key = onboarded(org, Plan.STARTER);

        Response seeded = post(base(org) + "/pricing/seed-defaults", orgKey(key), Map.of());

        assertThat(count(org, "genai_payg_pricing")).isEqualTo(GenAiDefaultPricing.rows(GenAiFlow.PAYG).size());
        assertThat(count(org, "genai_commitment_pricing"))
                .isEqualTo(GenAiDefaultPricing.rows(GenAiFlow.COMMITMENT).size());
        assertThat(count(org, "genai_infrastructure_pricing"))
                .isEqualTo(GenAiDefaultPricing.rows(GenAiFlow.INFRASTRUCTURE).size());
        assertThat(seeded.body().path("rows_seeded").toString())
                .isEqualTo("{\"payg\":0,\"commitment\":0,\"infrastructure\":0}");
    }

    @Test
    void seedDefaultsIsReachableAndSeedingTwiceAddsNothing() {
        OrgSlug org = newSlug("genai_seed");
        String key = onboardedBeforeThePriceList(org);
        int payg = GenAiDefaultPricing.rows(GenAiFlow.PAYG).size();
        int commitment = GenAiDefaultPricing.rows(GenAiFlow.COMMITMENT).size();
        int infrastructure = GenAiDefaultPricing.rows(GenAiFlow.INFRASTRUCTURE).size();

        Response paygOnly = post(base(org) + "/pricing/seed-defaults?flow=payg", orgKey(key), Map.of());
        Response first = post(base(org) + "/pricing/seed-defaults", orgKey(key), Map.of());
        Response second = post(base(org) + "/pricing/seed-defaults", orgKey(key), Map.of());

        assertThat(paygOnly.status()).as(paygOnly.body().toString()).isEqualTo(200);
        assertThat(paygOnly.body().path("rows_seeded").toString()).isEqualTo("{\"payg\":" + payg + "}");
        assertThat(first.body().path("rows_seeded").path("payg").asInt()).isZero();
        assertThat(first.body().path("rows_seeded").path("commitment").asInt()).isEqualTo(commitment);
        assertThat(first.body().path("rows_seeded").path("infrastructure").asInt()).isEqualTo(infrastructure);
        assertThat(second.body().path("rows_seeded").toString())
                .isEqualTo("{\"payg\":0,\"commitment\":0,\"infrastructure\":0}");
        assertThat(count(org, "genai_payg_pricing")).isEqualTo(payg);
        assertThat(count(org, "genai_commitment_pricing")).isEqualTo(commitment);
        assertThat(count(org, "genai_infrastructure_pricing")).isEqualTo(infrastructure);
        Response all = get(base(org) + "/pricing?include_inactive=true", orgKey(key));
        assertThat(all.body().path("total_count").asInt()).isEqualTo(payg + commitment + infrastructure);
        assertThat(all.body().path("payg").get(0).path("origin").asString()).isEqualTo("default");
        assertThat(all.body().path("payg").get(0).has("x_org_slug")).isFalse();
        assertThat(post(base(org) + "/pricing/seed-defaults?flow=tokens", orgKey(key), Map.of()).status())
                .isEqualTo(400);
    }

    @Test
    void replacingTheDefaultsRestoresShippedPricesAndDropsOverridesOnThem() {
        OrgSlug org = newSlug("genai_replace");
        String key = onboardedBeforeThePriceList(org);
        post(base(org) + "/pricing/seed-defaults?flow=infrastructure", orgKey(key), Map.of());
        String instance = GenAiDefaultPricing.rows(GenAiFlow.INFRASTRUCTURE).getFirst().get("instance_type");
        String provider = GenAiDefaultPricing.rows(GenAiFlow.INFRASTRUCTURE).getFirst().get("provider");
        assertThat(put(base(org) + "/pricing/infrastructure/" + instance + "/override?provider=" + provider,
                orgKey(key), Map.of("override_value", 2)).status()).isEqualTo(200);

        Response replaced = post(base(org) + "/pricing/seed-defaults?flow=infrastructure&replace=true", orgKey(key),
                Map.of());

        assertThat(replaced.body().path("replace").asBoolean()).isTrue();
        JsonNode rows = get(base(org) + "/pricing/infrastructure?provider=" + provider, orgKey(key)).body()
                .path("pricing");
        JsonNode row = find(rows, "instance_type", instance);
        assertThat(row.path("is_override").asBoolean()).isFalse();
        assertThat(row.path("override_hourly_rate").isNull()).isTrue();
        assertThat(count(org, "genai_infrastructure_pricing"))
                .isEqualTo(GenAiDefaultPricing.rows(GenAiFlow.INFRASTRUCTURE).size());
    }

    @Test
    void customPricesAreUpsertedByTheirPriceKeyWithFlowSpecificFields() {
        OrgSlug org = newSlug("genai_custom");
        String key = onboardedBeforeThePriceList(org);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("provider", "openai", "model", "ft:gpt-4o:acme:v1",
                "input_per_1m", "3.75", "output_per_1m", "15", "cached_input_per_1m", "1.875", "notes", "fine-tuned"));

        Response created = post(base(org) + "/pricing/payg", orgKey(key), body);
        body.put("output_per_1m", "16.5");
        Response updated = post(base(org) + "/pricing/payg", orgKey(key), body);

        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("created").asBoolean()).isTrue();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("created").asBoolean()).isFalse();
        JsonNode rows = get(base(org) + "/pricing/payg?provider=openai", orgKey(key)).body().path("pricing");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("output_per_1m").decimalValue()).isEqualByComparingTo("16.5");
        assertThat(rows.get(0).path("input_per_1m").decimalValue()).isEqualByComparingTo("3.75");
        assertThat(rows.get(0).path("region").asString()).isEqualTo("global");
        assertThat(rows.get(0).path("origin").asString()).isEqualTo("custom");
        assertThat(rows.get(0).path("status").asString()).isEqualTo("active");

        Response commitment = post(base(org) + "/pricing/commitment", orgKey(key), Map.of("provider", "azure_openai",
                "commitment_type", "ptu", "model", "gpt-4o", "region", "westeurope", "ptu_hourly_rate", "1.10",
                "min_units", 15, "max_units", 100));
        Response infrastructure = post(base(org) + "/pricing/infrastructure", orgKey(key), Map.of("provider", "aws_gpu",
                "instance_type", "p5.48xlarge", "gpu_type", "H100", "gpu_count", 8, "hourly_rate", "98.32",
                "spot_discount_pct", 60, "cloud_provider", "aws"));
        assertThat(commitment.status()).as(commitment.body().toString()).isEqualTo(201);
        assertThat(infrastructure.status()).as(infrastructure.body().toString()).isEqualTo(201);
        JsonNode gpu = infrastructure.body().path("pricing").get(0);
        assertThat(gpu.path("resource_type").asString()).isEqualTo("gpu");
        assertThat(gpu.path("pricing_id").asString()).isNotBlank();
        assertThat(gpu.path("hourly_rate").decimalValue()).isEqualByComparingTo("98.32");
    }

    @Test
    void customPricesOutsideTheirBoundsOrFlowAreRefusedAndWriteNothing() {
        OrgSlug org = newSlug("genai_bounds");
        String key = onboardedBeforeThePriceList(org);
        Map<String, Object> valid = Map.of("provider", "openai", "model", "gpt-x", "input_per_1m", 1,
                "output_per_1m", 2);

        List<Response> refused = List.of(
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "input_per_1m", "1000000.01")),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "output_per_1m", "-1")),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "model", "gpt x")),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "region", "us;drop")),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "hourly_rate", 3)),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "provider", "gcp_gpu")),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "batch_discount_pct", 101)),
                post(base(org) + "/pricing/payg", orgKey(key), with(valid, "effective_from", "2026-02-30")),
                post(base(org) + "/pricing/payg", orgKey(key), Map.of("provider", "openai", "model", "gpt-x",
                        "input_per_1m", 1)),
                post(base(org) + "/pricing/commitment", orgKey(key), Map.of("provider", "azure_openai",
                        "commitment_type", "ptu", "model", "gpt-4o")),
                post(base(org) + "/pricing/infrastructure", orgKey(key), Map.of("provider", "aws_gpu",
                        "instance_type", "p5", "gpu_type", "H100", "hourly_rate", 1, "resource_type", "fpga")));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).as(r.body().toString()).isIn(400, 422);
            assertThat(r.header("Content-Type")).contains("problem+json");
        });
        assertThat(count(org, "genai_payg_pricing") + count(org, "genai_commitment_pricing")
                + count(org, "genai_infrastructure_pricing")).isZero();
        assertThat(post(base(org) + "/pricing/payg", orgKey(key), with(valid, "model", "openai/gpt-oss-120b:free"))
                .status()).as("model names may hold / and :").isEqualTo(201);
    }

    @Test
    void anOverrideAppliesFromItsDateAndIsGuardedByTheEntrysVersion() {
        OrgSlug org = newSlug("genai_override");
        String key = onboardedBeforeThePriceList(org);
        post(base(org) + "/pricing/payg", orgKey(key), Map.of("provider", "anthropic", "model", "claude-test",
                "input_per_1m", "3", "output_per_1m", "15"));
        String version = get(base(org) + "/pricing/payg", orgKey(key)).body().path("pricing").get(0)
                .path("last_updated").asString();

        Response input = put(base(org) + "/pricing/payg/claude-test/override", orgKey(key), Map.of(
                "override_value", "2.4", "notes", "negotiated", "effective_from", TODAY.minusDays(10).toString(),
                "expected_last_updated", version));
        Response stale = put(base(org) + "/pricing/payg/claude-test/override", orgKey(key), Map.of(
                "override_value", "9", "expected_last_updated", version));
        String current = input.body().path("pricing").get(0).path("last_updated").asString();
        Response output = put(base(org) + "/pricing/payg/claude-test/override", orgKey(key), Map.of(
                "override_value", "12", "price_type", "output", "effective_from", TODAY.minusDays(10).toString(),
                "expected_last_updated", current));

        assertThat(input.status()).as(input.body().toString()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("error").asString()).isEqualTo("CONFLICT");
        assertThat(output.status()).as(output.body().toString()).isEqualTo(200);
        JsonNode row = get(base(org) + "/pricing/payg", orgKey(key)).body().path("pricing").get(0);
        assertThat(row.path("is_override").asBoolean()).isTrue();
        assertThat(row.path("override_input_per_1m").decimalValue()).isEqualByComparingTo("2.4");
        assertThat(row.path("override_output_per_1m").decimalValue()).isEqualByComparingTo("12");
        assertThat(row.path("input_per_1m").decimalValue()).as("the list price stays").isEqualByComparingTo("3");
        assertThat(row.path("override_effective_from").asString()).isEqualTo(TODAY.minusDays(10).toString());
        assertThat(row.path("override_notes").asString()).as("notes kept when not given").isEqualTo("negotiated");

        for (Object bad : List.of(TODAY.minusDays(31).toString(), TODAY.plusDays(366).toString())) {
            assertThat(put(base(org) + "/pricing/payg/claude-test/override", orgKey(key),
                    Map.of("override_value", 1, "effective_from", bad)).status()).isEqualTo(422);
        }
        assertThat(put(base(org) + "/pricing/payg/claude-test/override", orgKey(key),
                Map.of("override_value", 1, "effective_from", TODAY.plusDays(365).toString())).status()).isEqualTo(200);
        for (Object bad : List.of(0, "-1", "1000000.5")) {
            assertThat(put(base(org) + "/pricing/payg/claude-test/override", orgKey(key),
                    Map.of("override_value", bad)).status()).isEqualTo(422);
        }
        assertThat(put(base(org) + "/pricing/payg/claude-test/override", orgKey(key),
                Map.of("override_value", 1, "price_type", "hourly")).status()).isEqualTo(422);
        assertThat(put(base(org) + "/pricing/payg/claude-nothing/override", orgKey(key),
                Map.of("override_value", 1)).status()).isEqualTo(404);
        assertThat(put(base(org) + "/pricing/payg/bad%20id/override", orgKey(key),
                Map.of("override_value", 1)).status()).isEqualTo(400);
    }

    @Test
    void commitmentAndInfrastructureOverridesSetTheirRates() {
        OrgSlug org = newSlug("genai_rates");
        String key = onboardedBeforeThePriceList(org);
        post(base(org) + "/pricing/commitment", orgKey(key), Map.of("provider", "gcp_vertex", "commitment_type", "gsu",
                "model", "gemini-2.5-pro", "ptu_hourly_rate", "5", "ptu_monthly_rate", "3000"));
        post(base(org) + "/pricing/infrastructure", orgKey(key), Map.of("provider", "gcp_gpu",
                "instance_type", "g2-standard-4", "gpu_type", "L4", "hourly_rate", "0.85"));

        Response monthly = put(base(org) + "/pricing/commitment/gemini-2.5-pro/override", orgKey(key),
                Map.of("override_value", "2500", "price_type", "monthly"));
        Response hourly = put(base(org) + "/pricing/infrastructure/g2-standard-4/override", orgKey(key),
                Map.of("override_value", "0.70"));

        JsonNode commitment = monthly.body().path("pricing").get(0);
        assertThat(commitment.path("override_monthly_rate").decimalValue()).isEqualByComparingTo("2500");
        assertThat(commitment.path("override_hourly_rate").isNull()).isTrue();
        assertThat(hourly.body().path("pricing").get(0).path("override_hourly_rate").decimalValue())
                .isEqualByComparingTo("0.70");
        assertThat(put(base(org) + "/pricing/infrastructure/g2-standard-4/override", orgKey(key),
                Map.of("override_value", "1", "price_type", "monthly")).status()).isEqualTo(422);
    }

    @Test
    void softDeleteIsIdempotentAndRefusesRowsCarryingAnOverride() {
        OrgSlug org = newSlug("genai_delete");
        String key = onboardedBeforeThePriceList(org);
        post(base(org) + "/pricing/payg", orgKey(key), Map.of("provider", "deepseek", "model", "deepseek-x",
                "input_per_1m", "0.28", "output_per_1m", "0.42"));
        put(base(org) + "/pricing/payg/deepseek-x/override", orgKey(key), Map.of("override_value", "0.2"));

        Response refused = delete(base(org) + "/pricing/payg/deepseek-x", orgKey(key));
        Response cleared = delete(base(org) + "/pricing/payg/deepseek-x/override", orgKey(key));
        Response clearedAgain = delete(base(org) + "/pricing/payg/deepseek-x/override", orgKey(key));
        Response deleted = delete(base(org) + "/pricing/payg/deepseek-x", orgKey(key));
        Response again = delete(base(org) + "/pricing/payg/deepseek-x", orgKey(key));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("detail").asString()).contains("override");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().path("rows_changed").asLong()).isEqualTo(1);
        JsonNode clearedRow = cleared.body().path("pricing").get(0);
        assertThat(clearedRow.path("is_override").asBoolean()).isFalse();
        assertThat(clearedRow.path("override_input_per_1m").isNull()).isTrue();
        assertThat(clearedAgain.body().path("rows_changed").asLong()).isZero();
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("rows_changed").asLong()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("rows_changed").asLong()).isZero();
        assertThat(again.body().path("pricing").get(0).path("status").asString()).isEqualTo("deleted");
        assertThat(get(base(org) + "/pricing/payg", orgKey(key)).body().path("count").asInt()).isZero();
        assertThat(get(base(org) + "/pricing/payg?include_inactive=true", orgKey(key)).body().path("count").asInt())
                .isEqualTo(1);
        assertThat(delete(base(org) + "/pricing/payg/never-priced", orgKey(key)).status()).isEqualTo(404);
        assertThat(put(base(org) + "/pricing/payg/deepseek-x/override", orgKey(key), Map.of("override_value", "1"))
                .status()).as("a deleted entry takes no override").isEqualTo(404);
    }

    @Test
    void anIdentifierTwoProvidersShareMustBeNarrowedByProvider() {
        OrgSlug org = newSlug("genai_shared");
        String key = onboardedBeforeThePriceList(org);
        for (String provider : List.of("openai", "azure_openai")) {
            post(base(org) + "/pricing/payg", orgKey(key), Map.of("provider", provider, "model", "gpt-4.1",
                    "input_per_1m", "2", "output_per_1m", "8"));
        }

        Response ambiguous = put(base(org) + "/pricing/payg/gpt-4.1/override", orgKey(key), Map.of("override_value", 1));
        Response narrowed = put(base(org) + "/pricing/payg/gpt-4.1/override?provider=azure_openai", orgKey(key),
                Map.of("override_value", "1.8"));

        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.body().path("rows_changed").asLong()).isEqualTo(1);
        JsonNode openai = get(base(org) + "/pricing/payg?provider=openai", orgKey(key)).body().path("pricing").get(0);
        assertThat(openai.path("is_override").asBoolean()).isFalse();
        assertThat(get(base(org) + "/pricing/payg?provider=not_a_provider", orgKey(key)).status()).isEqualTo(400);
        assertThat(get(base(org) + "/pricing/tokens", orgKey(key)).status()).isEqualTo(400);
    }

    @Test
    void theRootKeyReachesEveryOrgAndAnotherOrgsKeyNone() {
        OrgSlug org = newSlug("genai_owner");
        String key = onboardedBeforeThePriceList(org);
        String intruder = onboarded(newSlug("genai_other"), Plan.STARTER);
        post(base(org) + "/pricing/payg", orgKey(key), Map.of("provider", "openai", "model", "own-model",
                "input_per_1m", "1", "output_per_1m", "2"));

        Response asRoot = get(base(org) + "/pricing/payg", root());
        Response read = get(base(org) + "/pricing/payg", orgKey(intruder));
        Response override = put(base(org) + "/pricing/payg/own-model/override", orgKey(intruder),
                Map.of("override_value", "0.01"));
        Response seed = post(base(org) + "/pricing/seed-defaults", orgKey(intruder), Map.of());

        assertThat(asRoot.status()).isEqualTo(200);
        assertThat(asRoot.body().path("count").asInt()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.raw().body()).doesNotContain("own-model");
        assertThat(override.status()).isEqualTo(403);
        assertThat(seed.status()).isEqualTo(403);
        assertThat(get(base(org) + "/pricing/payg", orgKey(key)).body().path("pricing").get(0).path("is_override")
                .asBoolean()).isFalse();
        assertThat(count(org, "genai_payg_pricing")).isEqualTo(1);
    }

    private static String base(OrgSlug org) {
        return "/api/v1/genai/" + org;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (value.equals(row.path(field).asString())) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + "=" + value + " in " + rows);
    }

    /**
     * An org onboarded before CloudAct shipped its price list: onboarding now copies the list in, so its tables are
     * emptied to start from where such an org stands.
     */
    private String onboardedBeforeThePriceList(OrgSlug org) {
        String key = onboarded(org, Plan.STARTER);
        for (GenAiFlow flow : GenAiFlow.values()) {
            warehouse.execute(SqlText.of("DELETE FROM ${ds}." + flow.pricingTable() + " WHERE TRUE")
                    .with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), Map.of());
        }
        return key;
    }

    private long count(OrgSlug org, String table) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table)
                .with("ds", DatasetName.forOrg(org, DeploymentEnv.LOCAL)), Map.of()).getFirst().longValue("n");
    }
}
