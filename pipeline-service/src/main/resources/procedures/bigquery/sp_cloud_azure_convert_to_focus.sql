-- sp_cloud_azure_convert_to_focus (BigQuery)
-- Contract (same as procedures/duckdb/sp_cloud_azure_convert_to_focus.sql):
--   Converts the Azure cost-details rows of cloud_azure_billing_raw_daily that pipeline p_pipeline_id wrote for the
--   billing months from p_start_date's to p_end_date's (only credential p_credential_id when given) into FOCUS 1.3
--   rows of cost_data_standard_1_3, replacing the FOCUS rows of exactly those months; a FOCUS row's slice
--   (x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date) is its billing month's first day. Runs in one
--   transaction.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_cloud_azure_convert_to_focus(dataset_id, org_slug, pipeline_id, start_date,
--                                                                 end_date, credential_id, run_id)
-- The raw table keys a month's actual rows by its first day and its amortized rows by its last day; both are read.
-- Combining the two datasets without counting anything twice, per credential and billing month:
--   * amortized rows present: every amortized row except commitment purchases and refunds (amortized data spreads
--     them over usage), plus the commitment purchases and refunds of the actual dataset. BilledCost is the invoiced
--     amount: the actual cost, so 0 on usage covered by a reservation or savings plan and on unused-commitment rows
--     (their cost is billed on the purchase row); EffectiveCost is the amortized cost, so 0 on the purchase rows.
--     Usage, tax and marketplace lines, identical in both datasets, come once, from the amortized one.
--   * only actual rows: every actual row, BilledCost = EffectiveCost = the actual cost (nothing to amortize with).
--   * only amortized rows: every amortized row except commitment purchases; BilledCost then lacks those purchases.
-- ChargeCategory: Usage, UnusedReservation, UnusedSavingsPlan -> Usage; Purchase; Tax; Refund (ChargeClass
-- Correction) and Credit -> Credit; RoundingAdjustment and anything else -> Adjustment.
-- Hierarchy: the first of the CostCenter column and the tags cost_center, CostCenter, costcenter, team, Team,
-- department, Department, entity_id that names a current entity of the org hierarchy (compared upper-case).
CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_cloud_azure_convert_to_focus(
    p_dataset_id STRING,
    p_org_slug STRING,
    p_pipeline_id STRING,
    p_start_date DATE,
    p_end_date DATE,
    p_credential_id STRING,
    p_run_id STRING)
