-- Cost per charge day.
SELECT
    CAST(ChargePeriodStart AS DATE) AS charge_date,
    SUM(BilledCost)    AS billed_cost,
    SUM(EffectiveCost) AS effective_cost,
    COUNT(*)           AS record_count
FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @org_slug
  AND CAST(ChargePeriodStart AS DATE) BETWEEN @start_date AND @end_date
GROUP BY 1
ORDER BY 1
