-- sp_subscription_validate_data (DuckDB)
-- Contract (same as procedures/bigquery/sp_subscription_validate_data.sql):
--   Checks the org's subscription_plans before they are amortized and records one org_meta_dq_results row
--   (dq_config_id 'subscription_pre_pipeline_validation', target subscription_plans, pipeline_logging_id =
--   @p_run_id): PASS when all eight checks hold, else FAIL with each failing check and its count of plans in
--   failed_expectations. The checks: rows of another or no org; no subscription_id; currency other than the org's
--   default currency; status outside active, pending, cancelled, expired; billing_cycle outside monthly, annual,
--   quarterly, semi-annual, weekly; end_date before start_date; a fixed discount above the unit price; a
--   billing_anchor_day on a plan that is not monthly. It reports and does not refuse: the result row must
--   survive (a script here runs in one transaction, so raising would also erase the row), and the amortization
--   still runs for the valid plans (the pipeline step has on_failure: continue).
-- Parameters: @p_org_slug, @p_pipeline_id, @p_start_date (nullable), @p_end_date (nullable),
--   @p_credential_id (nullable), @p_run_id

INSERT INTO ${central}.org_meta_dq_results (
    dq_result_id, pipeline_logging_id, org_slug, target_table, dq_config_id, executed_at, expectations_passed,
    expectations_failed, failed_expectations, overall_status, ingestion_date, created_at)
WITH profile AS (
    SELECT MAX(default_currency) AS currency
    FROM ${central}.org_profiles
    WHERE org_slug = @p_org_slug
), plans AS (
    SELECT p.*, f.currency AS org_currency
    FROM ${org}.subscription_plans p
    CROSS JOIN profile f
), checks AS (
    SELECT 'org_slug_matches' AS check_name,
           COUNT(*) FILTER (WHERE x_org_slug IS NULL OR x_org_slug <> @p_org_slug) AS violations FROM plans
    UNION ALL
    SELECT 'subscription_id_not_null', COUNT(*) FILTER (WHERE subscription_id IS NULL) FROM plans
    UNION ALL
    SELECT 'currency_is_org_default',
           COUNT(*) FILTER (WHERE org_currency IS NOT NULL AND currency IS DISTINCT FROM org_currency) FROM plans
    UNION ALL
    SELECT 'status_allowed',
           COUNT(*) FILTER (WHERE status IS NULL OR status NOT IN ('active', 'pending', 'cancelled', 'expired')) FROM plans
    UNION ALL
    SELECT 'billing_cycle_allowed',
           COUNT(*) FILTER (WHERE billing_cycle IS NULL
                            OR billing_cycle NOT IN ('monthly', 'annual', 'quarterly', 'semi-annual', 'weekly')) FROM plans
    UNION ALL
    SELECT 'end_not_before_start', COUNT(*) FILTER (WHERE end_date < start_date) FROM plans
    UNION ALL
    SELECT 'fixed_discount_within_price',
           COUNT(*) FILTER (WHERE discount_type = 'fixed' AND discount_value > unit_price) FROM plans
    UNION ALL
    SELECT 'anchor_day_only_monthly',
           COUNT(*) FILTER (WHERE billing_anchor_day IS NOT NULL AND billing_cycle <> 'monthly') FROM plans
), summary AS (
    SELECT COUNT(*) FILTER (WHERE violations = 0) AS passed,
           COUNT(*) FILTER (WHERE violations > 0) AS failed,
           COALESCE(to_json(list(json_object('check', check_name, 'violations', violations) ORDER BY check_name)
                            FILTER (WHERE violations > 0)), '[]') AS failures
    FROM checks
)
SELECT
    CAST(uuid() AS VARCHAR),
    @p_run_id,
    @p_org_slug,
    'subscription_plans',
    'subscription_pre_pipeline_validation',
    current_timestamp AT TIME ZONE 'UTC',
    s.passed,
    s.failed,
    s.failures,
    CASE WHEN s.failed = 0 THEN 'PASS' ELSE 'FAIL' END,
    CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE),
    current_timestamp AT TIME ZONE 'UTC'
FROM summary s;
