package com.cloudact.api.pipelinesproxy;

import com.cloudact.api.ApiProperties;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.RetryLaterException;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.web.RequestId;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API service's door to the pipeline service: triggers a run with the caller's org key and request id.
 * A 502/503/504 is retried three times (1 s, 2 s, 4 s) and then keeps its status; a 429 is passed on; other
 * errors keep their status, except a 500 (or anything unexpected), which is a 502 Bad Gateway here; a timeout is
 * 504 and an unreachable service 502.
 */
@Component
public class PipelineServiceClient {

    private static final Set<Integer> RETRIED = Set.of(502, 503, 504);

    private final URI baseUrl;
    private final Duration timeout;
    private final Duration backoff;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    PipelineServiceClient(ApiProperties properties) {
        this.baseUrl = properties.pipelineServiceUrl();
        this.timeout = properties.pipelineTimeout();
        this.backoff = properties.pipelineRetryBackoff();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts a run; returns the pipeline service's answer (run id, status ...). */
    public JsonNode trigger(OrgSlug org, String apiKey, PipelinePath path, Map<String, Object> body) {
        URI uri = baseUrl.resolve("/api/v1/pipelines/run/" + org.value() + "/" + path.fileIdentifier());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header(AuthHeaders.API_KEY, apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (RequestId.current() != null) {
            request.header(AuthHeaders.REQUEST_ID, RequestId.current());
        }
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request.build());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return answer(response.body());
            }
            if (RETRIED.contains(status) && attempt <= 3) {
                sleep(wait);
                wait = wait.multipliedBy(2);
                continue;
            }
            throw upstreamError(response);
        }
    }

    /** A success must be the service's JSON; an HTML page from a proxy in between is a bad gateway, not a 500. */
    private JsonNode answer(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JacksonException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR,
                    "The pipeline service answered with something that is not JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_TIMEOUT, "The pipeline service did not answer in time", e);
        } catch (ConnectException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "The pipeline service is unreachable", e);
        } catch (IOException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "The pipeline service connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudActException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while calling the pipeline service", e);
        }
    }

    private CloudActException upstreamError(HttpResponse<String> response) {
        int status = response.statusCode();
        String detail = detail(response.body());
        if (status == 429) {
            return new RetryLaterException(ErrorCode.QUOTA_EXCEEDED, detail,
                    retryAfterSeconds(response.headers().firstValue("Retry-After").orElse(null)));
        }
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401 -> ErrorCode.INVALID_API_KEY;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.PIPELINE_NOT_FOUND;
            case 409 -> ErrorCode.ALREADY_EXISTS;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 422 -> ErrorCode.VALIDATION_FAILED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 504 -> ErrorCode.UPSTREAM_TIMEOUT;
            default -> ErrorCode.UPSTREAM_ERROR;
        };
        return new CloudActException(code, "Pipeline service error: " + detail);
    }

    /** {@code Retry-After} is either seconds or an HTTP date (RFC 9110 §10.2.3); anything else means a minute. */
    private long retryAfterSeconds(String value) {
        if (value == null || value.isBlank()) {
            return 60;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant until = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(Instant.now(), until).toSeconds());
            } catch (DateTimeParseException notADate) {
                return 60;
            }
        }
    }

    private String detail(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("detail").asString(node.path("message").asString("no detail"));
        } catch (RuntimeException e) {
            return body == null || body.isBlank() ? "no detail" : body.substring(0, Math.min(200, body.length()));
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
