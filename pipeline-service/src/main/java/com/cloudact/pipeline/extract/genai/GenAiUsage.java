package com.cloudact.pipeline.extract.genai;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of one usage bucket as a provider reports it, a row of {@code genai_payg_usage_raw}. The token buckets
 * never overlap: {@code inputTokens} is uncached input only (no cache reads, no cache writes), and
 * {@code reasoningTokens} is set only when the provider reports reasoning apart from output, so that pricing each
 * bucket at its own rate counts every token once. Non-token usage (images, characters, seconds) has no tokens and a
 * {@code usageQuantity} in {@code usageUnit}.
 *
 * @param provider     the GenAI provider id (openai, anthropic, gemini, deepseek, azure_openai, aws_bedrock, gcp_vertex)
 * @param model        the model as the provider names it; unknown models are kept, the cost step flags them
 * @param region       provider region, or {@code global}
 * @param projectId    the provider-side project/workspace/account/deployment, null when not grouped
 * @param serviceTier  standard, batch, priority or flex; null means standard
 * @param contextTier  the context-length price tier (e.g. {@code 200k-1M}), null for the base tier
 * @param usageSource  which API (or file) the row came from, e.g. {@code openai.usage.completions}
 */
public record GenAiUsage(LocalDate usageDate, String provider, String model, String region, String projectId,
                         String serviceTier, String contextTier, long inputTokens, long cachedInputTokens,
                         long cacheWrite5mTokens, long cacheWrite1hTokens, long outputTokens, long reasoningTokens,
                         BigDecimal usageQuantity, String usageUnit, long requestCount, String usageSource) {

    public long totalTokens() {
        return inputTokens + cachedInputTokens + cacheWrite5mTokens + cacheWrite1hTokens + outputTokens + reasoningTokens;
    }

    public boolean isBatch() {
        return "batch".equals(serviceTier);
    }
}
