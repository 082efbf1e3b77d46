package com.cloudact.api.integrations;

import static com.cloudact.api.ProviderStandIns.OPENAI;
import static com.cloudact.api.ProviderStandIns.OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.api.ProviderStandIns;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.Provider;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class IntegrationsIntegrationTests extends ApiIntegrationTest {

    private static final SqlText ROWS = SqlText.of("""
            SELECT * FROM ${central}.org_integration_credentials WHERE org_slug = @org ORDER BY created_at""")
            .with("central", DatasetName.CENTRAL);
    private static final SqlText AUDIT = SqlText.of("""
            SELECT action, resource_type, details FROM ${central}.org_audit_logs
            WHERE org_slug = @org AND resource_type = 'INTEGRATION' ORDER BY created_at""")
            .with("central", DatasetName.CENTRAL);

    private static final Map<String, Object> AWS_BILLING = Map.of("pipeline_id", "cloud_aws_cost_billing");

    @Autowired
    private CredentialVault vault;

    @Autowired
    private JdbcClient appDb;

    static Stream<Arguments> workingCredentials() {
        return Stream.of(
                Arguments.of("gcp", "GCP_SA", ProviderStandIns.gcpServiceAccount(), "SERVICE_ACCOUNT_JSON"),
                Arguments.of("aws", "AWS", ProviderStandIns.awsAccessKeys(ProviderStandIns.AWS_SECRET), "AWS_ACCESS_KEYS"),
                Arguments.of("azure", "AZURE", ProviderStandIns.azurePrincipal(ProviderStandIns.AZURE_SECRET),
                        "SERVICE_PRINCIPAL_JSON"),
                Arguments.of("oci", "OCI", ProviderStandIns.ociApiKey(TestKeys.rsa()), "OCI_API_KEY"),
                Arguments.of("openai", "OPENAI", OPENAI_KEY, "API_KEY"),
                Arguments.of("anthropic", "ANTHROPIC", ProviderStandIns.ANTHROPIC_KEY, "API_KEY"),
                Arguments.of("gemini", "GEMINI", ProviderStandIns.GEMINI_KEY, "API_KEY"),
                Arguments.of("deepseek", "DEEPSEEK", ProviderStandIns.DEEPSEEK_KEY, "API_KEY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workingCredentials")
    void aWorkingCredentialIsCheckedEncryptedAndListedWithoutItsSecret(String path, String provider, String credential,
                                                                       String type) {
        OrgSlug org = newSlug("integ");
        String key = onboarded(org, Plan.ENTERPRISE);

        Response setup = post("/api/v1/integrations/" + org + "/" + path + "/setup", orgKey(key),
                Map.of("credential", credential, "credential_name", "Production"));

        assertThat(setup.status()).as(setup.body().toString()).isEqualTo(200);
        assertThat(setup.body().path("success").asBoolean()).as(setup.body().toString()).isTrue();
        assertThat(setup.body().path("validation_status").asString()).isEqualTo("VALID");
        assertThat(setup.body().path("provider").asString()).isEqualTo(provider);
        assertThat(setup.body().path("credential_type").asString()).isEqualTo(type);
        Row row = rows(org).getFirst();
        byte[] stored = row.bytes("encrypted_credential");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(credential.substring(0, 12));
        assertThat(vault.decrypt(vault.current(org, Provider.find(provider).orElseThrow()).orElseThrow()))
                .isEqualTo(credential);
        assertThat(row.instant("expires_at")).isCloseTo(Instant.now().plus(90, ChronoUnit.DAYS),
                within(1, ChronoUnit.MINUTES));

        Response list = get("/api/v1/integrations/" + org, orgKey(key));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("integrations").path(provider).path("status").asString()).isEqualTo("VALID");
        assertThat(list.body().path("integrations").path(provider).path("credential_name").asString())
                .isEqualTo("Production");
        assertThat(list.body().path("integrations").path("DEEPSEEK".equals(provider) ? "OPENAI" : "DEEPSEEK")
                .path("status").asString()).isEqualTo("NOT_CONFIGURED");
        assertThat(list.body().path("providers_configured").toString()).contains(provider);
        assertThat(list.body().path("all_valid").asBoolean()).isTrue();
        for (Response answer : List.of(setup, list, get("/api/v1/integrations/" + org + "/" + path, orgKey(key)))) {
            for (String secret : ProviderStandIns.secrets()) {
                assertThat(answer.raw().body()).doesNotContain(secret);
            }
        }
        assertThat(warehouse.query(AUDIT, Map.of("org", org.value()))).singleElement()
                .satisfies(audit -> assertThat(audit.string("action")).isEqualTo("CREATE"));
    }

    @Test
    void aRefusedKeyIsStoredAsInvalidAndPipelinesCannotUseIt() {
        OrgSlug org = newSlug("refused");
        String key = onboarded(org, Plan.STARTER);

        String wrongSecret = "WrongSecretKey00000000000000000000000/+=";
        Response setup = post("/api/v1/integrations/" + org + "/aws/setup", orgKey(key),
                Map.of("credential", ProviderStandIns.awsAccessKeys(wrongSecret)));

        assertThat(setup.status()).isEqualTo(200);
        assertThat(setup.body().path("success").asBoolean()).isFalse();
        assertThat(setup.body().path("validation_status").asString()).isEqualTo("INVALID");
        assertThat(setup.raw().body()).doesNotContain(wrongSecret);
        Response validate = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_BILLING);
        assertThat(validate.body().path("valid").asBoolean()).isFalse();
        assertThat(validate.body().path("error_code").asString()).isEqualTo("INTEGRATION_NOT_CONFIGURED");
        assertThat(validate.body().path("error").asString()).contains("INVALID");
    }

    @Test
    void aValidCredentialLetsThePipelineValidatorPassWithoutHandingOutTheSecret() {
        OrgSlug org = newSlug("usable");
        String key = onboarded(org, Plan.STARTER);
        post("/api/v1/integrations/" + org + "/aws/setup", orgKey(key),
                Map.of("credential", ProviderStandIns.awsAccessKeys(ProviderStandIns.AWS_SECRET)));

        Response validate = post("/api/v1/validator/validate/" + org, orgKey(key), AWS_BILLING);
        Response withSecrets = post("/api/v1/validator/validate/" + org, orgKey(key),
                Map.of("pipeline_id", "cloud_aws_cost_billing", "include_credentials", true));

        assertThat(validate.body().path("valid").asBoolean()).as(validate.body().toString()).isTrue();
        assertThat(validate.body().path("credentials").path("credential_type").asString())
                .isEqualTo("AWS_ACCESS_KEYS");
        assertThat(validate.raw().body()).doesNotContain(ProviderStandIns.AWS_SECRET);
        assertThat(withSecrets.status()).isBetween(400, 499);
    }

    @Test
    void malformedCredentialsAreRefusedAndNothingIsStored() {
        OrgSlug org = newSlug("malformed");
        String key = onboarded(org, Plan.STARTER);
        int before = OPENAI.requests().size();

        Response wrongPrefix = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", "pk-0123456789abcdefghijklmnop"));
        Response notJson = post("/api/v1/integrations/" + org + "/gcp/setup", orgKey(key),
                Map.of("credential", "{not a service account"));
        Response notServiceAccount = post("/api/v1/integrations/" + org + "/gcp/setup", orgKey(key),
                Map.of("credential", "{\"type\":\"authorized_user\",\"client_id\":\"x\"}"));
        Response tooShort = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key), Map.of("credential", "sk-1"));
        Response unknownField = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", OPENAI_KEY, "password", "x"));
        Response unknownMetadata = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", OPENAI_KEY, "metadata", Map.of("role_arn", "arn:aws:iam::1:role/x")));
        Response huge = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", "sk-" + "a".repeat(110_000)));

        assertThat(wrongPrefix.status()).isEqualTo(422);
        assertThat(wrongPrefix.body().path("detail").asString()).contains("start with");
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notServiceAccount.status()).isEqualTo(422);
        assertThat(notServiceAccount.body().path("detail").asString()).contains("service_account");
        assertThat(tooShort.status()).isBetween(400, 422);
        assertThat(unknownField.status()).isBetween(400, 422);
        assertThat(unknownMetadata.status()).isEqualTo(400);
        assertThat(unknownMetadata.body().path("detail").asString()).contains("role_arn");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(rows(org)).isEmpty();
        assertThat(OPENAI.requests()).hasSize(before);
    }

    @Test
    void gcpMetadataKeepsTheCredentialsProjectAndAcceptsTheBillingExportTable() {
        OrgSlug org = newSlug("gcpmeta");
        String key = onboarded(org, Plan.STARTER);

        Response setup = post("/api/v1/integrations/" + org + "/gcp/setup", orgKey(key),
                Map.of("credential", ProviderStandIns.gcpServiceAccount(), "metadata",
                        Map.of("billing_export_table", "acme-prod-123.billing.gcp_billing_export_v1_0A1B2C")));
        Response renamed = send(HttpRequest.newBuilder(uri("/api/v1/integrations/" + org + "/gcp_sa"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"credential_name\":\"Billing reader\",\"metadata\":{\"notes\":\"prod\"}}")),
                orgKey(key));
        Response overwrite = send(HttpRequest.newBuilder(uri("/api/v1/integrations/" + org + "/gcp"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"project_id\":\"other-project-9\"}}")),
                orgKey(key));

        assertThat(setup.body().path("success").asBoolean()).as(setup.body().toString()).isTrue();
        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);
        assertThat(overwrite.status()).isEqualTo(400);
        Response one = get("/api/v1/integrations/" + org + "/gcp", orgKey(key));
        assertThat(one.body().path("credential_name").asString()).isEqualTo("Billing reader");
        assertThat(one.body().path("provider_account_id").asString()).isEqualTo(ProviderStandIns.GCP_PROJECT);
        assertThat(one.body().path("metadata").path("project_id").asString()).isEqualTo(ProviderStandIns.GCP_PROJECT);
        assertThat(one.body().path("metadata").path("client_email").asString()).isEqualTo(ProviderStandIns.GCP_EMAIL);
        assertThat(one.body().path("metadata").path("billing_export_table").asString()).startsWith("acme-prod-123.billing.");
        assertThat(one.body().path("metadata").path("notes").asString()).isEqualTo("prod");
    }

    @Test
    void aNewValidCredentialReplacesTheOldOneAfterTheGracePeriod() {
        OrgSlug org = newSlug("rotate");
        String key = onboarded(org, Plan.STARTER);
        String first = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", OPENAI_KEY)).body().path("credential_id").asString();
        post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", "sk-proj-failing0123456789abcdefghij"));

        String second = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", OPENAI_KEY)).body().path("credential_id").asString();

        List<Row> rows = rows(org);
        assertThat(rows).hasSize(3);
        Row old = rows.getFirst();
        assertThat(old.string("credential_id")).isEqualTo(first);
        assertThat(old.bool("is_active")).isTrue();
        assertThat(old.instant("deactivation_scheduled_at")).isCloseTo(Instant.now().plus(Duration.ofHours(24)),
                within(1, ChronoUnit.MINUTES));
        assertThat(rows.get(1).bool("is_active")).as("a credential that never worked stops at once").isFalse();
        assertThat(rows.get(2).instant("deactivation_scheduled_at")).isNull();
        assertThat(get("/api/v1/integrations/" + org + "/openai", orgKey(key)).body().path("credential_id").asString())
                .isEqualTo(second);
    }

    @Test
    void revalidationRecordsWhatTheProviderSaysNow() {
        OrgSlug org = newSlug("revalid");
        String key = onboarded(org, Plan.STARTER);

        Response none = post("/api/v1/integrations/" + org + "/anthropic/validate", orgKey(key), Map.of());
        post("/api/v1/integrations/" + org + "/anthropic/setup", orgKey(key),
                Map.of("credential", ProviderStandIns.ANTHROPIC_KEY));
        ProviderStandIns.ANTHROPIC.failNext(new StandIn.Reply(401, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}",
                Map.of()));
        Response revoked = post("/api/v1/integrations/" + org + "/anthropic/validate", orgKey(key), Map.of());
        Response again = post("/api/v1/integrations/" + org + "/anthropic/validate", orgKey(key), Map.of());

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("validation_status").asString()).isEqualTo("NOT_CONFIGURED");
        assertThat(none.body().path("success").asBoolean()).isFalse();
        assertThat(revoked.body().path("validation_status").asString()).isEqualTo("INVALID");
        assertThat(again.body().path("validation_status").asString()).isEqualTo("VALID");
        Row row = rows(org).getFirst();
        assertThat(row.string("validation_status")).isEqualTo("VALID");
        assertThat(row.string("last_error")).isNull();
    }

    @Test
    void aRedirectFromTheProviderIsNotFollowed() {
        OrgSlug org = newSlug("redirect");
        String key = onboarded(org, Plan.STARTER);
        OPENAI.redirectNext();

        Response setup = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", OPENAI_KEY));

        assertThat(setup.body().path("success").asBoolean()).isFalse();
        assertThat(OPENAI.redirectFollowed()).isFalse();
    }

    @Test
    void thePlansProviderLimitCountsDistinctProviders() {
        OrgSlug org = newSlug("limit");
        String key = onboarded(org, Plan.STARTER);
        appDb.sql("UPDATE organizations SET providers_limit = 1 WHERE org_slug = :org").param("org", org.value()).update();
        post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key), Map.of("credential", OPENAI_KEY));

        Response sameProvider = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key),
                Map.of("credential", OPENAI_KEY));
        Response secondProvider = post("/api/v1/integrations/" + org + "/deepseek/setup", orgKey(key),
                Map.of("credential", ProviderStandIns.DEEPSEEK_KEY));

        assertThat(sameProvider.status()).isEqualTo(200);
        assertThat(secondProvider.status()).isEqualTo(429);
        assertThat(secondProvider.body().path("detail").asString())
                .isEqualTo("Integration limit reached. Your plan allows 1 integrations. Upgrade to add more.");
        Response quota = get("/api/v1/organizations/" + org + "/quota", orgKey(key));
        assertThat(quota.body().path("configuredProvidersCount").asLong()).isEqualTo(1);
        assertThat(quota.body().path("providersLimit").asLong()).isEqualTo(1);
    }

    @Test
    void deleteDeactivatesEveryCredentialOfTheProvider() {
        OrgSlug org = newSlug("delete");
        String key = onboarded(org, Plan.STARTER);
        post("/api/v1/integrations/" + org + "/gemini/setup", orgKey(key), Map.of("credential", ProviderStandIns.GEMINI_KEY));

        Response deleted = send(HttpRequest.newBuilder(uri("/api/v1/integrations/" + org + "/google")).DELETE(), orgKey(key));
        Response again = send(HttpRequest.newBuilder(uri("/api/v1/integrations/" + org + "/gemini")).DELETE(), orgKey(key));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("provider").asString()).isEqualTo("GEMINI");
        assertThat(again.status()).isEqualTo(404);
        assertThat(get("/api/v1/integrations/" + org + "/gemini", orgKey(key)).body().path("status").asString())
                .isEqualTo("NOT_CONFIGURED");
        assertThat(rows(org)).singleElement().satisfies(r -> assertThat(r.bool("is_active")).isFalse());
    }

    @Test
    void unknownProvidersMissingIntegrationsAndOtherOrgsAreRefused() {
        OrgSlug org = newSlug("refuse");
        String key = onboarded(org, Plan.STARTER);
        OrgSlug other = newSlug("other");
        String otherKey = onboarded(other, Plan.STARTER);
        post("/api/v1/integrations/" + org + "/openai/setup", orgKey(key), Map.of("credential", OPENAI_KEY));

        assertThat(get("/api/v1/integrations/" + org + "/slack", orgKey(key)).status()).isEqualTo(400);
        assertThat(get("/api/v1/integrations/" + org + "/nope", orgKey(key)).status()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/integrations/" + org + "/azure"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"credential_name\":\"abc\"}")), orgKey(key)).status())
                .isEqualTo(404);
        Response foreign = get("/api/v1/integrations/" + org, orgKey(otherKey));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.raw().body()).doesNotContain("OPENAI");
        assertThat(post("/api/v1/integrations/" + org + "/openai/setup", orgKey(otherKey),
                Map.of("credential", OPENAI_KEY)).status()).isEqualTo(403);
    }

    @Test
    void aKeyWithoutTheIntegrationsScopeCannotChangeIntegrations() {
        OrgSlug org = newSlug("scoped");
        String key = onboarded(org, Plan.STARTER);
        Map<String, Object> rotate = new HashMap<>();
        rotate.put("scopes", List.of("costs:read"));
        String readOnly = post("/api/v1/organizations/" + org + "/api-key/rotate", root(), rotate)
                .body().path("api_key").asString();

        Response setup = post("/api/v1/integrations/" + org + "/openai/setup", orgKey(readOnly),
                Map.of("credential", OPENAI_KEY));

        assertThat(setup.status()).isEqualTo(403);
        assertThat(rows(org)).isEmpty();
        assertThat(key).isNotEqualTo(readOnly);
    }

    private List<Row> rows(OrgSlug org) {
        return warehouse.query(ROWS, Map.of("org", org.value()));
    }
}
