package com.cloudact.frontend.apiclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Cost of one day. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CostPointView(LocalDate date, BigDecimal billedCost, BigDecimal effectiveCost, long recordCount) {
}
