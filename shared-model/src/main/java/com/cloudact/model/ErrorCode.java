package com.cloudact.model;

/**
 * Every error CloudAct reports, with the HTTP status it maps to. The wire name is the {@code error} member of a
 * Problem Details body and the {@code error_code} of a validator answer.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    INVALID_ORG_SLUG(400),
    INVALID_PARAMETER(400),
    VALIDATION_FAILED(422),
    MISSING_API_KEY(401),
    INVALID_API_KEY(401),
    API_KEY_EXPIRED(401),
    ROOT_KEY_REQUIRED(401),
    INVALID_ROOT_KEY(403),
    ORG_MISMATCH(403),
    FORBIDDEN(403),
    SUBSCRIPTION_INACTIVE(403),
    NOT_FOUND(404),
    ORG_NOT_FOUND(404),
    PIPELINE_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    ALREADY_EXISTS(409),
    ORG_ALREADY_EXISTS(409),
    ORG_NOT_REGISTERED(409),
    BOOTSTRAP_ALREADY_DONE(409),
    /** A write based on a stale version of the row (optimistic locking). */
    CONFLICT(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    INVALID_BILLING_FILE(422),
    PIPELINE_DISABLED(400),
    INTEGRATION_NOT_CONFIGURED(400),
    QUOTA_EXCEEDED(429),
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    WRITE_CONFLICT(503),
    UPSTREAM_ERROR(502),
    SERVICE_UNAVAILABLE(503),
    UPSTREAM_TIMEOUT(504);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String wireName() {
        return name();
    }
}
