-- sp_genai_infrastructure_cost (BigQuery)
-- Contract (same as procedures/duckdb/sp_genai_infrastructure_cost.sql):
--   Prices the GPU/TPU instance hours of genai_infrastructure_usage_raw for usage dates p_start_date..p_end_date
--   (provider p_provider, e.g. gcp_gpu, or all; credential p_credential_id when given) and replaces the rows of
--   genai_infrastructure_costs_daily for exactly that (org, date range, provider, credential) in one transaction.
--   Usage without a rate in force gets no cost row.
-- Hierarchy: the usage row's allocation, else the default allocation of the credential the usage came from.
--
-- The rate row: same provider and instance_type; region equal, else 'global'; status active/preview;
-- effective_from <= date <= effective_to (NULL = open); the org's own row before the shipped one, then the latest.
--   rate      = override_hourly_rate from override_effective_from on, else hourly_rate (USD per instance-hour)
--   n         = instance_count (NULL = 1)
--   discount% = spot/preemptible: spot_discount_pct; reserved_1yr/committed_1yr: reserved_1yr_discount_pct;
--               reserved_3yr/committed_3yr: reserved_3yr_discount_pct; on_demand: 0
--   base      = hours_used x n x rate;  discount = base x discount% / 100;  total = base - discount
--   gpu_hours = the usage's gpu_hours, else hours_used x n x gpu_count (NULL = 1)
--   effective_hourly_rate = total / gpu_hours (USD per GPU-hour);  list_cost = hours_used x n x hourly_rate
-- Money is exact BIGNUMERIC (hours are read to 6 decimals); nothing is rounded.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_genai_infrastructure_cost(dataset_id, org_slug, pipeline_id, provider, start_date, end_date,
--                                     credential_id, run_id)
CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_genai_infrastructure_cost(
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
    RAISE USING MESSAGE = 'sp_genai_infrastructure_cost: dataset does not belong to the organization';
  END IF;

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.genai_infrastructure_costs_daily`
    WHERE x_org_slug = @p_org_slug
      AND cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR provider = @p_provider)
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.genai_infrastructure_costs_daily` (
        cost_date, provider, resource_type, instance_type, gpu_type, region, instance_count, hours_used, gpu_hours,
        pricing_type, base_cost_usd, discount_applied_usd, total_cost_usd, list_cost_usd, effective_hourly_rate,
        calculated_at, price_effective_from, pricing_origin,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    WITH usage AS (
        SELECT ROW_NUMBER() OVER () AS usage_key, u.*
        FROM `{project_id}.%s.genai_infrastructure_usage_raw` u
        WHERE u.x_org_slug = @p_org_slug
          AND u.usage_date BETWEEN @p_start_date AND @p_end_date
          AND (@p_provider IS NULL OR u.provider = @p_provider)
          AND (@p_credential_id IS NULL OR u.x_credential_id = @p_credential_id)
    ),
    priced AS (
        SELECT us.*,
               p.effective_from AS price_effective_from,
               p.x_pipeline_id AS price_writer,
               p.gpu_type AS price_gpu_type,
               COALESCE(p.is_override, FALSE) AND p.override_hourly_rate IS NOT NULL
                   AND (p.override_effective_from IS NULL OR us.usage_date >= p.override_effective_from) AS override_in_force,
               p.hourly_rate AS list_rate,
               p.override_hourly_rate,
               COALESCE(p.gpu_count, 1) AS price_gpu_count,
               ROUND(CAST(COALESCE(CASE LOWER(COALESCE(us.pricing_type, 'on_demand'))
                        WHEN 'spot' THEN p.spot_discount_pct
                        WHEN 'preemptible' THEN p.spot_discount_pct
                        WHEN 'reserved_1yr' THEN p.reserved_1yr_discount_pct
                        WHEN 'committed_1yr' THEN p.reserved_1yr_discount_pct
                        WHEN 'reserved_3yr' THEN p.reserved_3yr_discount_pct
                        WHEN 'committed_3yr' THEN p.reserved_3yr_discount_pct
                    END, 0) AS BIGNUMERIC), 4) AS discount_pct,
               ROW_NUMBER() OVER (PARTITION BY us.usage_key ORDER BY
                   CASE WHEN p.region = us.region THEN 0 ELSE 1 END,
                   CASE WHEN p.x_pipeline_id = 'genai_default_pricing' THEN 1 ELSE 0 END,
                   p.effective_from DESC NULLS LAST) AS pick
        FROM usage us
        JOIN `{project_id}.%s.genai_infrastructure_pricing` p
          ON p.x_org_slug = @p_org_slug
         AND p.provider = us.provider
         AND p.instance_type = us.instance_type
         AND (p.region = us.region OR p.region = 'global')
         AND COALESCE(p.status, 'active') IN ('active', 'preview')
         AND (p.effective_from IS NULL OR p.effective_from <= us.usage_date)
         AND (p.effective_to IS NULL OR us.usage_date <= p.effective_to)
    ),
    costed AS (
        SELECT pr.*,
               ROUND(CAST(COALESCE(pr.hours_used, 0) AS BIGNUMERIC), 6) * CAST(COALESCE(pr.instance_count, 1) AS BIGNUMERIC)
                   * CAST(CASE WHEN pr.override_in_force THEN pr.override_hourly_rate ELSE pr.list_rate END AS BIGNUMERIC)
                   AS base_cost,
               ROUND(CAST(COALESCE(pr.hours_used, 0) AS BIGNUMERIC), 6) * CAST(COALESCE(pr.instance_count, 1) AS BIGNUMERIC)
                   * CAST(pr.list_rate AS BIGNUMERIC) AS list_cost,
               COALESCE(pr.gpu_hours,
                        COALESCE(pr.hours_used, 0) * COALESCE(pr.instance_count, 1) * pr.price_gpu_count) AS used_gpu_hours
        FROM priced pr
        WHERE pr.pick = 1
    )
    SELECT
        c.usage_date, c.provider, c.resource_type, c.instance_type, COALESCE(c.gpu_type, c.price_gpu_type), c.region,
        COALESCE(c.instance_count, 1), c.hours_used, c.used_gpu_hours, LOWER(COALESCE(c.pricing_type, 'on_demand')),
        c.base_cost,
        c.base_cost * c.discount_pct / 100,
        c.base_cost - c.base_cost * c.discount_pct / 100,
        c.list_cost,
        CASE WHEN c.used_gpu_hours > 0
             THEN CAST(c.base_cost - c.base_cost * c.discount_pct / 100 AS BIGNUMERIC)
                  / ROUND(CAST(c.used_gpu_hours AS BIGNUMERIC), 6) END,
        CURRENT_TIMESTAMP(), c.price_effective_from,
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
  RAISE USING MESSAGE = CONCAT('sp_genai_infrastructure_cost: ', @@error.message);
END;
