package com.cloudact.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.auth.OrgKeyAuthenticator;
import com.cloudact.platform.warehouse.SqlText;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Keys and tenancy on an org-scoped route: each org reaches only its own data. */
class AuthIntegrationTests extends ApiIntegrationTest {

    @Autowired
    private OrgKeyAuthenticator keys;

    @Test
    void anOrgKeyReachesItsOwnOrgOnly() {
        OrgSlug first = newSlug("tenant_a");
        OrgSlug second = newSlug("tenant_b");
        String firstKey = onboarded(first, Plan.STARTER);
        String secondKey = onboarded(second, Plan.STARTER);

        Response own = get("/api/v1/costs/" + first + "/summary", orgKey(firstKey));
        Response other = get("/api/v1/costs/" + first + "/summary", orgKey(secondKey));

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("org_slug").asString()).isEqualTo(first.value());
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body().path("error").asString()).isEqualTo("ORG_MISMATCH");
        assertThat(other.body().has("summary")).isFalse();
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void missingOrWrongKeysAre401WithProblemDetails() {
        OrgSlug org = newSlug("tenant_c");
        onboarded(org, Plan.STARTER);

        Response none = get("/api/v1/costs/" + org + "/summary", Map.of());
        Response wrong = get("/api/v1/costs/" + org + "/summary", orgKey(org.value() + "_api_" + "x".repeat(43)));

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("error").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("ApiKey");
        assertThat(wrong.body().path("request_id").asString()).isEqualTo(wrong.header("X-Request-ID"));
    }

    @Test
    void anExpiredKeyIsRefused() {
        OrgSlug org = newSlug("expired");
        String key = onboarded(org, Plan.STARTER);
        warehouse.execute(SqlText.of("""
                UPDATE ${central}.org_api_keys SET expires_at = @past WHERE org_slug = @org""")
                .with("central", DatasetName.CENTRAL), Map.of("org", org.value(), "past", Instant.now().minusSeconds(60)));

        Response expired = get("/api/v1/integrations/" + org, orgKey(key));

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body().path("error").asString()).isEqualTo("API_KEY_EXPIRED");
    }

    @Test
    void useOfAKeyIsRecordedAsItsLastUse() {
        OrgSlug org = newSlug("lastused");
        String key = onboarded(org, Plan.STARTER);
        Instant before = Instant.now().minusSeconds(1);

        get("/api/v1/integrations/" + org, orgKey(key));
        keys.flushLastUsed();

        Instant lastUsed = warehouse.query(SqlText.of(
                "SELECT last_used_at FROM ${central}.org_api_keys WHERE org_slug = @org AND is_active")
                .with("central", DatasetName.CENTRAL), Map.of("org", org.value())).getFirst().instant("last_used_at");
        assertThat(lastUsed).isAfter(before);
    }

    @Test
    void theRootKeyReachesEveryOrgAndTheSlugIsValidated() {
        OrgSlug org = newSlug("tenant_d");
        onboarded(org, Plan.STARTER);

        assertThat(get("/api/v1/costs/" + org + "/summary", root()).status()).isEqualTo(200);
        Response badSlug = get("/api/v1/costs/bad-slug/summary", root());
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.body().path("error").asString()).isEqualTo("INVALID_ORG_SLUG");
    }

    @Test
    void responsesCarrySecurityHeadersAndEchoTheRequestId() {
        var request = java.net.http.HttpRequest.newBuilder(uri("/health")).header("X-Request-ID", "trace-123").GET();
        Response response = send(request, Map.of());

        assertThat(response.header("X-Request-ID")).isEqualTo("trace-123");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
    }
}
