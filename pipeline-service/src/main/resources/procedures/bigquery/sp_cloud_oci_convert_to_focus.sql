-- sp_cloud_oci_convert_to_focus (BigQuery)
-- Contract (same as procedures/duckdb/sp_cloud_oci_convert_to_focus.sql):
--   Converts the OCI cost report lines of cloud_oci_billing_raw_daily that pipeline p_pipeline_id wrote for usage
--   days between p_start_date and p_end_date (only credential p_credential_id when given) into FOCUS 1.3 rows of
--   cost_data_standard_1_3, replacing the FOCUS rows of exactly those slices
--   (x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date = usage day). Runs in one transaction.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_cloud_oci_convert_to_focus(dataset_id, org_slug, pipeline_id, start_date,
--                                                               end_date, credential_id, run_id)
-- Money: BilledCost = EffectiveCost = ContractedCost = cost/myCost (overage included). The cost report has no list
--   price, so ListCost is the billed cost and ListUnitPrice is null.
-- ChargeCategory: OCI has no charge-type column. A line whose service or description names a tax is Tax, one that
--   names a credit, or a negative line that is not a correction, is Credit, any other line is Usage. A correction
--   (lineItem/isCorrection) keeps the category of the line it corrects (lineItem/backreferenceNo = its
--   lineItem/referenceNo, looked up among all the org's lines of the tenancy) and has ChargeClass Correction.
-- Overage lines (cost/overageFlag) stay Usage at their billed cost; x_charge_type says Overage.
-- Hierarchy: the first of the freeform tags cost_center, team, department, entity_id, the defined tags
--   <namespace>.cost_center, <namespace>.entity_id, else the compartment id, names an entity of the org's hierarchy
--   (current version, upper-case id); when it exists its x_hierarchy_* columns are filled.

CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_cloud_oci_convert_to_focus(
    p_dataset_id STRING,
    p_org_slug STRING,
    p_pipeline_id STRING,
    p_start_date DATE,
    p_end_date DATE,
    p_credential_id STRING,
    p_run_id STRING)
BEGIN
  IF NOT REGEXP_CONTAINS(p_dataset_id, r'^[a-z0-9_]{1,100}$') OR NOT STARTS_WITH(p_dataset_id, CONCAT(p_org_slug, '_')) THEN
    RAISE USING MESSAGE = 'sp_cloud_oci_convert_to_focus: dataset does not belong to the organization';
  END IF;

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.cost_data_standard_1_3`
    WHERE x_org_slug = @p_org_slug
      AND x_source_system = 'cloud_oci_billing_raw_daily'
      AND x_pipeline_id = @p_pipeline_id
      AND x_pipeline_run_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_start_date AS p_start_date,
          p_end_date AS p_end_date, p_credential_id AS p_credential_id, p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.cost_data_standard_1_3` (
        AvailabilityZone, BilledCost, BillingAccountId, BillingAccountName, BillingAccountType, BillingCurrency,
        BillingPeriodEnd, BillingPeriodStart, ChargeCategory, ChargeClass, ChargeDescription, ChargeFrequency,
        ChargePeriodEnd, ChargePeriodStart, ConsumedQuantity, ConsumedUnit, ContractedCost, ContractedUnitPrice,
        EffectiveCost, HostProviderName, InvoiceIssuerName, ListCost, ListUnitPrice, PricingCategory, PricingCurrency,
        PricingQuantity, PricingUnit, ProviderName, PublisherName, RegionId, RegionName, ResourceId, ResourceName,
        ResourceType, ServiceCategory, ServiceName, ServiceProviderName, ServiceSubcategory, SkuId, SkuMeter,
        SubAccountId, SubAccountName, SubAccountType, Tags,
        x_source_system, x_source_record_id, x_cost_type, x_charge_type, x_cloud_provider, x_cloud_account_id,
        x_org_name, x_org_owner_email, x_org_default_currency, x_org_default_timezone, x_org_default_country,
        x_org_subscription_plan, x_org_subscription_status, x_created_at, x_updated_at,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path,
        x_hierarchy_path_names, x_hierarchy_validated_at,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    WITH classified AS (
        SELECT raw.*,
            UPPER(CONCAT(COALESCE(raw.service_name, ''), ' ', COALESCE(raw.sku_name, ''))) AS label
        FROM `{project_id}.%s.cloud_oci_billing_raw_daily` raw
        WHERE raw.x_org_slug = @p_org_slug
    ), categorized AS (
        SELECT cl.*,
            CASE
                WHEN REGEXP_CONTAINS(cl.label, r'(^|[^A-Z])TAX(ES)?([^A-Z]|$)') THEN 'Tax'
                WHEN REGEXP_CONTAINS(cl.label, r'(^|[^A-Z])CREDITS?([^A-Z]|$)') THEN 'Credit'
                WHEN cl.cost < 0 AND NOT COALESCE(cl.is_correction, FALSE) THEN 'Credit'
                ELSE 'Usage'
            END AS own_category
        FROM classified cl
    ), originals AS (
        SELECT tenancy_id, reference_no, MIN(own_category) AS category
        FROM categorized
        WHERE reference_no IS NOT NULL AND NOT COALESCE(is_correction, FALSE)
        GROUP BY tenancy_id, reference_no
    ), lines AS (
        SELECT l.*,
            CASE WHEN COALESCE(l.is_correction, FALSE) THEN COALESCE(o.category, l.own_category) ELSE l.own_category END
                AS charge_category,
            COALESCE(l.is_correction, FALSE) AS correction,
            LOWER(COALESCE(l.overage_flag, '')) IN ('true', 'y', 'yes', '1') AS overage,
            COALESCE(JSON_VALUE(l.freeform_tags_json, '$.cost_center'),
                     JSON_VALUE(l.freeform_tags_json, '$.team'),
                     JSON_VALUE(l.freeform_tags_json, '$.department'),
                     JSON_VALUE(l.freeform_tags_json, '$.entity_id'),
                     REGEXP_EXTRACT(TO_JSON_STRING(l.defined_tags_json), r'"[^"]*[.]cost_center":"([^"]*)"'),
                     REGEXP_EXTRACT(TO_JSON_STRING(l.defined_tags_json), r'"[^"]*[.]entity_id":"([^"]*)"'),
                     l.compartment_id) AS hierarchy_key
        FROM categorized l
        LEFT JOIN originals o ON l.is_correction AND o.tenancy_id = l.tenancy_id AND o.reference_no = l.backreference_no
        WHERE l.x_pipeline_id = @p_pipeline_id
          AND l.x_pipeline_run_date BETWEEN @p_start_date AND @p_end_date
          AND (@p_credential_id IS NULL OR l.x_credential_id = @p_credential_id)
    ), hierarchy AS (
        SELECT entity_id, entity_name, level_code, path, path_names
        FROM `{project_id}.organizations.org_hierarchy`
        WHERE org_slug = @p_org_slug AND end_date IS NULL AND is_active
        QUALIFY ROW_NUMBER() OVER (PARTITION BY entity_id ORDER BY version DESC) = 1
    )
    SELECT
        r.availability_domain,
        r.cost,
        COALESCE(r.subscription_id, r.tenancy_id),
        NULL,
        CASE WHEN r.subscription_id IS NOT NULL THEN 'Subscription' ELSE 'Tenancy' END,
        r.currency,
        TIMESTAMP(DATE_ADD(DATE_TRUNC(DATE(r.usage_start_time), MONTH), INTERVAL 1 MONTH)),
        TIMESTAMP(DATE_TRUNC(DATE(r.usage_start_time), MONTH)),
        r.charge_category,
        CASE WHEN r.correction THEN 'Correction' END,
        r.sku_name,
        CASE WHEN r.charge_category = 'Usage' THEN 'Usage-Based' ELSE 'One-Time' END,
        CASE WHEN r.usage_end_time > r.usage_start_time THEN r.usage_end_time ELSE TIMESTAMP_ADD(r.usage_start_time, INTERVAL 1 HOUR) END,
        r.usage_start_time,
        CASE WHEN r.charge_category = 'Usage' THEN r.usage_quantity END,
        CASE WHEN r.charge_category = 'Usage' THEN COALESCE(r.sku_unit_description, r.unit) END,
        r.cost,
        r.unit_price,
        r.cost,
        CASE WHEN r.charge_category = 'Tax' THEN 'Not Applicable' ELSE 'OCI' END,
        'Oracle',
        r.cost,
        NULL,
        CASE WHEN r.charge_category = 'Usage' THEN 'Standard' END,
        r.currency,
        CASE WHEN r.charge_category = 'Usage' THEN r.usage_quantity END,
        CASE WHEN r.charge_category = 'Usage' THEN COALESCE(r.sku_unit_description, r.unit) END,
        'OCI',
        'Oracle',
        r.region,
        NULL,
        r.resource_id,
        r.resource_id,
        CASE WHEN STARTS_WITH(r.resource_id, 'ocid1.') THEN SPLIT(r.resource_id, '.')[SAFE_OFFSET(1)] END,
        COALESCE(c.service_category, 'Other'),
        COALESCE(r.service_name, 'Oracle Cloud Infrastructure'),
        'OCI',
        COALESCE(c.service_subcategory, 'Other'),
        r.sku_part_number,
        r.sku_name,
        r.compartment_id,
        r.compartment_name,
        'Compartment',
        r.tags_json,
        'cloud_oci_billing_raw_daily',
        r.reference_no,
        'cloud',
        CASE WHEN r.correction THEN 'Correction' WHEN r.overage THEN 'Overage' ELSE r.charge_category END,
        'oci',
        r.tenancy_id,
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
        ARRAY_TO_STRING(h.path_names, ' > '),
        CASE WHEN h.entity_id IS NOT NULL THEN CURRENT_TIMESTAMP() END,
        r.x_org_slug,
        r.x_pipeline_id,
        r.x_credential_id,
        r.x_pipeline_run_date,
        @p_run_id,
        r.x_ingested_at,
        DATE(r.usage_start_time)
    FROM lines r
    LEFT JOIN hierarchy h ON h.entity_id = UPPER(r.hierarchy_key)
    LEFT JOIN `{project_id}.organizations.ref_service_categories` c ON c.provider = 'oci' AND c.service_code = r.service_name
    LEFT JOIN `{project_id}.organizations.org_profiles` p ON p.org_slug = r.x_org_slug
  """, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_start_date AS p_start_date,
          p_end_date AS p_end_date, p_credential_id AS p_credential_id, p_run_id AS p_run_id;

  COMMIT TRANSACTION;
EXCEPTION WHEN ERROR THEN
  ROLLBACK TRANSACTION;
  RAISE USING MESSAGE = CONCAT('sp_cloud_oci_convert_to_focus: ', @@error.message);
END;
