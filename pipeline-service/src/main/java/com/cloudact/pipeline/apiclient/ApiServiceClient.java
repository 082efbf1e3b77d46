package com.cloudact.pipeline.apiclient;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.RetryLaterException;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.platform.auth.AuthHeaders;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The pipeline service's only door to the API service: quota validation before a run, completion after it, and
 * dropping the org's cost cache when new rows landed. Calls carry the org's own key.
 */
@Component
public class ApiServiceClient {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServiceClient.class);

    private final RestClient http;
    private final Duration retryBackoff;

    ApiServiceClient(RestClient.Builder builder, PipelineProperties properties) {
        this.http = builder.baseUrl(properties.apiServiceUrl().toString()).build();
        this.retryBackoff = properties.apiRetryBackoff();
    }

    /** The validator's answer, reduced to what a run needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Validation(boolean valid, String orgDatasetId, LocalDate reservationDate, String error,
                             String errorCode, Credential credentials) {

        /** The stored credential the run reads its provider with, if the pipeline needs one. */
        public Optional<String> credentialId() {
            return Optional.ofNullable(credentials).map(Credential::credentialId);
        }
    }

    /** The non-secret description of the run's credential; the secret is read from the vault. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credential(String credentialId, String provider, String credentialType) {
    }

    /**
     * Asks the API service whether the org may run the pipeline now (and reserves its quota slot). A refusal
     * becomes the error the caller should see: 429 for quota, 403/400/404 for the other reasons.
     */
    public Validation validate(OrgSlug org, String apiKey, String registryId, boolean fromUpload) {
        Validation answer;
        try {
            answer = http.post().uri("/api/v1/validator/validate/{org}", org.value())
                    .header(AuthHeaders.API_KEY, apiKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("pipeline_id", registryId, "include_credentials", false,
                            "source", fromUpload ? "upload" : "integration"))
                    .retrieve().body(Validation.class);
        } catch (RestClientResponseException e) {
            throw fromStatus(e.getStatusCode(), "The API service refused validation");
        } catch (ResourceAccessException e) {
            throw new CloudActException(ErrorCode.SERVICE_UNAVAILABLE, "The API service is unreachable", e);
        } catch (RestClientException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "The API service's answer could not be read", e);
        }
        if (answer == null) {
            throw new CloudActException(ErrorCode.SERVICE_UNAVAILABLE, "The API service gave no answer");
        }
        if (!answer.valid()) {
            throw refusal(answer);
        }
        return answer;
    }

    /** Releases the run's quota slot; retried (1 s, 2 s, 4 s) because a leaked slot blocks later runs. */
    public void complete(OrgSlug org, String apiKey, boolean succeeded, LocalDate reservationDate) {
        Duration backoff = retryBackoff;
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                http.post().uri(b -> b.path("/api/v1/validator/complete/{org}")
                                .queryParam("pipeline_status", succeeded ? "SUCCESS" : "FAILED")
                                .queryParam("reservation_date", reservationDate).build(org.value()))
                        .header(AuthHeaders.API_KEY, apiKey).retrieve().toBodilessEntity();
                return;
            } catch (RestClientException e) {
                LOG.warn("Releasing the quota slot of {} failed (attempt {}): {}", org, attempt, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        LOG.error("Could not release the quota slot of {}; the stale-slot healing will", org);
    }

    /** Best effort: a stale cache only delays fresh numbers until midnight. */
    public void invalidateCostCache(OrgSlug org, String apiKey) {
        try {
            http.post().uri("/api/v1/costs/{org}/cache/invalidate", org.value())
                    .header(AuthHeaders.API_KEY, apiKey).retrieve().toBodilessEntity();
        } catch (RestClientException e) {
            LOG.warn("Dropping the cost cache of {} failed: {}", org, e.getMessage());
        }
    }

    private static CloudActException refusal(Validation answer) {
        String message = answer.error() == null ? "Pipeline run refused" : answer.error();
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(answer.errorCode());
        } catch (IllegalArgumentException | NullPointerException e) {
            code = ErrorCode.FORBIDDEN;
        }
        if (code == ErrorCode.QUOTA_EXCEEDED) {
            return new RetryLaterException(code, message, 300);
        }
        if (code == ErrorCode.ORG_NOT_FOUND) {
            return new CloudActException(ErrorCode.FORBIDDEN, message);
        }
        return new CloudActException(code, message);
    }

    private static CloudActException fromStatus(HttpStatusCode status, String message) {
        return switch (status.value()) {
            case 401 -> new CloudActException(ErrorCode.INVALID_API_KEY, "Invalid or inactive API key");
            case 403 -> new CloudActException(ErrorCode.ORG_MISMATCH, "Access denied to this organization");
            case 429 -> new RetryLaterException(ErrorCode.RATE_LIMITED, message, 60);
            default -> new CloudActException(ErrorCode.UPSTREAM_ERROR, message + " (HTTP " + status.value() + ")");
        };
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
