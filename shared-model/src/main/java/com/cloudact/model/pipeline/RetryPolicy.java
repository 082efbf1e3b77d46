package com.cloudact.model.pipeline;

import java.time.Duration;

/** How often a failed step is tried again and how long to wait in between. */
public record RetryPolicy(int maxAttempts, Duration backoff, boolean exponential) {

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, false);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new PipelineDefinitionException("retry.max_attempts must be 1-10, not " + maxAttempts);
        }
    }

    /** The wait before attempt {@code attempt} (2, 3, ...). */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        return exponential ? backoff.multipliedBy(1L << Math.min(attempt - 2, 20)) : backoff;
    }
}
