package com.cloudact.frontend.apiclient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An org's cost totals over a period, as the API service reports them. */
public record CostSummaryView(String currency, BigDecimal totalBilledCost, BigDecimal totalEffectiveCost,
                              BigDecimal totalSavings, long recordCount, LocalDate firstChargeDate,
                              LocalDate lastChargeDate, List<String> providers, List<String> serviceCategories) {
}
