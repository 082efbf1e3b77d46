package com.cloudact.api.costs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Totals of an org's FOCUS rows over a date range; money is exact. */
record CostSummary(BigDecimal totalBilledCost, BigDecimal totalEffectiveCost, BigDecimal totalListCost,
                   BigDecimal totalSavings, long recordCount, DateRangeView dateRange, LocalDate firstChargeDate,
                   LocalDate lastChargeDate, List<String> providers, List<String> serviceCategories,
                   List<String> billingCurrencies) {

    record DateRangeView(LocalDate start, LocalDate end) {
    }
}
