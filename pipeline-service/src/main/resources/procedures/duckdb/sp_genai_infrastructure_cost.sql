-- sp_genai_infrastructure_cost (DuckDB)
-- Contract (same as procedures/bigquery/sp_genai_infrastructure_cost.sql):
--   Prices the GPU/TPU instance hours of genai_infrastructure_usage_raw for usage dates @p_start_date..@p_end_date
--   (provider @p_provider, e.g. gcp_gpu, or all; credential @p_credential_id when given) and replaces the rows of
--   genai_infrastructure_costs_daily for exactly that (org, date range, provider, credential) in one transaction.
--   Usage without a rate in force gets no cost row.
-- Hierarchy: the usage row's allocation, else the default allocation of the credential the usage came from.
-- Parameters: @p_org_slug, @p_pipeline_id, @p_provider (nullable), @p_start_date, @p_end_date,
--   @p_credential_id (nullable), @p_run_id.
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
-- Money is exact decimal (hours are read as DECIMAL(18,6)); nothing is rounded.

DELETE FROM ${org}.genai_infrastructure_costs_daily
WHERE x_org_slug = @p_org_slug
  AND cost_date BETWEEN @p_start_date AND @p_end_date
  AND (CAST(@p_provider AS VARCHAR) IS NULL OR provider = @p_provider)
  AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR x_credential_id = @p_credential_id);

INSERT INTO ${org}.genai_infrastructure_costs_daily (
    cost_date, provider, resource_type, instance_type, gpu_type, region, instance_count, hours_used, gpu_hours,
    pricing_type, base_cost_usd, discount_applied_usd, total_cost_usd, list_cost_usd, effective_hourly_rate,
    calculated_at, price_effective_from, pricing_origin,
    x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
    x_hierarchy_validated_at,
    x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
WITH usage AS (
    SELECT ROW_NUMBER() OVER () AS usage_key, u.*
    FROM ${org}.genai_infrastructure_usage_raw u
    WHERE u.x_org_slug = @p_org_slug
      AND u.usage_date BETWEEN @p_start_date AND @p_end_date
      AND (CAST(@p_provider AS VARCHAR) IS NULL OR u.provider = @p_provider)
      AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR u.x_credential_id = @p_credential_id)
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
           CAST(COALESCE(CASE LOWER(COALESCE(us.pricing_type, 'on_demand'))
                    WHEN 'spot' THEN p.spot_discount_pct
                    WHEN 'preemptible' THEN p.spot_discount_pct
                    WHEN 'reserved_1yr' THEN p.reserved_1yr_discount_pct
                    WHEN 'committed_1yr' THEN p.reserved_1yr_discount_pct
                    WHEN 'reserved_3yr' THEN p.reserved_3yr_discount_pct
                    WHEN 'committed_3yr' THEN p.reserved_3yr_discount_pct
                END, 0) AS DECIMAL(9,4)) AS discount_pct,
           ROW_NUMBER() OVER (PARTITION BY us.usage_key ORDER BY
               CASE WHEN p.region = us.region THEN 0 ELSE 1 END,
               CASE WHEN p.x_pipeline_id = 'genai_default_pricing' THEN 1 ELSE 0 END,
               p.effective_from DESC NULLS LAST) AS pick
    FROM usage us
    JOIN ${org}.genai_infrastructure_pricing p
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
           CAST(COALESCE(pr.hours_used, 0) AS DECIMAL(18,6)) * CAST(COALESCE(pr.instance_count, 1) AS DECIMAL(18,0))
               * CAST(CASE WHEN pr.override_in_force THEN pr.override_hourly_rate ELSE pr.list_rate END AS DECIMAL(24,12))
               AS base_cost,
           CAST(COALESCE(pr.hours_used, 0) AS DECIMAL(18,6)) * CAST(COALESCE(pr.instance_count, 1) AS DECIMAL(18,0))
               * CAST(pr.list_rate AS DECIMAL(24,12)) AS list_cost,
           COALESCE(pr.gpu_hours,
                    COALESCE(pr.hours_used, 0) * COALESCE(pr.instance_count, 1) * pr.price_gpu_count) AS used_gpu_hours
    FROM priced pr
    WHERE pr.pick = 1
)
SELECT
    c.usage_date, c.provider, c.resource_type, c.instance_type, COALESCE(c.gpu_type, c.price_gpu_type), c.region,
    COALESCE(c.instance_count, 1), c.hours_used, c.used_gpu_hours, LOWER(COALESCE(c.pricing_type, 'on_demand')),
    c.base_cost,
    c.base_cost * c.discount_pct * CAST(0.01 AS DECIMAL(3,2)),
    c.base_cost - c.base_cost * c.discount_pct * CAST(0.01 AS DECIMAL(3,2)),
    c.list_cost,
    CASE WHEN c.used_gpu_hours > 0
         THEN CAST(c.base_cost - c.base_cost * c.discount_pct * CAST(0.01 AS DECIMAL(3,2)) AS DECIMAL(38,12))
              / CAST(c.used_gpu_hours AS DECIMAL(18,6)) END,
    now(), c.price_effective_from,
    CASE WHEN c.override_in_force THEN 'override'
         WHEN c.price_writer = 'genai_default_pricing' THEN 'default' ELSE 'custom' END,
    CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_entity_id ELSE c.x_hierarchy_entity_id END,
    CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_entity_name ELSE c.x_hierarchy_entity_name END,
    CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_level_code ELSE c.x_hierarchy_level_code END,
    CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_path ELSE c.x_hierarchy_path END,
    CASE WHEN c.x_hierarchy_entity_id IS NULL THEN cr.default_x_hierarchy_path_names ELSE c.x_hierarchy_path_names END,
    CASE WHEN c.x_hierarchy_entity_id IS NULL AND cr.default_x_hierarchy_entity_id IS NOT NULL THEN now()
         ELSE c.x_hierarchy_validated_at END,
    @p_org_slug, @p_pipeline_id, c.x_credential_id, c.usage_date, @p_run_id, now(), c.usage_date
FROM costed c
LEFT JOIN ${central}.org_integration_credentials cr
  ON cr.org_slug = @p_org_slug AND cr.credential_id = c.x_credential_id;
