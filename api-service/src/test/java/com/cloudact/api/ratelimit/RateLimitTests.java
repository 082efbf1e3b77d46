package com.cloudact.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's own per-minute limit, counted per organization, with the X-RateLimit headers and Retry-After. */
class RateLimitTests extends ApiIntegrationTest {

    @Test
    void aRoutesLimitRefusesTheNextCallOfThatOrgOnly() {
        OrgSlug org = newSlug("limited");
        String key = onboarded(org, Plan.STARTER);
        OrgSlug neighbour = newSlug("neighbour");
        String neighbourKey = onboarded(neighbour, Plan.STARTER);
        String route = "/api/v1/integrations/" + org + "/openai/validate";

        Response first = post(route, orgKey(key), Map.of());
        for (int i = 1; i < 30; i++) {
            assertThat(post(route, orgKey(key), Map.of()).status()).as("call " + (i + 1)).isEqualTo(200);
        }
        Response refused = post(route, orgKey(key), Map.of());
        Response neighbours = post("/api/v1/integrations/" + neighbour + "/openai/validate", orgKey(neighbourKey),
                Map.of());

        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("30");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("29");
        assertThat(Long.parseLong(first.header("X-RateLimit-Reset")))
                .isBetween(System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 61);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(neighbours.status()).isEqualTo(200);
    }
}
