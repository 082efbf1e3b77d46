package com.cloudact.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.api.ApiProperties;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class RequestGuardFilterTests {

    @Test
    void maintenanceModeAnswers503ToEverythingButHealthProbes() throws Exception {
        RequestGuardFilter filter = new RequestGuardFilter(properties(true));

        MockHttpServletResponse api = run(filter, new MockHttpServletRequest("GET", "/api/v1/organizations"));
        MockHttpServletResponse health = run(filter, new MockHttpServletRequest("GET", "/health/ready"));

        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getHeader("Retry-After")).isEqualTo("3600");
        assertThat(api.getContentType()).startsWith("application/problem+json");
        assertThat(api.getContentAsString()).contains("under maintenance");
        assertThat(health.getStatus()).isEqualTo(200);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeAnythingReadsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/organizations/onboard");
        request.setContent(new byte[2048]);

        MockHttpServletResponse response = run(new RequestGuardFilter(properties(false)), request);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodySentWithoutALengthIsCutOffAtTheLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/organizations/onboard") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[2048]);
        MockFilterChain chain = new MockFilterChain();

        new RequestGuardFilter(properties(false)).doFilter(request, new MockHttpServletResponse(), chain);
        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();

        assertThat(passed.getInputStream().readNBytes(1024)).hasSize(1024);
        assertThatThrownBy(() -> passed.getInputStream().readAllBytes())
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void headersCarryingScriptTraversalOrSqlAreRefused() throws Exception {
        for (String value : List.of("<script>alert(1)</script>", "../../etc/passwd", "x; DROP TABLE users",
                "javascript:alert(1)", "a".repeat(5000))) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/organizations");
            request.addHeader("X-User-ID", value);

            MockHttpServletResponse response = run(new RequestGuardFilter(properties(false)), request);

            assertThat(response.getStatus()).as(value).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("x-user-id").doesNotContain(value);
        }
    }

    private static MockHttpServletResponse run(RequestGuardFilter filter, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static ApiProperties properties(boolean maintenance) {
        return new ApiProperties(URI.create("http://localhost:8001"), new ApiProperties.RateLimit(true, 100, 1000),
                new ApiProperties.Maintenance(maintenance, "CloudAct is under maintenance"), List.of(),
                Duration.ofSeconds(60), Duration.ofSeconds(1), DataSize.ofKilobytes(1));
    }
}
