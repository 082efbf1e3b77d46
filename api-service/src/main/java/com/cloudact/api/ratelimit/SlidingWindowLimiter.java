package com.cloudact.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory sliding-window counters, one per bucket name. Per instance: with several instances the effective
 * limits add up (documented; a shared store is a later step).
 */
final class SlidingWindowLimiter {

    private final Clock clock;
    private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

    SlidingWindowLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Outcome of one attempt: allowed or not, the limit, what is left and when the window frees a slot. */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }

    Decision attempt(String bucket, int limit, Duration window) {
        long now = clock.millis();
        Deque<Long> hits = windows.computeIfAbsent(bucket, b -> new ArrayDeque<>());
        synchronized (hits) {
            while (!hits.isEmpty() && hits.peekFirst() <= now - window.toMillis()) {
                hits.pollFirst();
            }
            long oldest = hits.isEmpty() ? now : hits.peekFirst();
            long reset = (oldest + window.toMillis()) / 1000;
            if (hits.size() >= limit) {
                long retryAfter = Math.max(1, (oldest + window.toMillis() - now + 999) / 1000);
                return new Decision(false, limit, 0, reset, retryAfter);
            }
            hits.addLast(now);
            return new Decision(true, limit, limit - hits.size(), reset, 0);
        }
    }
}
