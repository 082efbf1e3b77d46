package com.cloudact.api.costs;

import com.cloudact.model.OrgSlug;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Cost reads cached per org until the next UTC midnight. Keys are readable ({@code {org}:{kind}:{start}:{end}})
 * so one org's entries can be dropped when its pipelines write new rows.
 */
@Component
class CostCache {

    private final Cache<String, Object> cache;

    CostCache(Clock clock) {
        this.cache = Caffeine.newBuilder().maximumSize(2_000).expireAfter(new Expiry<String, Object>() {
            @Override
            public long expireAfterCreate(String key, Object value, long currentTime) {
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                Duration untilMidnight = Duration.between(clock.instant(),
                        today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                return Math.max(untilMidnight.toNanos(), Duration.ofMinutes(1).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Object value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Object value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    record Lookup<T>(T value, boolean hit) {
    }

    @SuppressWarnings("unchecked")
    <T> Lookup<T> get(OrgSlug org, String kind, DateRange range, Supplier<T> load) {
        String key = org.value() + ":" + kind + ":" + range.start() + ":" + range.end();
        Object cached = cache.getIfPresent(key);
        if (cached != null) {
            return new Lookup<>((T) cached, true);
        }
        T value = load.get();
        cache.put(key, value);
        return new Lookup<>(value, false);
    }

    /** Drops every entry of one org; returns how many there were. */
    int invalidate(OrgSlug org) {
        String prefix = org.value() + ":";
        var keys = cache.asMap().keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        cache.invalidateAll(keys);
        return keys.size();
    }
}
