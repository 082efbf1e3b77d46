package com.cloudact.pipeline.extract.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.StandIn;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProviderApi.Throttling}: answers a provider uses to say "slow down" besides 429 are retried, the provider's
 * own wait headers are read when there is no {@code Retry-After} (which still wins when both are sent), and other
 * errors are not retried.
 */
class ProviderApiThrottlingTests {

    private static final ProviderApi.Throttling THROTTLING = new ProviderApi.Throttling(
            r -> r.statusCode() == 400 && r.body().contains("ThrottlingException"), List.of("x-wait-a", "x-wait-b"));

    private final StandIn server = new StandIn() {
        @Override
        protected Reply answer(Request request) {
            return Reply.json(200, "{\"ok\":true}");
        }
    };
    private final SafeHttp http = new SafeHttp(server.allowList());
    private final List<Duration> waits = new ArrayList<>();
    private final ProviderApi api = new ProviderApi(http, waits::add);

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    @Test
    void aThrottlingAnswerIsRetriedWaitingWhatTheProviderAsks() throws Exception {
        server.failNext(new StandIn.Reply(400, "application/json", "{\"__type\":\"ThrottlingException\"}",
                Map.of("x-wait-b", "6")));
        server.failNext(new StandIn.Reply(429, "application/json", "{}", Map.of("x-wait-a", "3", "Retry-After", "2")));
        server.failNext(new StandIn.Reply(400, "application/json", "{\"__type\":\"ThrottlingException\"}", Map.of()));

        assertThat(api.json(request(), "the test API", THROTTLING).path("ok").asBoolean()).isTrue();

        assertThat(waits).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void anotherClientErrorIsNotRetriedAndThePlainCallIgnoresTheProvidersOwnThrottling() {
        server.failNext(new StandIn.Reply(400, "application/json", "{\"message\":\"ValidationError: bad period\"}",
                Map.of()));
        assertThatThrownBy(() -> api.json(request(), "the test API", THROTTLING)).isInstanceOf(CloudActException.class)
                .hasMessageContaining("failed with HTTP 400").hasMessageContaining("bad period");

        server.failNext(new StandIn.Reply(400, "application/json", "{\"__type\":\"ThrottlingException\"}", Map.of()));
        assertThatThrownBy(() -> api.json(request(), "the test API")).isInstanceOf(CloudActException.class)
                .hasMessageContaining("failed with HTTP 400");
        assertThat(waits).isEmpty();
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/usage")).GET().build();
    }
}
