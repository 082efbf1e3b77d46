package com.cloudact.api.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** An org's quota as the reference serves it: camelCase members (kept for existing clients), org_slug snake_case. */
record QuotaView(@JsonProperty("org_slug") String orgSlug,
                 @JsonProperty("pipelinesRunToday") long pipelinesRunToday,
                 @JsonProperty("dailyLimit") long dailyLimit,
                 @JsonProperty("pipelinesRunMonth") long pipelinesRunMonth,
                 @JsonProperty("monthlyLimit") long monthlyLimit,
                 @JsonProperty("concurrentRunning") long concurrentRunning,
                 @JsonProperty("concurrentLimit") long concurrentLimit,
                 @JsonProperty("seatLimit") long seatLimit,
                 @JsonProperty("providersLimit") long providersLimit,
                 @JsonProperty("configuredProvidersCount") long configuredProvidersCount,
                 @JsonProperty("usageDate") LocalDate usageDate,
                 @JsonProperty("dailyUsagePercent") double dailyUsagePercent,
                 @JsonProperty("monthlyUsagePercent") double monthlyUsagePercent) {
}