BEGIN
  IF NOT REGEXP_CONTAINS(p_dataset_id, r'^[a-z0-9_]{1,100}$') OR NOT STARTS_WITH(p_dataset_id, CONCAT(p_org_slug, '_')) THEN
    RAISE USING MESSAGE = 'sp_cloud_azure_convert_to_focus: dataset does not belong to the organization';
  END IF;

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.cost_data_standard_1_3`
    WHERE x_org_slug = @p_org_slug
      AND x_source_system = 'cloud_azure_billing_raw_daily'
      AND x_pipeline_id = @p_pipeline_id
      AND x_pipeline_run_date BETWEEN DATE_TRUNC(@p_start_date, MONTH)
                                  AND LAST_DAY(@p_end_date)
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_start_date AS p_start_date,
          p_end_date AS p_end_date, p_credential_id AS p_credential_id, p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.cost_data_standard_1_3` (
        AvailabilityZone, BilledCost, BillingAccountId, BillingAccountName, BillingAccountType, BillingCurrency,
        BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeClass, ChargeDescription, ChargeFrequency,
        ChargePeriodEnd, ChargePeriodStart, CommitmentDiscountCategory, CommitmentDiscountId, CommitmentDiscountName,
        CommitmentDiscountStatus, CommitmentDiscountType, ConsumedQuantity, ConsumedUnit, ContractedCost,
        ContractedUnitPrice, EffectiveCost, HostProviderName, InvoiceId, InvoiceIssuerName, ListCost, ListUnitPrice,
        PricingCategory, PricingCurrency, PricingQuantity, PricingUnit, ProviderName, PublisherName, RegionId, RegionName,
        ResourceId, ResourceName, ResourceType, ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory,
        SkuId, SkuMeter, SkuPriceId, SubAccountId, SubAccountName, SubAccountType, Tags,
        x_source_system, x_source_record_id, x_cost_type, x_charge_type, x_cloud_provider, x_cloud_account_id,
        x_amortization_class,
        x_org_name, x_org_owner_email, x_org_default_currency, x_org_default_timezone, x_org_default_country,
        x_org_subscription_plan, x_org_subscription_status, x_created_at, x_updated_at,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    WITH hierarchy AS (
        SELECT entity_id FROM `{project_id}.organizations.org_hierarchy` WHERE org_slug = @p_org_slug AND end_date IS NULL
    )
    SELECT
        r.availability_zone,
        r.billed_cost,
        COALESCE(r.billing_profile_id, r.billing_account_id, r.subscription_id),
        COALESCE(r.billing_profile_name, r.billing_account_name),
        CASE WHEN r.billing_profile_id IS NOT NULL AND r.billing_profile_id <> COALESCE(r.billing_account_id, '')
             THEN 'Billing Profile' ELSE 'Billing Account' END,
        r.billing_currency,
        TIMESTAMP(DATE_ADD(COALESCE(r.billing_period_end, LAST_DAY(r.billing_period_start)), INTERVAL 1 DAY)),
        TIMESTAMP(r.billing_period_start),
        r.charge_category,
        CASE WHEN r.charge_key = 'refund' THEN 'Correction' END,
        r.product_name,
        CASE LOWER(COALESCE(r.frequency, ''))
            WHEN 'onetime' THEN 'One-Time'
            WHEN 'recurring' THEN 'Recurring'
            WHEN 'usagebased' THEN 'Usage-Based'
            ELSE CASE WHEN r.charge_category = 'Usage' THEN 'Usage-Based' ELSE 'One-Time' END
        END,
        COALESCE(r.usage_end_time, TIMESTAMP_ADD(r.usage_start_time, INTERVAL 1 DAY)),
        r.usage_start_time,
        CASE WHEN r.commitment_row THEN CASE WHEN r.savings_plan THEN 'Spend' ELSE 'Usage' END END,
        CASE WHEN r.commitment_row THEN COALESCE(r.benefit_id, r.reservation_id) END,
        CASE WHEN r.commitment_row THEN COALESCE(r.benefit_name, r.reservation_name) END,
        CASE WHEN r.committed_usage THEN 'Used' WHEN r.unused_commitment THEN 'Unused' END,
        CASE WHEN r.commitment_row THEN CASE WHEN r.savings_plan THEN 'Savings Plan' ELSE 'Reservation' END END,
        CASE WHEN r.charge_category = 'Usage' AND NOT r.unused_commitment THEN r.usage_quantity END,
        CASE WHEN r.charge_category = 'Usage' AND NOT r.unused_commitment THEN r.unit_of_measure END,
        r.contracted_cost,
        r.unit_price,
        r.effective_cost,
        'Microsoft',
        r.invoice_id,
        'Microsoft',
        CASE WHEN r.charge_category = 'Usage' AND r.payg_price IS NOT NULL AND r.usage_quantity IS NOT NULL
             THEN r.payg_price * r.usage_quantity
             ELSE r.contracted_cost END,
        CASE WHEN r.charge_category = 'Usage' THEN r.payg_price END,
        CASE
            WHEN r.charge_category <> 'Usage' THEN NULL
            WHEN r.committed_usage OR r.unused_commitment THEN 'Committed'
            WHEN r.pricing_key = 'spot' THEN 'Dynamic'
            WHEN r.pricing_key IN ('ondemand', '') THEN 'Standard'
            ELSE 'Other'
        END,
        COALESCE(r.pricing_currency, r.billing_currency),
        r.usage_quantity,
        r.unit_of_measure,
        'Microsoft',
        COALESCE(r.publisher_name, 'Microsoft'),
        LOWER(REPLACE(r.resource_location, ' ', '')),
        r.resource_location,
        r.resource_id,
        r.resource_name,
        r.resource_type,
        COALESCE(cm.service_category, cs.service_category, 'Other'),
        COALESCE(r.service_name, r.meter_category, r.consumed_service, 'Microsoft Azure'),
        CASE WHEN LOWER(COALESCE(r.publisher_type, '')) = 'marketplace' THEN COALESCE(r.publisher_name, 'Microsoft')
             ELSE 'Microsoft' END,
        CASE WHEN cm.service_code IS NOT NULL THEN cm.service_subcategory
             WHEN cs.service_code IS NOT NULL THEN cs.service_subcategory
             ELSE 'Other' END,
        COALESCE(r.product_id, r.part_number, r.meter_id),
        r.meter_name,
        CAST(NULL AS STRING),
        r.subscription_id,
        r.subscription_name,
        'Subscription',
        r.resource_tags_json,
        'cloud_azure_billing_raw_daily',
        r.x_ingestion_id,
        'cloud',
        r.charge_type,
        'azure',
        r.subscription_id,
        CASE WHEN r.commitment_purchase THEN 'Principal'
             WHEN r.cost_dataset = 'amortized' AND (r.committed_usage OR r.unused_commitment) THEN 'Amortized Charge' END,
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
        r.billing_month,
        @p_run_id,
        r.x_ingested_at,
        r.usage_date
    FROM (
        -- Costs of the chosen rows, and the price at the negotiated rate.
        SELECT b.*,
            CASE WHEN b.charge_category = 'Usage' AND b.unit_price IS NOT NULL AND b.usage_quantity IS NOT NULL
                 THEN b.unit_price * b.usage_quantity
                 ELSE b.billed_cost END AS contracted_cost
        FROM (
            SELECT c.*,
                CASE WHEN c.cost_dataset = 'amortized' AND (c.committed_usage OR c.unused_commitment) THEN 0
                     ELSE c.cost_in_billing_currency END AS billed_cost,
                CASE WHEN c.cost_dataset = 'actual' AND c.has_amortized AND c.commitment_purchase THEN 0
                     ELSE c.cost_in_billing_currency END AS effective_cost,
                c.committed_usage OR c.unused_commitment OR c.commitment_purchase AS commitment_row
            FROM (
                -- Each row classified, whether its month has amortized rows, and its hierarchy entity.
                SELECT k.*,
                    k.charge_key IN ('purchase', 'refund')
                        AND (k.pricing_key IN ('reservation', 'savingsplan') OR k.benefit_id IS NOT NULL
                             OR k.reservation_id IS NOT NULL) AS commitment_purchase,
                    k.charge_key = 'usage' AND k.pricing_key IN ('reservation', 'savingsplan') AS committed_usage,
                    k.charge_key IN ('unusedreservation', 'unusedsavingsplan') AS unused_commitment,
                    k.pricing_key = 'savingsplan' OR k.charge_key = 'unusedsavingsplan'
                        OR COALESCE(LOWER(k.benefit_id) LIKE '%%/microsoft.billingbenefits/%%', FALSE) AS savings_plan,
                    CASE
                        WHEN k.charge_key IN ('usage', 'unusedreservation', 'unusedsavingsplan') THEN 'Usage'
                        WHEN k.charge_key = 'purchase' THEN 'Purchase'
                        WHEN k.charge_key = 'tax' THEN 'Tax'
                        WHEN k.charge_key IN ('refund', 'credit') THEN 'Credit'
                        ELSE 'Adjustment'
                    END AS charge_category,
                    a.billing_month IS NOT NULL AS has_amortized,
                    CASE
                        WHEN UPPER(k.cost_center) IN (SELECT entity_id FROM hierarchy) THEN UPPER(k.cost_center)
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.cost_center')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.cost_center'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.CostCenter')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.CostCenter'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.costcenter')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.costcenter'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.team')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.team'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.Team')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.Team'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.department')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.department'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.Department')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.Department'))
                        WHEN UPPER(JSON_VALUE(k.resource_tags_json, '$.entity_id')) IN (SELECT entity_id FROM hierarchy)
                            THEN UPPER(JSON_VALUE(k.resource_tags_json, '$.entity_id'))
                    END AS hierarchy_entity_id
                FROM (
                    SELECT raw.*,
                        DATE_TRUNC(raw.x_pipeline_run_date, MONTH) AS billing_month,
                        LOWER(COALESCE(raw.charge_type, '')) AS charge_key,
                        LOWER(REPLACE(COALESCE(raw.pricing_model, ''), ' ', '')) AS pricing_key
                    FROM `{project_id}.%s.cloud_azure_billing_raw_daily` raw
                    WHERE raw.x_org_slug = @p_org_slug
                      AND raw.x_pipeline_id = @p_pipeline_id
                      AND raw.x_pipeline_run_date BETWEEN DATE_TRUNC(@p_start_date, MONTH)
                                                      AND LAST_DAY(@p_end_date)
                      AND (@p_credential_id IS NULL OR raw.x_credential_id = @p_credential_id)
                ) k
                LEFT JOIN (
                    SELECT DISTINCT am.x_credential_id, DATE_TRUNC(am.x_pipeline_run_date, MONTH) AS billing_month
                    FROM `{project_id}.%s.cloud_azure_billing_raw_daily` am
                    WHERE am.x_org_slug = @p_org_slug
                      AND am.x_pipeline_id = @p_pipeline_id
                      AND am.cost_dataset = 'amortized'
                ) a ON a.x_credential_id = k.x_credential_id AND a.billing_month = k.billing_month
            ) c
            -- A month with amortized rows: those but commitment purchases, plus the actual commitment purchases.
            -- A month without: the actual rows.
            WHERE (c.cost_dataset = 'amortized' AND NOT c.commitment_purchase)
               OR (c.cost_dataset = 'actual' AND (NOT c.has_amortized OR c.commitment_purchase))
        ) b
    ) r
    LEFT JOIN `{project_id}.organizations.ref_service_categories` cm ON cm.provider = 'azure' AND cm.service_code = r.meter_category
    LEFT JOIN `{project_id}.organizations.ref_service_categories` cs ON cs.provider = 'azure' AND cs.service_code = LOWER(r.consumed_service)
    LEFT JOIN (
        SELECT oh.entity_id, oh.entity_name, oh.level_code, oh.path, ARRAY_TO_STRING(oh.path_names, ' > ') AS path_names
        FROM `{project_id}.organizations.org_hierarchy` oh
        WHERE oh.org_slug = @p_org_slug AND oh.end_date IS NULL
    ) h ON h.entity_id = r.hierarchy_entity_id
    LEFT JOIN `{project_id}.organizations.org_profiles` p ON p.org_slug = r.x_org_slug
  """, p_dataset_id, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_start_date AS p_start_date,
          p_end_date AS p_end_date, p_credential_id AS p_credential_id, p_run_id AS p_run_id;

  COMMIT TRANSACTION;
EXCEPTION WHEN ERROR THEN
  ROLLBACK TRANSACTION;
  RAISE USING MESSAGE = CONCAT('sp_cloud_azure_convert_to_focus: ', @@error.message);
END;
