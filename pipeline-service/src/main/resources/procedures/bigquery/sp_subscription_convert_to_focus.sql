-- sp_subscription_convert_to_focus (BigQuery)
-- Contract (same as procedures/duckdb/sp_subscription_convert_to_focus.sql):
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
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_subscription_convert_to_focus(dataset_id, org_slug, pipeline_id, start_date,
--                                                                  end_date, credential_id, run_id)

CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_subscription_convert_to_focus(
    p_dataset_id STRING,
    p_org_slug STRING,
    p_pipeline_id STRING,
    p_start_date DATE,
    p_end_date DATE,
    p_credential_id STRING,
    p_run_id STRING)
BEGIN
  DECLARE v_end DATE DEFAULT COALESCE(p_end_date, DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 1 DAY));
  DECLARE v_first DATE;
  DECLARE v_start DATE;

  IF NOT REGEXP_CONTAINS(p_dataset_id, r'^[a-z0-9_]{1,100}$') OR NOT STARTS_WITH(p_dataset_id, CONCAT(p_org_slug, '_')) THEN
    RAISE USING MESSAGE = 'sp_subscription_convert_to_focus: dataset does not belong to the organization';
  END IF;

  EXECUTE IMMEDIATE FORMAT("""
    SELECT MIN(start_date) FROM `{project_id}.%s.subscription_plans`
    WHERE x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
  """, p_dataset_id) INTO v_first USING p_org_slug AS p_org_slug;
  SET v_start = COALESCE(p_start_date,
      LEAST(GREATEST(COALESCE(v_first, v_end), DATE_SUB(v_end, INTERVAL 729 DAY)), v_end));

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.cost_data_standard_1_3`
    WHERE x_org_slug = @p_org_slug
      AND x_source_system = 'subscription_plan_costs_daily'
      AND x_pipeline_run_date BETWEEN @v_start AND @v_end
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, v_start AS v_start, v_end AS v_end;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.cost_data_standard_1_3` (
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
    WITH versions AS (
        SELECT v.*
        FROM `{project_id}.%s.subscription_plans` v
        WHERE v.x_org_slug = @p_org_slug
        QUALIFY ROW_NUMBER() OVER (PARTITION BY v.subscription_id ORDER BY v.updated_at DESC) = 1
    ), daily AS (
        SELECT d.*,
            COALESCE(sp.display_name, CONCAT(UPPER(SUBSTR(REPLACE(d.provider, '_', ' '), 1, 1)),
                     SUBSTR(REPLACE(d.provider, '_', ' '), 2))) AS product,
            COALESCE(sp.vendor_name, CONCAT(UPPER(SUBSTR(REPLACE(d.provider, '_', ' '), 1, 1)),
                     SUBSTR(REPLACE(d.provider, '_', ' '), 2))) AS vendor,
            LOWER(COALESCE(v.category, 'other')) AS plan_category,
            v.contract_id AS contract_id, v.start_date AS plan_start, v.end_date AS plan_end,
            v.auto_renew AS auto_renew, v.department AS department, v.owner_email AS owner_email,
            v.exchange_rate_used AS exchange_rate_used, v.source_currency AS source_currency
        FROM `{project_id}.%s.subscription_plan_costs_daily` d
        JOIN versions v ON v.subscription_id = d.subscription_id
        LEFT JOIN `{project_id}.organizations.ref_saas_providers` sp ON sp.provider = d.provider
        WHERE d.x_org_slug = @p_org_slug AND d.cost_date BETWEEN @v_start AND @v_end
    )
    SELECT
        s.daily_cost,
        COALESCE(s.contract_id, s.subscription_id),
        CONCAT(s.product, ' - ', s.plan_name),
        IF(s.contract_id IS NOT NULL, 'Contract', 'Subscription'),
        s.currency,
        TIMESTAMP(DATE_ADD(DATE_TRUNC(s.cost_date, MONTH), INTERVAL 1 MONTH)),
        TIMESTAMP(DATE_TRUNC(s.cost_date, MONTH)),
        'Purchase',
        CAST(NULL AS STRING),
        CONCAT(s.product, ' ', s.plan_name, ' - ',
               IF(s.pricing_model = 'FLAT_FEE', 'flat fee', CONCAT(CAST(s.seats AS STRING), ' seats')),
               ' (', s.billing_cycle, ', amortized daily)'),
        'Recurring',
        TIMESTAMP(DATE_ADD(s.cost_date, INTERVAL 1 DAY)),
        TIMESTAMP(s.cost_date),
        IF(s.pricing_model = 'FLAT_FEE', 1, s.seats),
        IF(s.pricing_model = 'FLAT_FEE', 'Subscription', 'Seat'),
        JSON_OBJECT('ContractId', s.contract_id, 'SubscriptionId', s.subscription_id,
                    'StartDate', CAST(s.plan_start AS STRING), 'EndDate', CAST(s.plan_end AS STRING),
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
        IF(s.pricing_model = 'FLAT_FEE', 1, s.seats),
        IF(s.pricing_model = 'FLAT_FEE', 'Subscription', 'Seat'),
        s.vendor,
        s.vendor,
        s.subscription_id,
        COALESCE(s.display_name, CONCAT(s.product, ' - ', s.plan_name)),
        'SaaS Subscription',
        CASE s.plan_category
            WHEN 'llm_api' THEN 'AI and Machine Learning' WHEN 'ai' THEN 'AI and Machine Learning'
            WHEN 'design' THEN 'Media'
            WHEN 'productivity' THEN 'Business Applications' WHEN 'communication' THEN 'Business Applications'
            WHEN 'development' THEN 'Developer Tools'
            WHEN 'cloud' THEN 'Web'
            ELSE 'Other' END,
        CONCAT(s.product, ' ', s.plan_name),
        s.vendor,
        CASE s.plan_category
            WHEN 'llm_api' THEN 'Generative AI' WHEN 'ai' THEN 'Generative AI'
            WHEN 'design' THEN 'Content Creation'
            WHEN 'productivity' THEN 'Productivity and Collaboration' WHEN 'communication' THEN 'Productivity and Collaboration'
            WHEN 'development' THEN 'Developer Platforms'
            WHEN 'cloud' THEN 'Application Platforms'
            ELSE 'Other' END,
        CONCAT(s.provider, '/', LOWER(s.plan_name), '/', s.billing_cycle),
        CONCAT(s.billing_cycle, '-', LOWER(s.pricing_model)),
        s.subscription_id,
        s.x_org_slug,
        p.company_name,
        'Organization',
        JSON_OBJECT('provider', s.provider, 'plan_name', s.plan_name, 'billing_cycle', s.billing_cycle,
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
        CURRENT_TIMESTAMP(),
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
        CURRENT_TIMESTAMP(),
        s.cost_date
    FROM daily s
    LEFT JOIN `{project_id}.organizations.org_profiles` p ON p.org_slug = s.x_org_slug
  """, p_dataset_id, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_run_id AS p_run_id,
        v_start AS v_start, v_end AS v_end;

  COMMIT TRANSACTION;
END;
