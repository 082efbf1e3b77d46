package com.cloudact.api.costs;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Cost of one day, week or month (the period starting on {@code date}). */
record CostPoint(LocalDate date, BigDecimal billedCost, BigDecimal effectiveCost, long recordCount) {
}
