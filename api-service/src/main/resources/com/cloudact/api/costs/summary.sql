-- Totals of one org's FOCUS rows whose charge period starts within [start_date, end_date].
SELECT
    COALESCE(SUM(BilledCost), 0)    AS total_billed_cost,
    COALESCE(SUM(EffectiveCost), 0) AS total_effective_cost,
    COALESCE(SUM(ListCost), 0)      AS total_list_cost,
    COUNT(*)                        AS record_count,
    MIN(CAST(ChargePeriodStart AS DATE)) AS first_charge_date,
    MAX(CAST(ChargePeriodStart AS DATE)) AS last_charge_date
FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @org_slug
  AND CAST(ChargePeriodStart AS DATE) BETWEEN @start_date AND @end_date
