-- sp_genai_commitment_cost (BigQuery)
-- Contract (same as procedures/duckdb/sp_genai_commitment_cost.sql):
--   Prices the provisioned-throughput usage of genai_commitment_usage_raw (Azure PTU, Bedrock provisioned
--   throughput, Vertex GSU) for usage dates p_start_date..p_end_date (provider p_provider or all; credential
--   (org, date range, provider, credential) in one transaction. Usage without a rate in force gets no cost row.
-- Hierarchy: the usage row's allocation, else the default allocation of the credential the usage came from.
--
-- The rate row: same provider and commitment_type; model equal to the usage's, else the row for model 'all';
-- region equal, else 'global'; status active/preview; effective_from <= date <= effective_to (NULL = open).
--   units        = GREATEST(provisioned_units, min_units)           (a commitment is billed for at least min_units)
--   hourly rate  = override_hourly_rate from override_effective_from on, else ptu_hourly_rate; without an hourly
--                  rate the monthly rate (override or list) / 730 hours (the hours-per-month Azure bills PTU by)
--   hours        = hours_active (NULL = 24)
--   commitment   = units x hourly rate x hours x (1 - term_discount_pct/100) x (1 - volume_discount_pct/100)
--   overage      = overage_units x the list hourly rate x hours (no invented premium: the providers publish none)
--   utilization  = used_units / units x 100; effective_rate_per_unit = total / (used_units x hours)
--   list_cost    = units x list hourly rate x hours + overage (no override, no term or volume discount)
-- Money is exact decimal and nothing is rounded, except that a rate derived from a monthly price (/ 730) is
-- kept to 12 decimals per unit-hour.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_genai_commitment_cost(dataset_id, org_slug, pipeline_id, provider, start_date, end_date,
--                                     credential_id, run_id)
CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_genai_commitment_cost(
    p_dataset_id STRING,
    p_org_slug STRING,
    p_pipeline_id STRING,
    p_provider STRING,
    p_start_date DATE,
    p_end_date DATE,
    p_credential_id STRING,
    p_run_id STRING)
BEGIN
  IF NOT REGEXP_CONTAINS(p_dataset_id, r'^[a-z0-9_]{1,100}$') OR NOT STARTS_WITH(p_dataset_id, CONCAT(p_org_slug, '_')) THEN
    RAISE USING MESSAGE = 'sp_genai_commitment_cost: dataset does not belong to the organization';
  END IF;

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.genai_commitment_costs_daily`
    WHERE x_org_slug = @p_org_slug
      AND cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR provider = @p_provider)
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.genai_commitment_costs_daily` (
        cost_date, provider, commitment_type, commitment_id, model, region, provisioned_units, used_units,
        utilization_pct, commitment_cost_usd, overage_cost_usd, total_cost_usd, list_cost_usd, effective_rate_per_unit,
        tokens_processed, hours_active, calculated_at, price_effective_from, pricing_origin,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    WITH usage AS (
        SELECT ROW_NUMBER() OVER () AS usage_key, u.*
        FROM `{project_id}.%s.genai_commitment_usage_raw` u
        WHERE u.x_org_slug = @p_org_slug
          AND u.usage_date BETWEEN @p_start_date AND @p_end_date
          AND (@p_provider IS NULL OR u.provider = @p_provider)
          AND (@p_credential_id IS NULL OR u.x_credential_id = @p_credential_id)
    ),
    priced AS (
        SELECT us.*,
               p.effective_from AS price_effective_from,
               p.x_pipeline_id AS price_writer,
               COALESCE(p.is_override, FALSE)
                   AND (p.override_hourly_rate IS NOT NULL OR p.override_monthly_rate IS NOT NULL)
                   AND (p.override_effective_from IS NULL OR us.usage_date >= p.override_effective_from) AS override_in_force,
               p.ptu_hourly_rate AS list_hourly_price, p.ptu_monthly_rate AS list_monthly_price,
               p.override_hourly_rate, p.override_monthly_rate, p.override_effective_from, p.is_override,
               GREATEST(COALESCE(us.provisioned_units, 0), COALESCE(p.min_units, 0)) AS units,
               ROUND(CAST(COALESCE(us.hours_active, 24) AS BIGNUMERIC), 6) AS hours,
               ROUND(CAST(100 - COALESCE(p.term_discount_pct, 0) AS BIGNUMERIC), 4) / 100 AS term_factor,
               ROUND(CAST(100 - COALESCE(p.volume_discount_pct, 0) AS BIGNUMERIC), 4) / 100 AS volume_factor,
               ROW_NUMBER() OVER (PARTITION BY us.usage_key ORDER BY
                   CASE WHEN p.model = us.model THEN 0 ELSE 1 END,
                   CASE WHEN p.region = us.region THEN 0 ELSE 1 END,
                   CASE WHEN p.x_pipeline_id = 'genai_default_pricing' THEN 1 ELSE 0 END,
                   p.effective_from DESC NULLS LAST) AS pick
        FROM usage us
        JOIN `{project_id}.%s.genai_commitment_pricing` p
          ON p.x_org_slug = @p_org_slug
         AND p.provider = us.provider
         AND p.commitment_type = us.commitment_type
         AND (p.model = us.model OR p.model = 'all')
         AND (p.region = us.region OR p.region = 'global')
         AND COALESCE(p.status, 'active') IN ('active', 'preview')
         AND (p.effective_from IS NULL OR p.effective_from <= us.usage_date)
         AND (p.effective_to IS NULL OR us.usage_date <= p.effective_to)
         AND (p.ptu_hourly_rate IS NOT NULL OR p.ptu_monthly_rate IS NOT NULL)
    ),
    rated AS (
        SELECT pr.*,
               CAST(COALESCE(pr.list_hourly_price, pr.list_monthly_price / 730) AS BIGNUMERIC) AS list_hourly,
               CAST(CASE WHEN pr.override_in_force
                         THEN COALESCE(pr.override_hourly_rate, pr.override_monthly_rate / 730,
                                       pr.list_hourly_price, pr.list_monthly_price / 730)
                         ELSE COALESCE(pr.list_hourly_price, pr.list_monthly_price / 730) END AS BIGNUMERIC) AS hourly
        FROM priced pr
        WHERE pr.pick = 1
    ),
    costed AS (
        SELECT r.*,
               CAST(CAST(CAST(r.units AS BIGNUMERIC) * r.hourly * r.hours AS BIGNUMERIC) * r.term_factor AS BIGNUMERIC)
                   * r.volume_factor AS commitment_cost,
               CAST(GREATEST(COALESCE(r.overage_units, 0), 0) AS BIGNUMERIC) * r.list_hourly * r.hours AS overage_cost,
               CAST(r.units AS BIGNUMERIC) * r.list_hourly * r.hours AS list_commitment_cost
        FROM rated r
    )
    SELECT
        c.usage_date, c.provider, c.commitment_type, c.commitment_id, c.model, c.region, c.units, c.used_units,
        COALESCE(CASE WHEN c.units > 0 AND c.used_units IS NOT NULL THEN c.used_units * 100.0 / c.units END, c.utilization_pct),
        c.commitment_cost, c.overage_cost, c.commitment_cost + c.overage_cost, c.list_commitment_cost + c.overage_cost,
        CASE WHEN COALESCE(c.used_units, 0) > 0
             THEN CAST((c.commitment_cost + c.overage_cost) AS BIGNUMERIC) / (c.used_units * c.hours) END,
        c.tokens_processed, CAST(c.hours AS FLOAT64), CURRENT_TIMESTAMP(), c.price_effective_from,
        CASE WHEN c.override_in_force THEN 'override'
             WHEN c.price_writer = 'genai_default_pricing' THEN 'default' ELSE 'custom' END,
        CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_entity_id ELSE c.x_hierarchy_entity_id END,
        CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_entity_name ELSE c.x_hierarchy_entity_name END,
        CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_level_code ELSE c.x_hierarchy_level_code END,
        CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_path ELSE c.x_hierarchy_path END,
        CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_path_names ELSE c.x_hierarchy_path_names END,
        CASE WHEN c.x_hierarchy_entity_id IS NULL AND cr.default_x_hierarchy_entity_id IS NOT NULL THEN CURRENT_TIMESTAMP()
             ELSE c.x_hierarchy_validated_at END,
        @p_org_slug, @p_pipeline_id, c.x_credential_id, c.usage_date, @p_run_id, CURRENT_TIMESTAMP(), c.usage_date
    FROM costed c
    LEFT JOIN `{project_id}.organizations.org_integration_credentials` cr
      ON cr.org_slug = @p_org_slug AND cr.credential_id = c.x_credential_id
  """, p_dataset_id, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  COMMIT TRANSACTION;
EXCEPTION WHEN ERROR THEN
  ROLLBACK TRANSACTION;
  RAISE USING MESSAGE = CONCAT('sp_genai_commitment_cost: ', @@error.message);
END;
