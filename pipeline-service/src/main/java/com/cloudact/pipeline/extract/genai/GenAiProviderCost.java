package com.cloudact.pipeline.extract.genai;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of spend as the provider itself reports it, a row of {@code genai_provider_costs_raw}: what CloudAct's own
 * token pricing is reconciled against. Amounts are in {@code currency} units (Anthropic's cents divided by 100).
 *
 * @param lineItem   the provider's own description of the line, kept as reported
 * @param tokenType  input, output, cache_read, cache_write_5m, cache_write_1h ... when the provider says
 * @param costSource openai.costs, anthropic.cost_report, azure.cost_management, gcp.billing_export, deepseek.balance
 */
public record GenAiProviderCost(LocalDate costDate, String provider, String model, String lineItem, String tokenType,
                                String projectId, String serviceTier, BigDecimal amount, String currency,
                                BigDecimal quantity, String quantityUnit, String costSource) {
}
