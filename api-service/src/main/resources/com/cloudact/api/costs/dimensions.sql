-- The providers, categories and currencies present in the range.
SELECT DISTINCT
    ServiceProviderName AS provider,
    ServiceCategory     AS category,
    BillingCurrency     AS currency
FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @org_slug
  AND CAST(ChargePeriodStart AS DATE) BETWEEN @start_date AND @end_date
