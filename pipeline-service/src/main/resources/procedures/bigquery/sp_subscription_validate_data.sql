-- sp_subscription_validate_data (BigQuery)
-- Contract (same as procedures/duckdb/sp_subscription_validate_data.sql):
--   Checks the org's subscription_plans before they are amortized and records one org_meta_dq_results row
--   (dq_config_id 'subscription_pre_pipeline_validation', target subscription_plans, pipeline_logging_id =
--   p_run_id): PASS when all eight checks hold, else FAIL with each failing check and its count of plans in
--   failed_expectations. The checks: rows of another or no org; no subscription_id; currency other than the org's
--   default currency; status outside active, pending, cancelled, expired; billing_cycle outside monthly, annual,
--   quarterly, semi-annual, weekly; end_date before start_date; a fixed discount above the unit price; a
--   billing_anchor_day on a plan that is not monthly. It reports and does not refuse, as the DuckDB version must
--   (its script is one transaction, so raising would erase the row); the amortization still runs for the valid
--   plans.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_subscription_validate_data(dataset_id, org_slug, pipeline_id, start_date,
--                                                               end_date, credential_id, run_id)

CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_subscription_validate_data(
    p_dataset_id STRING,
    p_org_slug STRING,
    p_pipeline_id STRING,
    p_start_date DATE,
    p_end_date DATE,
    p_credential_id STRING,
    p_run_id STRING)
BEGIN
  IF NOT REGEXP_CONTAINS(p_dataset_id, r'^[a-z0-9_]{1,100}$') OR NOT STARTS_WITH(p_dataset_id, CONCAT(p_org_slug, '_')) THEN
    RAISE USING MESSAGE = 'sp_subscription_validate_data: dataset does not belong to the organization';
  END IF;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.organizations.org_meta_dq_results` (
        dq_result_id, pipeline_logging_id, org_slug, target_table, dq_config_id, executed_at, expectations_passed,
        expectations_failed, failed_expectations, overall_status, ingestion_date, created_at)
    WITH profile AS (
        SELECT MAX(default_currency) AS currency
        FROM `{project_id}.organizations.org_profiles`
        WHERE org_slug = @p_org_slug
    ), plans AS (
        SELECT p.*, f.currency AS org_currency
        FROM `{project_id}.%s.subscription_plans` p
        CROSS JOIN profile f
    ), checks AS (
        SELECT 'org_slug_matches' AS check_name,
               COUNTIF(x_org_slug IS NULL OR x_org_slug <> @p_org_slug) AS violations FROM plans
        UNION ALL
        SELECT 'subscription_id_not_null', COUNTIF(subscription_id IS NULL) FROM plans
        UNION ALL
        SELECT 'currency_is_org_default',
               COUNTIF(org_currency IS NOT NULL AND currency IS DISTINCT FROM org_currency) FROM plans
        UNION ALL
        SELECT 'status_allowed',
               COUNTIF(status IS NULL OR status NOT IN ('active', 'pending', 'cancelled', 'expired')) FROM plans
        UNION ALL
        SELECT 'billing_cycle_allowed',
               COUNTIF(billing_cycle IS NULL
                       OR billing_cycle NOT IN ('monthly', 'annual', 'quarterly', 'semi-annual', 'weekly')) FROM plans
        UNION ALL
        SELECT 'end_not_before_start', COUNTIF(end_date < start_date) FROM plans
        UNION ALL
        SELECT 'fixed_discount_within_price', COUNTIF(discount_type = 'fixed' AND discount_value > unit_price) FROM plans
        UNION ALL
        SELECT 'anchor_day_only_monthly', COUNTIF(billing_anchor_day IS NOT NULL AND billing_cycle <> 'monthly') FROM plans
    ), summary AS (
        SELECT COUNTIF(violations = 0) AS passed,
               COUNTIF(violations > 0) AS failed,
               COALESCE(TO_JSON(ARRAY_AGG(IF(violations > 0, JSON_OBJECT('check', check_name, 'violations', violations), NULL)
                                          IGNORE NULLS ORDER BY check_name)), JSON '[]') AS failures
        FROM checks
    )
    SELECT
        GENERATE_UUID(),
        @p_run_id,
        @p_org_slug,
        'subscription_plans',
        'subscription_pre_pipeline_validation',
        CURRENT_TIMESTAMP(),
        s.passed,
        s.failed,
        s.failures,
        IF(s.failed = 0, 'PASS', 'FAIL'),
        CURRENT_DATE('UTC'),
        CURRENT_TIMESTAMP()
    FROM summary s
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_run_id AS p_run_id;
END;
