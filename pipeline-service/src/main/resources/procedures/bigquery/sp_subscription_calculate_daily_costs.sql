-- sp_subscription_calculate_daily_costs (BigQuery)
-- Contract (same as procedures/duckdb/sp_subscription_calculate_daily_costs.sql):
--   Amortizes the org's SaaS plans (subscription_plans, status active, expired or cancelled) into one
--   subscription_plan_costs_daily row per plan and day inside both the run's range and the plan's own
--   start_date..end_date (NULL = open), replacing every row of the org in the range. Runs in one transaction.
-- Range: p_start_date..p_end_date; a NULL end is yesterday (UTC), a NULL start the earliest start_date of the
--   org's plans, at most 730 days before the end. A range longer than 730 days, or one ending before it starts,
--   is refused.
-- Amounts (exact decimals, in the plan currency; no FX here):
--   base      = yearly_price (when set and not 0) for annual plans, else unit_price (the price of ONE cycle)
--   cycle     = max(0, (FLAT_FEE ? base : base x seats) x (1 - min(percent, 100) / 100) - fixed discount)
--               seats NULL or <= 0 count as 1; pricing_model NULL is PER_SEAT; cycle NULL is monthly
--   daily     = cycle / days of the billing period containing the day, rounded half-up to 9 decimals:
--               monthly: the period from the anchor day (billing_anchor_day, default 1) of one month to the
--                        same day of the next (anchor 1 = the calendar month: 28, 29, 30 or 31 days)
--               annual / quarterly / semi-annual: the fiscal year / quarter / half containing the day, on the
--                        org's fiscal calendar (org_profiles.fiscal_year_start_month, default 1): 365 or 366,
--                        90-92, 181-184 days
--               weekly: 7; any other cycle: 30
--   monthly_run_rate = daily x days of the calendar month; annual_run_rate = daily x days of the calendar year.
--   Days with a zero daily cost (free plans) get no row. Proration is the plan's dates: a version of an edited
--   plan (its own subscription_id) covers only its own days, so versions never overlap.
-- Lineage: x_pipeline_run_date = x_ingestion_date = cost_date (the data date), x_credential_id = p_credential_id
--   or 'internal', hierarchy fields copied from the plan.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_subscription_calculate_daily_costs(dataset_id, org_slug, pipeline_id,
--                                                                      start_date, end_date, credential_id, run_id)

CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_subscription_calculate_daily_costs(
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
  DECLARE v_fy_month INT64;

  IF NOT REGEXP_CONTAINS(p_dataset_id, r'^[a-z0-9_]{1,100}$') OR NOT STARTS_WITH(p_dataset_id, CONCAT(p_org_slug, '_')) THEN
    RAISE USING MESSAGE = 'sp_subscription_calculate_daily_costs: dataset does not belong to the organization';
  END IF;

  EXECUTE IMMEDIATE FORMAT("""
    SELECT MIN(start_date) FROM `{project_id}.%s.subscription_plans`
    WHERE x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
  """, p_dataset_id) INTO v_first USING p_org_slug AS p_org_slug;
  SET v_start = COALESCE(p_start_date,
      LEAST(GREATEST(COALESCE(v_first, v_end), DATE_SUB(v_end, INTERVAL 729 DAY)), v_end));
  IF v_end < v_start THEN
    RAISE USING MESSAGE = 'sp_subscription_calculate_daily_costs: the end date is before the start date';
  END IF;
  IF DATE_DIFF(v_end, v_start, DAY) + 1 > 730 THEN
    RAISE USING MESSAGE = 'sp_subscription_calculate_daily_costs: a run covers at most 730 days';
  END IF;
  SET v_fy_month = (SELECT COALESCE(MAX(fiscal_year_start_month), 1)
                    FROM `{project_id}.organizations.org_profiles` WHERE org_slug = p_org_slug);

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.subscription_plan_costs_daily`
    WHERE x_org_slug = @p_org_slug AND cost_date BETWEEN @v_start AND @v_end
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, v_start AS v_start, v_end AS v_end;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.subscription_plan_costs_daily` (
        provider, subscription_id, plan_name, display_name, cost_date, billing_cycle, currency, seats, pricing_model,
        cycle_cost, daily_cost, monthly_run_rate, annual_run_rate, invoice_id_last, source, x_subscription_provider,
        created_at, updated_at,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at, x_ingestion_id,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    WITH plans AS (
        SELECT p.*,
            LOWER(COALESCE(p.billing_cycle, 'monthly')) AS cycle,
            IF(p.seats IS NULL OR p.seats <= 0, 1, p.seats) AS seat_count,
            COALESCE(p.pricing_model, 'PER_SEAT') AS model
        FROM `{project_id}.%s.subscription_plans` p
        WHERE p.x_org_slug = @p_org_slug AND p.status IN ('active', 'expired', 'cancelled')
        QUALIFY ROW_NUMBER() OVER (PARTITION BY p.subscription_id ORDER BY p.updated_at DESC) = 1
    ), priced AS (
        SELECT plans.*,
            CAST(IF(cycle IN ('annual', 'yearly', 'year'), COALESCE(NULLIF(yearly_price, 0), unit_price), unit_price)
                 AS NUMERIC) AS base_price
        FROM plans
    ), costed AS (
        SELECT priced.*,
            GREATEST(0,
                COALESCE(IF(model = 'FLAT_FEE', base_price, base_price * seat_count), 0)
                * IF(discount_type = 'percent', GREATEST(0, 1 - LEAST(COALESCE(discount_value, 0), 100) / 100), 1)
                - IF(discount_type = 'fixed', GREATEST(0, COALESCE(discount_value, 0)), 0)) AS cycle_amount
        FROM priced
    ), plan_days AS (
        SELECT c.*, cost_date,
            IF(c.cycle IN ('monthly', 'month'), COALESCE(c.billing_anchor_day, 1), 1) AS anchor,
            DATE(EXTRACT(YEAR FROM cost_date) - IF(EXTRACT(MONTH FROM cost_date) >= @v_fy_month, 0, 1), @v_fy_month, 1)
                AS fy_start,
            MOD(EXTRACT(MONTH FROM cost_date) - @v_fy_month + 12, 12) AS fy_month_index
        FROM costed c
        CROSS JOIN UNNEST(GENERATE_DATE_ARRAY(@v_start, @v_end)) AS cost_date
        WHERE cost_date BETWEEN COALESCE(c.start_date, cost_date) AND COALESCE(c.end_date, cost_date)
    ), anchored AS (
        SELECT plan_days.*,
            IF(EXTRACT(DAY FROM cost_date) >= anchor,
               DATE(EXTRACT(YEAR FROM cost_date), EXTRACT(MONTH FROM cost_date), anchor),
               DATE_SUB(DATE(EXTRACT(YEAR FROM cost_date), EXTRACT(MONTH FROM cost_date), anchor), INTERVAL 1 MONTH))
                AS anchor_start,
            DATE_ADD(fy_start, INTERVAL DIV(fy_month_index, 3) * 3 MONTH) AS quarter_start,
            DATE_ADD(fy_start, INTERVAL DIV(fy_month_index, 6) * 6 MONTH) AS half_start
        FROM plan_days
    ), periods AS (
        SELECT anchored.*,
            CASE
                WHEN cycle IN ('monthly', 'month') THEN DATE_DIFF(DATE_ADD(anchor_start, INTERVAL 1 MONTH), anchor_start, DAY)
                WHEN cycle IN ('annual', 'yearly', 'year') THEN DATE_DIFF(DATE_ADD(fy_start, INTERVAL 1 YEAR), fy_start, DAY)
                WHEN cycle IN ('quarterly', 'quarter') THEN DATE_DIFF(DATE_ADD(quarter_start, INTERVAL 3 MONTH), quarter_start, DAY)
                WHEN cycle IN ('semi-annual', 'semi_annual', 'biannual', 'half-yearly')
                    THEN DATE_DIFF(DATE_ADD(half_start, INTERVAL 6 MONTH), half_start, DAY)
                WHEN cycle IN ('weekly', 'week') THEN 7
                ELSE 30
            END AS period_days
        FROM anchored
    ), amortized AS (
        SELECT periods.*,
            CAST(ROUND(CAST(cycle_amount AS BIGNUMERIC) / period_days, 9) AS NUMERIC) AS daily_amount
        FROM periods
    )
    SELECT
        a.provider,
        a.subscription_id,
        a.plan_name,
        a.display_name,
        a.cost_date,
        a.cycle,
        a.currency,
        a.seat_count,
        a.model,
        a.cycle_amount,
        a.daily_amount,
        a.daily_amount * DATE_DIFF(DATE_ADD(DATE_TRUNC(a.cost_date, MONTH), INTERVAL 1 MONTH), DATE_TRUNC(a.cost_date, MONTH), DAY),
        a.daily_amount * DATE_DIFF(DATE_ADD(DATE_TRUNC(a.cost_date, YEAR), INTERVAL 1 YEAR), DATE_TRUNC(a.cost_date, YEAR), DAY),
        a.invoice_id_last,
        'subscription_amortization',
        a.provider,
        CURRENT_TIMESTAMP(),
        CURRENT_TIMESTAMP(),
        a.x_hierarchy_entity_id,
        a.x_hierarchy_entity_name,
        a.x_hierarchy_level_code,
        a.x_hierarchy_path,
        a.x_hierarchy_path_names,
        IF(a.x_hierarchy_entity_id IS NOT NULL, CURRENT_TIMESTAMP(), NULL),
        GENERATE_UUID(),
        a.x_org_slug,
        @p_pipeline_id,
        COALESCE(@p_credential_id, 'internal'),
        a.cost_date,
        @p_run_id,
        CURRENT_TIMESTAMP(),
        a.cost_date
    FROM amortized a
    WHERE a.daily_amount > 0
  """, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id, v_start AS v_start, v_end AS v_end, v_fy_month AS v_fy_month;

  COMMIT TRANSACTION;
END;
