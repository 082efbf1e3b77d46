-- sp_subscription_convert_to_focus (DuckDB)
-- Contract (same as procedures/bigquery/sp_subscription_convert_to_focus.sql):
--   Converts the org's subscription_plan_costs_daily rows of the run's range into FOCUS 1.3 rows of
--   cost_data_standard_1_3 (one per plan version and day), replacing the org's subscription FOCUS rows
--   (x_source_system 'subscription_plan_costs_daily') of those days. Runs in one transaction.
-- Range: as sp_subscription_calculate_daily_costs (NULL end = yesterday UTC, NULL start = the earliest plan start,
--   at most 730 days before the end).
-- Versions: each daily row joins only the plan version that produced it (subscription_id is unique per version),
--   so an edited plan never yields two FOCUS rows for one day.
-- FOCUS values: ChargeCategory Purchase, ChargeFrequency Recurring, PricingCategory Standard, ChargeClass NULL;
--   BilledCost = EffectiveCost = ContractedCost = ListCost = daily_cost (the price entered is what is paid; no
--   separate list price is known); ChargePeriodStart = cost_date, ChargePeriodEnd = cost_date + 1 day (exclusive);
--   BillingPeriod = the calendar month; ServiceCategory from the plan category (llm_api, ai: AI and Machine
--   Learning / Generative AI; design: Media / Content Creation; productivity, communication: Business
--   Applications / Productivity and Collaboration; development: Developer Tools / Developer Platforms; cloud:
--   Web / Application Platforms; other: Other / Other). x_cost_type 'subscription'.
-- Parameters: @p_org_slug, @p_pipeline_id, @p_start_date (nullable), @p_end_date (nullable),
--   @p_credential_id (nullable), @p_run_id

DELETE FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @p_org_slug
  AND x_source_system = 'subscription_plan_costs_daily'
  AND x_pipeline_run_date BETWEEN (
        SELECT COALESCE(CAST(@p_start_date AS DATE),
                   LEAST(GREATEST(COALESCE(MIN(start_date), last_day), last_day - 729), last_day))
        FROM (SELECT COALESCE(CAST(@p_end_date AS DATE),
                              CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1) AS last_day) e
        LEFT JOIN ${org}.subscription_plans ON x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
        GROUP BY last_day)
    AND COALESCE(CAST(@p_end_date AS DATE), CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1);

