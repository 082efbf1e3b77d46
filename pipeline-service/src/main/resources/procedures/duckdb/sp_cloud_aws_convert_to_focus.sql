-- sp_cloud_aws_convert_to_focus (DuckDB)
-- Contract (same as procedures/bigquery/sp_cloud_aws_convert_to_focus.sql):
--   Converts the AWS CUR rows of cloud_aws_billing_raw_daily that pipeline @p_pipeline_id wrote for billing
--   periods starting between @p_start_date and @p_end_date (only credential @p_credential_id when given) into
--   FOCUS 1.3 rows of cost_data_standard_1_3, replacing the FOCUS rows of exactly those slices
--   (x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date). Runs in one transaction.
-- Parameters: @p_org_slug, @p_pipeline_id, @p_start_date, @p_end_date, @p_credential_id (nullable), @p_run_id.
-- Money: BilledCost = UnblendedCost (the invoice amount); EffectiveCost amortizes reservations and savings plans.

DELETE FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @p_org_slug
  AND x_source_system = 'cloud_aws_billing_raw_daily'
  AND x_pipeline_id = @p_pipeline_id
  AND x_pipeline_run_date BETWEEN @p_start_date AND @p_end_date
  AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR x_credential_id = @p_credential_id);

INSERT INTO ${org}.cost_data_standard_1_3 (
    AvailabilityZone, BilledCost, BillingAccountId, BillingAccountName, BillingAccountType, BillingCurrency,
    BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeClass, ChargeDescription, ChargeFrequency,
    ChargePeriodEnd, ChargePeriodStart, CommitmentDiscountCategory, CommitmentDiscountId, CommitmentDiscountStatus,
    CommitmentDiscountType, ConsumedQuantity, ConsumedUnit, ContractedCost, ContractedUnitPrice, EffectiveCost,
    HostProviderName, InvoiceId, InvoiceIssuerName, ListCost, ListUnitPrice, PricingCategory, PricingCurrency,
    PricingQuantity, PricingUnit, ProviderName, PublisherName, RegionId, RegionName, ResourceId, ResourceName,
    ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory, SkuId, SkuMeter, SkuPriceId,
    SubAccountId, SubAccountName, SubAccountType, Tags,
    x_source_system, x_source_record_id, x_cost_type, x_charge_type, x_cloud_provider, x_cloud_account_id,
    x_org_name, x_org_owner_email, x_org_default_currency, x_org_default_timezone, x_org_default_country,
    x_org_subscription_plan, x_org_subscription_status, x_created_at, x_updated_at,
    x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
SELECT
    r.availability_zone,
    r.unblended_cost,
    r.payer_account_id,
    NULL,
    NULL,
    r.currency,
    r.billing_period_end,
    r.billing_period_start,
    r.charge_category,
    CASE WHEN r.line_item_type = 'Refund' THEN 'Correction' END,
    r.line_item_description,
    CASE
        WHEN r.line_item_type IN ('RIFee', 'SavingsPlanRecurringFee') THEN 'Recurring'
        WHEN r.line_item_type IN ('Fee', 'SavingsPlanUpfrontFee', 'Refund', 'Credit') THEN 'One-Time'
        WHEN r.line_item_type = 'Tax' THEN CASE WHEN r.bill_type = 'Anniversary' THEN 'Recurring' ELSE 'One-Time' END
        ELSE 'Usage-Based'
    END,
    r.usage_end_time,
    r.usage_start_time,
    CASE WHEN r.commitment_row THEN CASE WHEN r.savings_plan_arn IS NOT NULL THEN 'Spend' ELSE 'Usage' END END,
    CASE WHEN r.commitment_row THEN COALESCE(r.savings_plan_arn, r.reservation_arn) END,
    CASE WHEN r.line_item_type IN ('DiscountedUsage', 'SavingsPlanCoveredUsage') THEN 'Used' END,
    CASE WHEN r.commitment_row THEN CASE WHEN r.savings_plan_arn IS NOT NULL THEN 'Savings Plan' ELSE 'Reserved Instance' END END,
    CASE WHEN r.charge_category = 'Usage' AND r.usage_row THEN r.usage_amount END,
    CASE WHEN r.charge_category = 'Usage' AND r.usage_row THEN r.pricing_unit END,
    r.unblended_cost,
    r.unblended_rate,
    CASE r.line_item_type
        WHEN 'SavingsPlanCoveredUsage' THEN COALESCE(r.savings_plan_effective_cost, 0)
        WHEN 'SavingsPlanNegation' THEN 0
        WHEN 'SavingsPlanUpfrontFee' THEN 0
        WHEN 'SavingsPlanRecurringFee' THEN COALESCE(r.savings_plan_total_commitment_to_date, 0)
                                            - COALESCE(r.savings_plan_used_commitment, 0)
        WHEN 'DiscountedUsage' THEN COALESCE(r.reservation_effective_cost, 0)
        WHEN 'RIFee' THEN COALESCE(r.reservation_unused_amortized_upfront_fee, 0)
                          + COALESCE(r.reservation_unused_recurring_fee, 0)
        WHEN 'Fee' THEN CASE WHEN r.reservation_arn IS NOT NULL THEN 0 ELSE r.unblended_cost END
        ELSE r.unblended_cost
    END,
    'AWS',
    r.invoice_id,
    COALESCE(r.invoicing_entity, 'Amazon Web Services, Inc.'),
    CASE WHEN r.usage_row THEN COALESCE(r.public_on_demand_cost, r.unblended_cost) ELSE r.unblended_cost END,
    r.public_on_demand_rate,
    CASE
        WHEN r.line_item_type IN ('DiscountedUsage', 'SavingsPlanCoveredUsage') THEN 'Committed'
        WHEN r.line_item_type = 'Usage' AND (r.usage_type LIKE '%SpotUsage%' OR r.purchase_option = 'Spot') THEN 'Dynamic'
        WHEN r.line_item_type = 'Usage' THEN 'Standard'
    END,
    r.currency,
    r.usage_amount,
    r.pricing_unit,
    'AWS',
    COALESCE(r.legal_entity, 'Amazon Web Services'),
    r.region,
    r.location,
    r.resource_id,
    r.resource_id,
    COALESCE(c.service_category, 'Other'),
    COALESCE(r.product_name, r.product_code, r.service_code, 'AWS'),
    CASE WHEN r.billing_entity = 'AWS Marketplace' THEN COALESCE(r.legal_entity, 'AWS Marketplace') ELSE 'AWS' END,
    COALESCE(c.service_subcategory, 'Other'),
    r.product_sku,
    r.usage_type,
    r.pricing_rate_id,
    r.linked_account_id,
    r.linked_account_name,
    'AWS Account',
    r.resource_tags_json,
    'cloud_aws_billing_raw_daily',
    r.line_item_id,
    'cloud',
    r.line_item_type,
    'aws',
    r.payer_account_id,
    p.company_name,
    p.admin_email,
    p.default_currency,
    p.default_timezone,
    p.default_country,
    p.subscription_plan,
    p.status,
    r.x_ingested_at,
    r.x_ingested_at,
    r.x_org_slug,
    r.x_pipeline_id,
    r.x_credential_id,
    r.x_pipeline_run_date,
    @p_run_id,
    r.x_ingested_at,
    CAST(r.usage_start_time AS DATE)
FROM (
    SELECT raw.*,
        CASE
            WHEN raw.line_item_type = 'Tax' THEN 'Tax'
            WHEN raw.line_item_type = 'Credit' THEN 'Credit'
            WHEN raw.line_item_type IN ('Fee', 'RIFee', 'SavingsPlanUpfrontFee', 'SavingsPlanRecurringFee') THEN 'Purchase'
            WHEN raw.line_item_type IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation',
                                        'Discount', 'EdpDiscount', 'BundledDiscount', 'PrivateRateDiscount',
                                        'SppDiscount', 'DistributorDiscount') THEN 'Usage'
            ELSE 'Adjustment'
        END AS charge_category,
        raw.line_item_type IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage') AS usage_row,
        (raw.savings_plan_arn IS NOT NULL OR raw.reservation_arn IS NOT NULL)
            AND raw.line_item_type IN ('DiscountedUsage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation', 'RIFee',
                                       'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee', 'Fee') AS commitment_row
    FROM ${org}.cloud_aws_billing_raw_daily raw
    WHERE raw.x_org_slug = @p_org_slug
      AND raw.x_pipeline_id = @p_pipeline_id
      AND raw.x_pipeline_run_date BETWEEN @p_start_date AND @p_end_date
      AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR raw.x_credential_id = @p_credential_id)
) r
LEFT JOIN ${central}.ref_service_categories c ON c.provider = 'aws' AND c.service_code = r.product_code
LEFT JOIN ${central}.org_profiles p ON p.org_slug = r.x_org_slug;
