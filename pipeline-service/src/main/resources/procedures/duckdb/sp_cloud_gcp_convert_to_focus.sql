-- sp_cloud_gcp_convert_to_focus (DuckDB)
-- Contract (same as procedures/bigquery/sp_cloud_gcp_convert_to_focus.sql):
--   Converts the GCP billing export lines of cloud_gcp_billing_raw_daily that pipeline @p_pipeline_id wrote for
--   usage days between @p_start_date and @p_end_date (only credential @p_credential_id when given) into FOCUS 1.3
--   rows of cost_data_standard_1_3, replacing the FOCUS rows of exactly those slices
--   (x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date). Runs in one transaction.
-- Parameters: @p_org_slug, @p_pipeline_id, @p_start_date, @p_end_date, @p_credential_id (nullable), @p_run_id.
-- Rows: every export line becomes one row (BilledCost = EffectiveCost = cost, before credits) and every element of
--   its credits becomes a row of its own with ChargeCategory Credit (BilledCost = EffectiveCost = the credit's
--   negative amount), so SUM(BilledCost) = SUM(EffectiveCost) = SUM(cost) + SUM(credits.amount), the invoice total.
--   Credits are rows, not EffectiveCost reductions, because GCP invoices them as lines of their own and FOCUS 1.3
--   has the Credit category for them; one line can carry several credits (sustained use, CUD, promotion) whose
--   identity (id, name, type) a reduced EffectiveCost would lose, and FOCUS keeps EffectiveCost apart from
--   BilledCost only for amortized commitments.
-- Classification: cost_type tax -> Tax; adjustment and rounding_error -> Adjustment, ChargeClass Correction when
--   the adjusted usage precedes the invoice month it is billed in; a SKU named "Commitment ..." (a committed use
--   discount fee) -> Purchase, Recurring; the rest -> Usage. CUD credits (COMMITTED_USAGE_DISCOUNT[_DOLLAR_BASE]) and
--   the usage lines they cover carry the commitment columns (id and name of the credit), covered usage is priced
--   Committed. BillingPeriod is invoice.month in Pacific time (GCP's invoice months), as UTC timestamps.
--   Hierarchy: the first of the labels cost_center, team, department, entity_id whose value (upper-cased; GCP label
--   values are lower case) is a current entity of the org's hierarchy.

DELETE FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @p_org_slug
  AND x_source_system = 'cloud_gcp_billing_raw_daily'
  AND x_pipeline_id = @p_pipeline_id
  AND x_pipeline_run_date BETWEEN @p_start_date AND @p_end_date
  AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR x_credential_id = @p_credential_id);

