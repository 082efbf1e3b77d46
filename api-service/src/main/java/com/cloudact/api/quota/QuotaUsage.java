package com.cloudact.api.quota;

import java.time.LocalDate;

/** One org's pipeline usage on one UTC day, with the limits in force. */
public record QuotaUsage(LocalDate usageDate, long pipelinesRunToday, long pipelinesSucceededToday,
                         long pipelinesFailedToday, long pipelinesRunMonth, long concurrentRunning, long dailyLimit,
                         long monthlyLimit, long concurrentLimit) {
}
