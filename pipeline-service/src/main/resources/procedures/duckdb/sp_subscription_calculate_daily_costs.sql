-- sp_subscription_calculate_daily_costs (DuckDB)
-- Contract (same as procedures/bigquery/sp_subscription_calculate_daily_costs.sql):
--   Amortizes the org's SaaS plans (subscription_plans, status active, expired or cancelled) into one
--   subscription_plan_costs_daily row per plan and day inside both the run's range and the plan's own
--   start_date..end_date (NULL = open), replacing every row of the org in the range. Runs in one transaction.
-- Range: @p_start_date..@p_end_date; a NULL end is yesterday (UTC), a NULL start the earliest start_date of the
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
-- Lineage: x_pipeline_run_date = x_ingestion_date = cost_date (the data date), x_credential_id = @p_credential_id
--   or 'internal', hierarchy fields copied from the plan.
-- Parameters: @p_org_slug, @p_pipeline_id, @p_start_date (nullable), @p_end_date (nullable),
--   @p_credential_id (nullable), @p_run_id

SELECT CASE
           WHEN range_end < range_start THEN error('sp_subscription_calculate_daily_costs: the end date is before the start date')
           WHEN date_diff('day', range_start, range_end) + 1 > 730 THEN error('sp_subscription_calculate_daily_costs: a run covers at most 730 days')
       END AS refused
FROM (
    SELECT COALESCE(CAST(@p_start_date AS DATE),
               LEAST(GREATEST(COALESCE(MIN(start_date), last_day), last_day - 729), last_day)) AS range_start,
           last_day AS range_end
    FROM (SELECT COALESCE(CAST(@p_end_date AS DATE),
                          CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1) AS last_day) e
    LEFT JOIN ${org}.subscription_plans ON x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
    GROUP BY last_day
) r;

DELETE FROM ${org}.subscription_plan_costs_daily
WHERE x_org_slug = @p_org_slug
  AND cost_date BETWEEN (
        SELECT COALESCE(CAST(@p_start_date AS DATE),
                   LEAST(GREATEST(COALESCE(MIN(start_date), last_day), last_day - 729), last_day))
        FROM (SELECT COALESCE(CAST(@p_end_date AS DATE),
                              CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1) AS last_day) e
        LEFT JOIN ${org}.subscription_plans ON x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
        GROUP BY last_day)
    AND COALESCE(CAST(@p_end_date AS DATE), CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1);