INSERT INTO ${org}.cost_data_standard_1_3 (
    AvailabilityZone, BilledCost, BillingAccountId, BillingAccountName, BillingAccountType, BillingCurrency,
    BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeClass, ChargeDescription, ChargeFrequency,
    ChargePeriodEnd, ChargePeriodStart, CommitmentDiscountCategory, CommitmentDiscountId, CommitmentDiscountName,
    CommitmentDiscountStatus, CommitmentDiscountType, ConsumedQuantity, ConsumedUnit, ContractedCost,
    ContractedUnitPrice, EffectiveCost, HostProviderName, InvoiceId, InvoiceIssuerName, ListCost, ListUnitPrice,
    PricingCategory, PricingCurrency, PricingQuantity, PricingUnit, ProviderName, PublisherName, RegionId, RegionName,
    ResourceId, ResourceName, ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory, SkuId, SkuMeter,
    SkuPriceId, SubAccountId, SubAccountName, SubAccountType, Tags,
    x_source_system, x_source_record_id, x_cost_type, x_charge_type, x_cloud_provider, x_cloud_account_id,
    x_org_name, x_org_owner_email, x_org_default_currency, x_org_default_timezone, x_org_default_country,
    x_org_subscription_plan, x_org_subscription_status, x_created_at, x_updated_at,
    x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
    x_hierarchy_validated_at,
    x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
WITH entities AS (
    SELECT entity_id, entity_name, level_code, path, array_to_string(path_names, ' > ') AS path_names
    FROM ${central}.org_hierarchy
    WHERE org_slug = @p_org_slug AND end_date IS NULL
    QUALIFY ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY version DESC) = 1
),
export_lines AS (
    SELECT g.*,
        LOWER(COALESCE(g.cost_type, 'regular')) AS line_type,
        COALESCE(CAST(try_strptime(g.invoice_month, '%Y%m') AS DATE),
                 CAST(date_trunc('month', timezone('America/Los_Angeles', timezone('UTC', g.usage_start_time))) AS DATE))
            AS billing_month,
        starts_with(LOWER(COALESCE(g.sku_description, '')), 'commitment') AS commitment_fee,
        list_filter(json_extract(g.credits_json, '$[*]'),
                    lambda c: json_extract_string(c, '$.type') LIKE 'COMMITTED_USAGE_DISCOUNT%')[1] AS cud_credit
    FROM ${org}.cloud_gcp_billing_raw_daily g
    WHERE g.x_org_slug = @p_org_slug
      AND g.x_pipeline_id = @p_pipeline_id
      AND g.x_pipeline_run_date BETWEEN @p_start_date AND @p_end_date
      AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR g.x_credential_id = @p_credential_id)
),
charged AS (
    SELECT e.*,
        timezone('UTC', timezone('America/Los_Angeles', CAST(e.billing_month AS TIMESTAMP))) AS period_start,
        timezone('UTC', timezone('America/Los_Angeles', CAST(e.billing_month + INTERVAL 1 MONTH AS TIMESTAMP))) AS period_end,
        CASE
            WHEN e.line_type = 'tax' THEN 'Tax'
            WHEN e.line_type IN ('adjustment', 'rounding_error') THEN 'Adjustment'
            WHEN e.commitment_fee THEN 'Purchase'
            ELSE 'Usage'
        END AS line_category
    FROM export_lines e
),
focus_lines AS (
    SELECT c.*, FALSE AS is_credit, c.cost AS amount, CAST(NULL AS VARCHAR) AS credit_id,
           CAST(NULL AS VARCHAR) AS credit_name, CAST(NULL AS VARCHAR) AS credit_type
    FROM charged c
    UNION ALL
    SELECT c.*, TRUE, CAST(json_extract_string(k.credit, '$.amount') AS DECIMAL(38,18)),
           json_extract_string(k.credit, '$.id'),
           COALESCE(json_extract_string(k.credit, '$.full_name'), json_extract_string(k.credit, '$.name')),
           json_extract_string(k.credit, '$.type')
    FROM charged c, unnest(json_extract(c.credits_json, '$[*]')) AS k(credit)
),
classified AS (
    SELECT f.*,
        CASE WHEN f.is_credit THEN 'Credit' ELSE f.line_category END AS charge_category,
        CASE
            WHEN f.is_credit AND f.credit_type LIKE 'COMMITTED_USAGE_DISCOUNT%' THEN f.credit_id
            WHEN NOT f.is_credit AND f.line_category = 'Usage' THEN json_extract_string(f.cud_credit, '$.id')
            WHEN NOT f.is_credit AND f.line_category = 'Purchase' THEN f.resource_global_name
        END AS commitment_id,
        CASE
            WHEN f.is_credit AND f.credit_type LIKE 'COMMITTED_USAGE_DISCOUNT%' THEN f.credit_name
            WHEN NOT f.is_credit AND f.line_category = 'Usage'
                THEN COALESCE(json_extract_string(f.cud_credit, '$.full_name'), json_extract_string(f.cud_credit, '$.name'))
            WHEN NOT f.is_credit AND f.line_category = 'Purchase' THEN f.resource_name
        END AS commitment_name,
        CASE
            WHEN f.is_credit THEN f.credit_type = 'COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE'
            WHEN f.line_category = 'Usage' THEN json_extract_string(f.cud_credit, '$.type') = 'COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE'
            ELSE LOWER(f.sku_description) LIKE '%dollar based%' OR LOWER(f.sku_description) LIKE '%spend based%'
                 OR LOWER(f.sku_description) LIKE '%spend-based%'
        END AS commitment_spend,
        CASE
            WHEN NOT f.is_credit AND f.line_category IN ('Usage', 'Purchase') AND f.price_pricing_unit_quantity IS NOT NULL
                 AND f.price_pricing_unit_quantity NOT IN (0, 1)
                THEN CAST(f.price_effective_price / f.price_pricing_unit_quantity AS DECIMAL(38,18))
            WHEN NOT f.is_credit AND f.line_category IN ('Usage', 'Purchase') THEN f.price_effective_price
        END AS contracted_unit_price,
        CASE
            WHEN NOT f.is_credit AND f.line_category IN ('Usage', 'Purchase') AND f.price_pricing_unit_quantity IS NOT NULL
                 AND f.price_pricing_unit_quantity NOT IN (0, 1)
                THEN CAST(f.price_list_price / f.price_pricing_unit_quantity AS DECIMAL(38,18))
            WHEN NOT f.is_credit AND f.line_category IN ('Usage', 'Purchase') THEN f.price_list_price
        END AS list_unit_price
    FROM focus_lines f
),
allocated AS (
    SELECT l.*, COALESCE(h1.entity_id, h2.entity_id, h3.entity_id, h4.entity_id) AS allocated_entity_id
    FROM classified l
    LEFT JOIN entities h1 ON h1.entity_id = UPPER(json_extract_string(l.labels_json, '$.cost_center'))
    LEFT JOIN entities h2 ON h2.entity_id = UPPER(json_extract_string(l.labels_json, '$.team'))
    LEFT JOIN entities h3 ON h3.entity_id = UPPER(json_extract_string(l.labels_json, '$.department'))
    LEFT JOIN entities h4 ON h4.entity_id = UPPER(json_extract_string(l.labels_json, '$.entity_id'))
)
SELECT
    r.location_zone,
    r.amount,
    r.billing_account_id,
    NULL,
    NULL,
    r.currency,
    r.period_end,
    r.period_start,
    r.charge_category,
    CASE WHEN r.line_type = 'adjustment' AND r.usage_start_time < r.period_start THEN 'Correction' END,
    CASE WHEN r.is_credit THEN COALESCE(r.credit_name, r.credit_type) ELSE r.sku_description END,
    CASE
        WHEN r.line_category = 'Usage' THEN 'Usage-Based'
        WHEN r.line_category IN ('Purchase', 'Tax') THEN 'Recurring'
        ELSE 'One-Time'
    END,
    CASE WHEN r.usage_end_time > r.usage_start_time THEN r.usage_end_time ELSE r.usage_start_time + INTERVAL 1 HOUR END,
    r.usage_start_time,
    CASE WHEN r.commitment_id IS NOT NULL THEN CASE WHEN r.commitment_spend THEN 'Spend' ELSE 'Usage' END END,
    r.commitment_id,
    CASE WHEN r.commitment_id IS NOT NULL THEN r.commitment_name END,
    CASE WHEN r.commitment_id IS NOT NULL AND r.charge_category IN ('Usage', 'Credit') THEN 'Used' END,
    CASE WHEN r.commitment_id IS NOT NULL THEN
        CASE WHEN r.commitment_spend THEN 'Committed Use Discount (spend-based)'
             ELSE 'Committed Use Discount (resource-based)' END
    END,
    CASE WHEN r.charge_category = 'Usage' THEN r.usage_amount END,
    CASE WHEN r.charge_category = 'Usage' THEN r.usage_unit END,
    r.amount,
    r.contracted_unit_price,
    r.amount,
    'Google Cloud',
    NULL,
    'Google Cloud',
    CASE WHEN r.is_credit THEN r.amount ELSE COALESCE(r.cost_at_list, r.cost) END,
    r.list_unit_price,
    CASE
        WHEN r.charge_category = 'Usage' AND r.cud_credit IS NOT NULL THEN 'Committed'
        WHEN r.charge_category = 'Usage' AND (LOWER(r.sku_description) LIKE '%spot%'
                                              OR LOWER(r.sku_description) LIKE '%preemptible%') THEN 'Dynamic'
        WHEN r.charge_category IN ('Usage', 'Purchase') THEN 'Standard'
    END,
    r.currency,
    CASE WHEN r.charge_category IN ('Usage', 'Purchase') THEN r.usage_amount_in_pricing_units END,
    CASE WHEN r.charge_category IN ('Usage', 'Purchase') THEN r.usage_pricing_unit END,
    'Google Cloud',
    COALESCE(r.seller_name, 'Google Cloud'),
    COALESCE(r.location_region, r.location_location),
    COALESCE(r.location_region, r.location_location),
    r.resource_global_name,
    r.resource_name,
    COALESCE(s.service_category, 'Other'),
    COALESCE(r.service_description, r.service_id, 'Google Cloud'),
    CASE WHEN r.seller_name IS NULL OR LOWER(r.seller_name) LIKE 'google%' THEN 'Google Cloud' ELSE r.seller_name END,
    COALESCE(s.service_subcategory, 'Other'),
    r.sku_id,
    r.sku_description,
    NULL,
    r.project_id,
    r.project_name,
    CASE WHEN r.project_id IS NOT NULL THEN 'Project' END,
    r.labels_json,
    'cloud_gcp_billing_raw_daily',
    NULL,
    'cloud',
    CASE WHEN r.is_credit THEN COALESCE(r.credit_type, 'CREDIT') ELSE r.line_type END,
    'gcp',
    r.billing_account_id,
    p.company_name,
    p.admin_email,
    p.default_currency,
    p.default_timezone,
    p.default_country,
    p.subscription_plan,
    p.status,
    r.x_ingested_at,
    r.x_ingested_at,
    h.entity_id,
    h.entity_name,
    h.level_code,
    h.path,
    h.path_names,
    CASE WHEN h.entity_id IS NOT NULL THEN r.x_ingested_at END,
    r.x_org_slug,
    r.x_pipeline_id,
    r.x_credential_id,
    r.x_pipeline_run_date,
    @p_run_id,
    r.x_ingested_at,
    CAST(r.usage_start_time AS DATE)
FROM allocated r
LEFT JOIN entities h ON h.entity_id = r.allocated_entity_id
LEFT JOIN ${central}.ref_service_categories s ON s.provider = 'gcp' AND s.service_code = r.service_description
LEFT JOIN ${central}.org_profiles p ON p.org_slug = r.x_org_slug;