INSERT INTO ${org}.cost_data_standard_1_3 (
    BilledCost, BillingAccountId, BillingAccountName, BillingAccountType, BillingCurrency,
    BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeClass, ChargeDescription, ChargeFrequency,
    ChargePeriodEnd, ChargePeriodStart, ConsumedQuantity, ConsumedUnit, ContractApplied, ContractedCost,
    EffectiveCost, HostProviderName, InvoiceId, InvoiceIssuerName, ListCost, PricingCategory, PricingCurrency,
    PricingCurrencyEffectiveCost, PricingQuantity, PricingUnit, ProviderName, PublisherName, ResourceId,
    ResourceName, ResourceType, ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory, SkuId,
    SkuMeter, SkuPriceId, SubAccountId, SubAccountName, SubAccountType, Tags,
    x_source_system, x_source_record_id, x_cost_type, x_amortization_class, x_service_model, x_cost_allocation_key,
    x_exchange_rate_used, x_original_currency, x_org_name, x_org_owner_email, x_org_default_currency,
    x_org_default_timezone, x_org_default_country, x_org_subscription_plan, x_org_subscription_status,
    x_data_quality_score, x_created_at, x_updated_at,
    x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path,
    x_hierarchy_path_names, x_hierarchy_validated_at,
    x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
WITH run_range AS (
    SELECT COALESCE(CAST(@p_start_date AS DATE),
               LEAST(GREATEST(COALESCE(MIN(start_date), last_day), last_day - 729), last_day)) AS range_start,
           last_day AS range_end
    FROM (SELECT COALESCE(CAST(@p_end_date AS DATE),
                          CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1) AS last_day) e
    LEFT JOIN ${org}.subscription_plans ON x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
    GROUP BY last_day
), versions AS (
    SELECT *
    FROM ${org}.subscription_plans
    WHERE x_org_slug = @p_org_slug
    QUALIFY ROW_NUMBER() OVER (PARTITION BY subscription_id ORDER BY updated_at DESC NULLS LAST) = 1
), daily AS (
    SELECT d.*,
        COALESCE(sp.display_name,
                 upper(substr(replace(d.provider, '_', ' '), 1, 1)) || substr(replace(d.provider, '_', ' '), 2)) AS product,
        COALESCE(sp.vendor_name,
                 upper(substr(replace(d.provider, '_', ' '), 1, 1)) || substr(replace(d.provider, '_', ' '), 2)) AS vendor,
        lower(COALESCE(v.category, 'other')) AS plan_category,
        v.contract_id, v.start_date AS plan_start, v.end_date AS plan_end, v.auto_renew, v.department,
        v.owner_email, v.exchange_rate_used, v.source_currency
    FROM ${org}.subscription_plan_costs_daily d
    JOIN versions v ON v.subscription_id = d.subscription_id
    LEFT JOIN ${central}.ref_saas_providers sp ON sp.provider = d.provider
    CROSS JOIN run_range r
    WHERE d.x_org_slug = @p_org_slug AND d.cost_date BETWEEN r.range_start AND r.range_end
)
SELECT
    s.daily_cost,
    COALESCE(s.contract_id, s.subscription_id),
    s.product || ' - ' || s.plan_name,
    CASE WHEN s.contract_id IS NOT NULL THEN 'Contract' ELSE 'Subscription' END,
    s.currency,
    CAST(date_trunc('month', s.cost_date) + INTERVAL 1 MONTH AS TIMESTAMP),
    CAST(date_trunc('month', s.cost_date) AS TIMESTAMP),
    'Purchase',
    NULL,
    s.product || ' ' || s.plan_name || ' - ' ||
        CASE WHEN s.pricing_model = 'FLAT_FEE' THEN 'flat fee' ELSE CAST(s.seats AS VARCHAR) || ' seats' END
        || ' (' || s.billing_cycle || ', amortized daily)',
    'Recurring',
    CAST(s.cost_date AS TIMESTAMP) + INTERVAL 1 DAY,
    CAST(s.cost_date AS TIMESTAMP),
    CASE WHEN s.pricing_model = 'FLAT_FEE' THEN 1 ELSE s.seats END,
    CASE WHEN s.pricing_model = 'FLAT_FEE' THEN 'Subscription' ELSE 'Seat' END,
    json_object('ContractId', s.contract_id, 'SubscriptionId', s.subscription_id,
                'StartDate', CAST(s.plan_start AS VARCHAR), 'EndDate', CAST(s.plan_end AS VARCHAR),
                'AutoRenew', s.auto_renew),
    s.daily_cost,
    s.daily_cost,
    s.vendor,
    s.invoice_id_last,
    s.vendor,
    s.daily_cost,
    'Standard',
    s.currency,
    s.daily_cost,
    CASE WHEN s.pricing_model = 'FLAT_FEE' THEN 1 ELSE s.seats END,
    CASE WHEN s.pricing_model = 'FLAT_FEE' THEN 'Subscription' ELSE 'Seat' END,
    s.vendor,
    s.vendor,
    s.subscription_id,
    COALESCE(s.display_name, s.product || ' - ' || s.plan_name),
    'SaaS Subscription',
    CASE s.plan_category
        WHEN 'llm_api' THEN 'AI and Machine Learning' WHEN 'ai' THEN 'AI and Machine Learning'
        WHEN 'design' THEN 'Media'
        WHEN 'productivity' THEN 'Business Applications' WHEN 'communication' THEN 'Business Applications'
        WHEN 'development' THEN 'Developer Tools'
        WHEN 'cloud' THEN 'Web'
        ELSE 'Other' END,
    s.product || ' ' || s.plan_name,
    s.vendor,
    CASE s.plan_category
        WHEN 'llm_api' THEN 'Generative AI' WHEN 'ai' THEN 'Generative AI'
        WHEN 'design' THEN 'Content Creation'
        WHEN 'productivity' THEN 'Productivity and Collaboration' WHEN 'communication' THEN 'Productivity and Collaboration'
        WHEN 'development' THEN 'Developer Platforms'
        WHEN 'cloud' THEN 'Application Platforms'
        ELSE 'Other' END,
    s.provider || '/' || lower(s.plan_name) || '/' || s.billing_cycle,
    s.billing_cycle || '-' || lower(s.pricing_model),
    s.subscription_id,
    s.x_org_slug,
    p.company_name,
    'Organization',
    json_object('provider', s.provider, 'plan_name', s.plan_name, 'billing_cycle', s.billing_cycle,
                'pricing_model', s.pricing_model, 'category', s.plan_category, 'department', s.department,
                'owner_email', s.owner_email),
    'subscription_plan_costs_daily',
    s.subscription_id,
    'subscription',
    'Amortized',
    'SaaS',
    s.department,
    s.exchange_rate_used,
    s.source_currency,
    p.company_name,
    p.admin_email,
    p.default_currency,
    p.default_timezone,
    p.default_country,
    p.subscription_plan,
    p.status,
    1.0,
    s.created_at,
    current_timestamp AT TIME ZONE 'UTC',
    s.x_hierarchy_entity_id,
    s.x_hierarchy_entity_name,
    s.x_hierarchy_level_code,
    s.x_hierarchy_path,
    s.x_hierarchy_path_names,
    s.x_hierarchy_validated_at,
    s.x_org_slug,
    @p_pipeline_id,
    s.x_credential_id,
    s.cost_date,
    @p_run_id,
    current_timestamp AT TIME ZONE 'UTC',
    s.cost_date
FROM daily s
LEFT JOIN ${central}.org_profiles p ON p.org_slug = s.x_org_slug;
