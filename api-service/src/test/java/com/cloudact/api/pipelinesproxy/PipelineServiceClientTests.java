package com.cloudact.api.pipelinesproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.cloudact.api.ApiProperties;
import com.cloudact.api.PipelineServiceStandIn;
import com.cloudact.api.PipelineServiceStandIn.Reply;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.RetryLaterException;
import com.cloudact.model.pipeline.PipelinePath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The pipeline-service client without Spring, for what the shared test context cannot show quickly: a request
 * timeout (60 s in the service), an unreachable address, and the retry schedule with a short backoff.
 */
class PipelineServiceClientTests {

    private static final PipelinePath PATH = PipelinePath.of("genai", "payg", "openai");

    @Test
    void aPipelineServiceSlowerThanTheTimeoutIs504WithoutRetrying() {
        OrgSlug org = org();
        PipelineServiceStandIn.script(org, Reply.accepted().after(Duration.ofSeconds(3)), Reply.accepted());
        PipelineServiceClient client = client(URI.create(PipelineServiceStandIn.baseUrl()), Duration.ofMillis(300));

        long started = System.nanoTime();
        CloudActException error = catchThrowableOfType(CloudActException.class,
                () -> client.trigger(org, "key", PATH, Map.of()));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(error.code().httpStatus()).isEqualTo(504);
        assertThat(millis).isLessThan(2_500);
        assertThat(PipelineServiceStandIn.received(org)).hasSize(1);
    }

    @Test
    void anUnreachablePipelineServiceIs502() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PipelineServiceClient client = client(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(5));

        CloudActException error = catchThrowableOfType(CloudActException.class,
                () -> client.trigger(org(), "key", PATH, Map.of()));

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(error.code().httpStatus()).isEqualTo(502);
        assertThat(error.getMessage()).isEqualTo("The pipeline service is unreachable");
    }

    @Test
    void gatewayStatusesAreRetriedThreeTimesThenKeepTheirStatus() {
        OrgSlug timeouts = org();
        OrgSlug unavailable = org();
        OrgSlug badGateway = org();
        for (OrgSlug org : List.of(timeouts, unavailable, badGateway)) {
            int status = org == timeouts ? 504 : org == unavailable ? 503 : 502;
            PipelineServiceStandIn.script(org, Reply.problem(status, "a"), Reply.problem(status, "b"),
                    Reply.problem(status, "c"), Reply.problem(status, "d"), Reply.accepted());
        }
        PipelineServiceClient client = client(URI.create(PipelineServiceStandIn.baseUrl()), Duration.ofSeconds(5));

        assertThat(catchThrowableOfType(CloudActException.class, () -> client.trigger(timeouts, "k", PATH, Map.of()))
                .code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(catchThrowableOfType(CloudActException.class, () -> client.trigger(unavailable, "k", PATH, Map.of()))
                .code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        CloudActException last = catchThrowableOfType(CloudActException.class,
                () -> client.trigger(badGateway, "k", PATH, Map.of()));
        assertThat(last.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
        assertThat(last.getMessage()).isEqualTo("Pipeline service error: d");
        for (OrgSlug org : List.of(timeouts, unavailable, badGateway)) {
            assertThat(PipelineServiceStandIn.received(org)).hasSize(4);
            assertThat(PipelineServiceStandIn.pending(org)).isEqualTo(1);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        OrgSlug seconds = org();
        OrgSlug date = org();
        OrgSlug garbage = org();
        OrgSlug absent = org();
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        PipelineServiceStandIn.script(seconds, Reply.problem(429, "concurrent").withHeader("Retry-After", "300"));
        PipelineServiceStandIn.script(date, Reply.problem(429, "daily").withHeader("Retry-After", inTwoMinutes));
        PipelineServiceStandIn.script(garbage, Reply.problem(429, "daily").withHeader("Retry-After", "soon"));
        PipelineServiceStandIn.script(absent, Reply.problem(429, "daily"));
        PipelineServiceClient client = client(URI.create(PipelineServiceStandIn.baseUrl()), Duration.ofSeconds(5));

        assertThat(refusal(client, seconds).retryAfterSeconds()).isEqualTo(300);
        assertThat(refusal(client, date).retryAfterSeconds()).isBetween(100L, 121L);
        assertThat(refusal(client, garbage).retryAfterSeconds()).isEqualTo(60);
        RetryLaterException plain = refusal(client, absent);
        assertThat(plain.retryAfterSeconds()).isEqualTo(60);
        assertThat(plain.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(plain.getMessage()).isEqualTo("daily");
    }

    @Test
    void aSuccessThatIsNotJsonIsABadGateway() {
        OrgSlug org = org();
        PipelineServiceStandIn.script(org, new Reply(200, "<html>proxy login</html>", Map.of("Content-Type", "text/html"),
                Duration.ZERO, false));
        PipelineServiceClient client = client(URI.create(PipelineServiceStandIn.baseUrl()), Duration.ofSeconds(5));

        CloudActException error = catchThrowableOfType(CloudActException.class,
                () -> client.trigger(org, "k", PATH, Map.of()));

        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    }

    private static RetryLaterException refusal(PipelineServiceClient client, OrgSlug org) {
        return catchThrowableOfType(RetryLaterException.class, () -> client.trigger(org, "k", PATH, Map.of()));
    }

    private static PipelineServiceClient client(URI url, Duration timeout) {
        return new PipelineServiceClient(new ApiProperties(url, new ApiProperties.RateLimit(true, 100, 1000),
                new ApiProperties.Maintenance(false, "maintenance"), List.of("http://localhost:3000"), timeout,
                Duration.ofMillis(10), DataSize.ofMegabytes(10)));
    }

    private static OrgSlug org() {
        return OrgSlug.of("unit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }
}