INSERT INTO ${org}.subscription_plan_costs_daily (
    provider, subscription_id, plan_name, display_name, cost_date, billing_cycle, currency, seats, pricing_model,
    cycle_cost, daily_cost, monthly_run_rate, annual_run_rate, invoice_id_last, source, x_subscription_provider,
    created_at, updated_at,
    x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
    x_hierarchy_validated_at, x_ingestion_id,
    x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
WITH run_range AS (
    SELECT COALESCE(CAST(@p_start_date AS DATE),
               LEAST(GREATEST(COALESCE(MIN(start_date), last_day), last_day - 729), last_day)) AS range_start,
           last_day AS range_end
    FROM (SELECT COALESCE(CAST(@p_end_date AS DATE),
                          CAST(current_timestamp AT TIME ZONE 'UTC' AS DATE) - 1) AS last_day) e
    LEFT JOIN ${org}.subscription_plans ON x_org_slug = @p_org_slug AND status IN ('active', 'expired', 'cancelled')
    GROUP BY last_day
), calendar AS (
    SELECT CAST(unnest(generate_series(CAST(range_start AS TIMESTAMP), CAST(range_end AS TIMESTAMP),
                                       INTERVAL 1 DAY)) AS DATE) AS cost_date
    FROM run_range
), profile AS (
    SELECT COALESCE(MAX(fiscal_year_start_month), 1) AS fy_month
    FROM ${central}.org_profiles
    WHERE org_slug = @p_org_slug
), plans AS (
    SELECT p.*,
        lower(COALESCE(p.billing_cycle, 'monthly')) AS cycle,
        CASE WHEN p.seats IS NULL OR p.seats <= 0 THEN 1 ELSE p.seats END AS seat_count,
        COALESCE(p.pricing_model, 'PER_SEAT') AS model
    FROM ${org}.subscription_plans p
    WHERE p.x_org_slug = @p_org_slug AND p.status IN ('active', 'expired', 'cancelled')
    QUALIFY ROW_NUMBER() OVER (PARTITION BY p.subscription_id ORDER BY p.updated_at DESC NULLS LAST) = 1
), costed AS (
    SELECT pl.*,
        CAST(GREATEST(0,
            COALESCE(CASE WHEN pl.model = 'FLAT_FEE' THEN pl.base_price ELSE pl.base_price * pl.seat_count END, 0)
            * CASE WHEN pl.discount_type = 'percent'
                   THEN GREATEST(0, 1 - CAST(LEAST(COALESCE(pl.discount_value, 0), 100) AS DECIMAL(18, 6)) * 0.01)
                   ELSE 1 END
            - CASE WHEN pl.discount_type = 'fixed' THEN GREATEST(0, CAST(COALESCE(pl.discount_value, 0) AS DECIMAL(38, 9)))
                   ELSE 0 END) AS DECIMAL(38, 9)) AS cycle_amount
    FROM (
        SELECT plans.*,
            CAST(CASE WHEN cycle IN ('annual', 'yearly', 'year') THEN COALESCE(NULLIF(yearly_price, 0), unit_price)
                      ELSE unit_price END AS DECIMAL(38, 9)) AS base_price
        FROM plans
    ) pl
), plan_days AS (
    SELECT c.*, k.cost_date,
        CASE WHEN c.cycle IN ('monthly', 'month') THEN COALESCE(c.billing_anchor_day, 1) ELSE 1 END AS anchor,
        make_date(CAST(year(k.cost_date) AS INTEGER) - CASE WHEN month(k.cost_date) >= f.fy_month THEN 0 ELSE 1 END,
                  CAST(f.fy_month AS INTEGER), 1) AS fy_start,
        CAST((month(k.cost_date) - f.fy_month + 12) % 12 AS INTEGER) AS fy_month_index
    FROM costed c
    JOIN calendar k ON k.cost_date BETWEEN COALESCE(c.start_date, k.cost_date) AND COALESCE(c.end_date, k.cost_date)
    CROSS JOIN profile f
), periods AS (
    SELECT d.*,
        CASE
            WHEN d.cycle IN ('monthly', 'month') THEN date_diff('day', d.anchor_start, CAST(d.anchor_start + INTERVAL 1 MONTH AS DATE))
            WHEN d.cycle IN ('annual', 'yearly', 'year') THEN date_diff('day', d.fy_start, CAST(d.fy_start + INTERVAL 1 YEAR AS DATE))
            WHEN d.cycle IN ('quarterly', 'quarter') THEN date_diff('day',
                CAST(d.fy_start + to_months((d.fy_month_index // 3) * 3) AS DATE),
                CAST(d.fy_start + to_months((d.fy_month_index // 3) * 3 + 3) AS DATE))
            WHEN d.cycle IN ('semi-annual', 'semi_annual', 'biannual', 'half-yearly') THEN date_diff('day',
                CAST(d.fy_start + to_months((d.fy_month_index // 6) * 6) AS DATE),
                CAST(d.fy_start + to_months((d.fy_month_index // 6) * 6 + 6) AS DATE))
            WHEN d.cycle IN ('weekly', 'week') THEN 7
            ELSE 30
        END AS period_days
    FROM (
        SELECT plan_days.*,
            CASE WHEN day(cost_date) >= anchor
                 THEN make_date(CAST(year(cost_date) AS INTEGER), CAST(month(cost_date) AS INTEGER), CAST(anchor AS INTEGER))
                 ELSE CAST(make_date(CAST(year(cost_date) AS INTEGER), CAST(month(cost_date) AS INTEGER), CAST(anchor AS INTEGER))
                           - INTERVAL 1 MONTH AS DATE)
            END AS anchor_start
        FROM plan_days
    ) d
), amortized AS (
    SELECT p.*,
        CAST((CAST(p.cycle_amount * 1000000000 AS HUGEINT) * 2 + p.period_days) // (p.period_days * 2) AS DECIMAL(38, 0))
            * CAST(0.000000001 AS DECIMAL(10, 9)) AS daily_amount
    FROM periods p
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
    a.daily_amount * date_diff('day', date_trunc('month', a.cost_date), CAST(date_trunc('month', a.cost_date) + INTERVAL 1 MONTH AS DATE)),
    a.daily_amount * date_diff('day', date_trunc('year', a.cost_date), CAST(date_trunc('year', a.cost_date) + INTERVAL 1 YEAR AS DATE)),
    a.invoice_id_last,
    'subscription_amortization',
    a.provider,
    current_timestamp AT TIME ZONE 'UTC',
    current_timestamp AT TIME ZONE 'UTC',
    a.x_hierarchy_entity_id,
    a.x_hierarchy_entity_name,
    a.x_hierarchy_level_code,
    a.x_hierarchy_path,
    a.x_hierarchy_path_names,
    CASE WHEN a.x_hierarchy_entity_id IS NOT NULL THEN current_timestamp AT TIME ZONE 'UTC' END,
    CAST(uuid() AS VARCHAR),
    a.x_org_slug,
    @p_pipeline_id,
    COALESCE(CAST(@p_credential_id AS VARCHAR), 'internal'),
    a.cost_date,
    @p_run_id,
    current_timestamp AT TIME ZONE 'UTC',
    a.cost_date
FROM amortized a
WHERE a.daily_amount > 0;
