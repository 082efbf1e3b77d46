package com.cloudact.model;

/** The pipeline and seat limits of one organization. */
public record QuotaLimits(int dailyPipelines, int monthlyPipelines, int concurrentPipelines, int seats, int providers) {

    public QuotaLimits {
        if (dailyPipelines < 1 || monthlyPipelines < 1 || concurrentPipelines < 1 || seats < 1 || providers < 1) {
            throw new IllegalArgumentException("quota limits must be positive");
        }
    }
}
