package com.cloudact.model;

/** A refusal that goes away with time (quota, rate limit): carries the {@code Retry-After} the caller should honour. */
public class RetryLaterException extends CloudActException {

    private final long retryAfterSeconds;

    public RetryLaterException(ErrorCode code, String message, long retryAfterSeconds) {
        super(code, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
