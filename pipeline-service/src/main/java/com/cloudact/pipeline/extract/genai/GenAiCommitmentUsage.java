package com.cloudact.pipeline.extract.genai;

import java.time.LocalDate;

/**
 * One day of a provisioned-capacity commitment (Azure OpenAI PTU deployment, Bedrock provisioned throughput, Vertex
 * GSU), a row of {@code genai_commitment_usage_raw}.
 *
 * @param commitmentType   ptu, provisioned_throughput or gsu
 * @param commitmentId     the provider's id of the deployment / provisioned model / subscription
 * @param provisionedUnits units reserved that day
 * @param usedUnits        units actually used (utilization × provisioned, rounded), null when not reported
 * @param hoursActive      hours of the day the commitment existed (24 for a whole day)
 */
public record GenAiCommitmentUsage(LocalDate usageDate, String provider, String commitmentType, String commitmentId,
                                   String model, String region, long provisionedUnits, Long usedUnits,
                                   Double utilizationPct, Long tokensProcessed, Long requestCount, double hoursActive,
                                   String usageSource) {
}
