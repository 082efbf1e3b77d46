package com.cloudact.api.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OnboardingIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private CredentialCipher cipher;

    @Test
    void onboardingCreatesTheDatasetProfileKeyAndQuotaRow() {
        OrgSlug org = newSlug("onboard");
        register(org, Plan.PROFESSIONAL, "trialing");

        Response response = post("/api/v1/organizations/onboard", root(), onboardBody(org.value(), "professional"));

        assertThat(response.status()).isEqualTo(200);
        String key = response.body().path("api_key").asString();
        assertThat(key).matches(org.value() + "_api_[A-Za-z0-9_-]{43}");
        assertThat(response.body().path("org_dataset_id").asString()).isEqualTo(org.value() + "_local");
        assertThat(response.body().path("tables_created").toString())
                .contains("cost_data_standard_1_3", "cloud_aws_billing_raw_daily");
        DatasetName dataset = DatasetName.forOrg(org, DeploymentEnv.LOCAL);
        assertThat(warehouse.describe(dataset)).containsKeys("cost_data_standard_1_3", "cloud_aws_billing_raw_daily");

        Row stored = warehouse.query(SqlText.of("SELECT * FROM ${c}.org_api_keys WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst();
        assertThat(stored.string("org_api_key_hash")).isEqualTo(ApiKeys.hash(key)).isNotEqualTo(key);
        assertThat(new String(stored.bytes("encrypted_org_api_key"))).doesNotContain(key);
        Row profile = warehouse.query(SqlText.of("SELECT * FROM ${c}.org_profiles WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst();
        assertThat(profile.string("admin_email")).isEqualTo("admin@example.com");
        assertThat(profile.string("subscription_plan")).isEqualTo("PROFESSIONAL");
        assertThat(warehouse.query(SqlText.of("SELECT daily_limit FROM ${c}.org_usage_quotas WHERE org_slug = @org")
                .with("c", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst().longValue("daily_limit"))
                .isEqualTo(25);

        var account = appOrganizations.find(org).orElseThrow();
        assertThat(account.backendOnboarded()).isTrue();
        assertThat(account.limits().dailyPipelines()).isEqualTo(25);
        byte[] frontendCopy = appOrganizations.encryptedApiKey(org).orElseThrow();
        assertThat(cipher.decryptString(frontendCopy, AppOrganizations.apiKeyContext(org))).isEqualTo(key);
    }

    @Test
    void onboardingTwiceIsAConflictEvenWithDifferentCase() {
        OrgSlug org = newSlug("twice");
        onboarded(org, Plan.STARTER);

        Response again = post("/api/v1/organizations/onboard", root(), onboardBody(org.value().toUpperCase(), "STARTER"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asString()).isEqualTo("ORG_ALREADY_EXISTS");
    }

    @Test
    void regenerateIfExistsReturnsTheActiveKeyInsteadOfAConflict() {
        OrgSlug org = newSlug("regen");
        String key = onboarded(org, Plan.STARTER);
        Map<String, Object> body = new java.util.HashMap<>(onboardBody(org.value(), "STARTER"));
        body.put("regenerate_api_key_if_exists", true);

        Response again = post("/api/v1/organizations/onboard", root(), body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("api_key").asString()).isEqualTo(key);
    }

    @Test
    void anOrganizationWithoutAnAccountCannotBeOnboarded() {
        OrgSlug org = newSlug("ghost");

        Response response = post("/api/v1/organizations/onboard", root(), onboardBody(org.value(), "STARTER"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().path("error").asString()).isEqualTo("ORG_NOT_REGISTERED");
        assertThat(warehouse.datasetExists(DatasetName.forOrg(org, DeploymentEnv.LOCAL))).isFalse();
    }

    @Test
    void invalidBodiesAreRefusedWithTheFieldsAndWriteNothing() {
        Map<String, Object> bad = new java.util.HashMap<>(onboardBody("bad-slug!", "GOLD"));
        bad.put("admin_email", "not-an-email");

        Response response = post("/api/v1/organizations/onboard", root(), bad);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("error").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").toString()).contains("org_slug", "admin_email");
        Response unknownField = post("/api/v1/organizations/onboard", root(), "{\"org_slug\":\"abc\",\"evil\":1}");
        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(unknownField.body().path("detail").asString()).contains("evil");
        Response malformed = post("/api/v1/organizations/onboard", root(), "{\"org_slug\":");
        assertThat(malformed.status()).isEqualTo(400);
        Response badPlan = post("/api/v1/organizations/onboard", root(), onboardBody("valid_slug_plan", "GOLD"));
        assertThat(badPlan.status()).isEqualTo(422);
        assertThat(badPlan.body().path("detail").asString()).contains("GOLD");
    }

    @Test
    void onboardingNeedsTheRootKey() {
        OrgSlug org = newSlug("rootonly");
        String key = onboarded(org, Plan.STARTER);

        Response withOrgKey = post("/api/v1/organizations/onboard", orgKey(key), onboardBody("other_org_x", "STARTER"));

        assertThat(withOrgKey.status()).isEqualTo(403);
        assertThat(withOrgKey.body().path("error").asString()).isEqualTo("FORBIDDEN");
    }
}
