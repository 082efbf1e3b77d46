-- sp_genai_payg_cost (BigQuery)
-- Contract (same as procedures/duckdb/sp_genai_payg_cost.sql):
--   Prices the token usage of genai_payg_usage_raw for usage dates p_start_date..p_end_date (provider p_provider,
--   or every provider when NULL; credential p_credential_id when given) and replaces the rows of
--   genai_payg_costs_daily for exactly that (org, date range, provider, credential) in one transaction, so a re-run
--   never duplicates. One cost row per (date, provider, model, region, project, service tier, context tier,
--   credential, hierarchy entity); usage with no price in force gets no cost row (the raw row stays, and the
--   genai_usage_priced data-quality expectation reports it).
-- Hierarchy: the usage row's allocation, else the default allocation of the credential the usage came from.
--
-- The price row: same provider and model, or the model a dated snapshot id names (gpt-4o-mini-2024-07-18 and
-- claude-haiku-4-5-20251001 take the gpt-4o-mini / claude-haiku-4-5 price unless the snapshot has its own row);
-- region equal to the usage's (NULL usage region = global), else the global row; context_tier equal to the
-- usage's (a NULL usage tier and a base tier '0-...' are the same tier); status active or preview (NULL =
-- active); effective_from <= usage date <= effective_to (NULL = open). When several fit, the exact model, then
-- the exact region, then the exact context tier, then the org's own (custom) row over the shipped default, then
-- the latest effective_from wins.
-- Token buckets never overlap (input_tokens = uncached input), so each bucket has its own rate (USD per 1M):
--   input     standard: override_input_per_1m from override_effective_from on (inclusive), else input_per_1m
--   output    likewise with override_output_per_1m
--   cache read   cached_input_per_1m, else input rate x (1 - cached_discount_pct/100), where the default discount is
--                the provider's own: anthropic/aws_bedrock/deepseek 90 %, gemini/gcp_vertex 75 %, others 50 %
--   cache write  cache_write_5m_per_1m / cache_write_1h_per_1m, else for anthropic/aws_bedrock 1.25x / 2x the input
--                rate (their published multipliers), for every other provider the input rate (writes cost input)
--   reasoning    reasoning_per_1m, else the output rate
--   batch / flex tier: batch_input_per_1m / batch_output_per_1m; where a batch price is missing (and for cache,
--                reasoning and unit prices) 50 % of the standard rate - the published batch discount of
--                OpenAI, Anthropic, Gemini, Bedrock and Vertex
--   priority tier: priority_input/output/cached prices; a missing priority price prices the usage at standard
--                and sets price_flag = 'priority_price_missing' (reported by the data-quality step)
--   non-token usage: usage_quantity x unit_price (pricing_unit NULL or equal to the usage_unit)
--   volume_discount_pct lowers every rate; list_cost_usd is the same usage at the tier's list prices (no
--   override, no volume discount) and becomes the FOCUS ListCost.
-- Money: rates and costs are BIGNUMERIC (tokens x rate / 1000000, exact to 38 decimals);
-- nothing is rounded before summing, and the stored figures are not rounded either.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_genai_payg_cost(dataset_id, org_slug, pipeline_id, provider, start_date, end_date,
--                                     credential_id, run_id)
CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_genai_payg_cost(
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
    RAISE USING MESSAGE = 'sp_genai_payg_cost: dataset does not belong to the organization';
  END IF;

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.genai_payg_costs_daily`
    WHERE x_org_slug = @p_org_slug
      AND cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR provider = @p_provider)
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.genai_payg_costs_daily` (
        cost_date, provider, model, model_family, region, project_id, service_tier, context_tier,
        input_tokens, output_tokens, cached_input_tokens, cache_write_5m_tokens, cache_write_1h_tokens, reasoning_tokens,
        total_tokens, usage_quantity, usage_unit,
        input_cost_usd, output_cost_usd, cached_cost_usd, cache_write_cost_usd, reasoning_cost_usd, unit_cost_usd,
        total_cost_usd, list_cost_usd, discount_applied_pct, effective_rate_input, effective_rate_output,
        effective_rate_cached, request_count, calculated_at, price_effective_from, pricing_origin, price_flag,
        x_genai_provider,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    WITH usage AS (
        SELECT ROW_NUMBER() OVER () AS usage_key, g.*
        FROM (
            SELECT u.usage_date, u.provider, u.model, MAX(u.model_family) AS model_family,
                   COALESCE(u.region, 'global') AS region, u.project_id,
                   LOWER(COALESCE(u.service_tier, CASE WHEN u.is_batch THEN 'batch' ELSE 'standard' END)) AS service_tier,
                   u.context_tier, u.usage_unit, u.x_credential_id,
                   u.x_hierarchy_entity_id, u.x_hierarchy_entity_name, u.x_hierarchy_level_code, u.x_hierarchy_path,
                   u.x_hierarchy_path_names, MAX(u.x_hierarchy_validated_at) AS x_hierarchy_validated_at,
                   SUM(COALESCE(u.input_tokens, 0)) AS input_tokens,
                   SUM(COALESCE(u.cached_input_tokens, 0)) AS cached_input_tokens,
                   SUM(COALESCE(u.cache_write_5m_tokens, 0)) AS cache_write_5m_tokens,
                   SUM(COALESCE(u.cache_write_1h_tokens, 0)) AS cache_write_1h_tokens,
                   SUM(COALESCE(u.output_tokens, 0)) AS output_tokens,
                   SUM(COALESCE(u.reasoning_tokens, 0)) AS reasoning_tokens,
                   SUM(u.usage_quantity) AS usage_quantity,
                   SUM(u.request_count) AS request_count
            FROM `{project_id}.%s.genai_payg_usage_raw` u
            WHERE u.x_org_slug = @p_org_slug
              AND u.usage_date BETWEEN @p_start_date AND @p_end_date
              AND (@p_provider IS NULL OR u.provider = @p_provider)
              AND (@p_credential_id IS NULL OR u.x_credential_id = @p_credential_id)
            GROUP BY u.usage_date, u.provider, u.model, COALESCE(u.region, 'global'), u.project_id,
                     LOWER(COALESCE(u.service_tier, CASE WHEN u.is_batch THEN 'batch' ELSE 'standard' END)),
                     u.context_tier, u.usage_unit, u.x_credential_id, u.x_hierarchy_entity_id, u.x_hierarchy_entity_name,
                     u.x_hierarchy_level_code, u.x_hierarchy_path, u.x_hierarchy_path_names
        ) g
    ),
    priced AS (
        SELECT us.*,
               p.effective_from AS price_effective_from,
               p.x_pipeline_id AS price_writer,
               CAST(p.input_per_1m AS BIGNUMERIC) AS list_in,
               CAST(p.output_per_1m AS BIGNUMERIC) AS list_out,
               CAST(CASE WHEN COALESCE(p.is_override, FALSE) AND p.override_input_per_1m IS NOT NULL
                              AND (p.override_effective_from IS NULL OR us.usage_date >= p.override_effective_from)
                         THEN p.override_input_per_1m ELSE p.input_per_1m END AS BIGNUMERIC) AS std_in,
               CAST(CASE WHEN COALESCE(p.is_override, FALSE) AND p.override_output_per_1m IS NOT NULL
                              AND (p.override_effective_from IS NULL OR us.usage_date >= p.override_effective_from)
                         THEN p.override_output_per_1m ELSE p.output_per_1m END AS BIGNUMERIC) AS std_out,
               COALESCE(p.is_override, FALSE)
                   AND (p.override_input_per_1m IS NOT NULL OR p.override_output_per_1m IS NOT NULL)
                   AND (p.override_effective_from IS NULL OR us.usage_date >= p.override_effective_from) AS override_in_force,
               CAST(p.cached_input_per_1m AS BIGNUMERIC) AS cached_price,
               CAST(p.cache_write_5m_per_1m AS BIGNUMERIC) AS write_5m_price,
               CAST(p.cache_write_1h_per_1m AS BIGNUMERIC) AS write_1h_price,
               CAST(p.reasoning_per_1m AS BIGNUMERIC) AS reasoning_price,
               CAST(p.batch_input_per_1m AS BIGNUMERIC) AS batch_in_price,
               CAST(p.batch_output_per_1m AS BIGNUMERIC) AS batch_out_price,
               CAST(p.priority_input_per_1m AS BIGNUMERIC) AS priority_in_price,
               CAST(p.priority_output_per_1m AS BIGNUMERIC) AS priority_out_price,
               CAST(p.priority_cached_input_per_1m AS BIGNUMERIC) AS priority_cached_price,
               CAST(p.unit_price AS BIGNUMERIC) AS unit_price,
               ROUND(CAST(100 - COALESCE(p.cached_discount_pct,
                    CASE WHEN us.provider IN ('anthropic', 'aws_bedrock', 'deepseek') THEN 90
                         WHEN us.provider IN ('gemini', 'gcp_vertex') THEN 75 ELSE 50 END) AS BIGNUMERIC), 4)
                   / 100 AS cached_factor,
               CASE WHEN us.provider IN ('anthropic', 'aws_bedrock') THEN BIGNUMERIC '1.25' ELSE BIGNUMERIC '1' END AS write_5m_factor,
               CASE WHEN us.provider IN ('anthropic', 'aws_bedrock') THEN BIGNUMERIC '2' ELSE BIGNUMERIC '1' END AS write_1h_factor,
               CASE WHEN us.service_tier IN ('batch', 'flex') THEN BIGNUMERIC '0.5' ELSE BIGNUMERIC '1' END AS tier_factor,
               ROUND(CAST(100 - COALESCE(p.volume_discount_pct, 0) AS BIGNUMERIC), 4) / 100 AS volume_factor,
               COALESCE(p.volume_discount_pct, 0) AS volume_discount_pct,
               ROW_NUMBER() OVER (PARTITION BY us.usage_key ORDER BY
                   CASE WHEN p.model = us.model THEN 0 ELSE 1 END,
                   CASE WHEN p.region = us.region THEN 0 ELSE 1 END,
                   CASE WHEN p.context_tier IS NOT DISTINCT FROM us.context_tier THEN 0 ELSE 1 END,
                   CASE WHEN p.x_pipeline_id = 'genai_default_pricing' THEN 1 ELSE 0 END,
                   p.effective_from DESC NULLS LAST) AS pick
        FROM usage us
        JOIN `{project_id}.%s.genai_payg_pricing` p
          ON p.x_org_slug = @p_org_slug
         AND p.provider = us.provider
         AND (p.model = us.model
              OR (STARTS_WITH(us.model, CONCAT(p.model, '-'))
                  AND REGEXP_CONTAINS(SUBSTR(us.model, LENGTH(p.model) + 2), r'^[0-9]{4}-?[0-9]{2}-?[0-9]{2}$')))
         AND (p.region = us.region OR p.region = 'global')
         AND (p.context_tier IS NOT DISTINCT FROM us.context_tier
              OR (us.context_tier IS NULL AND p.context_tier LIKE '0-%%')
              OR (p.context_tier IS NULL AND us.context_tier LIKE '0-%%'))
         AND COALESCE(p.status, 'active') IN ('active', 'preview')
         AND (p.effective_from IS NULL OR p.effective_from <= us.usage_date)
         AND (p.effective_to IS NULL OR us.usage_date <= p.effective_to)
         AND (us.usage_quantity IS NULL OR p.pricing_unit IS NULL OR p.pricing_unit = us.usage_unit)
    ),
    rates AS (
        SELECT pr.*,
               pr.service_tier IN ('batch', 'flex') AS is_batch_tier,
               pr.service_tier = 'priority' AS is_priority_tier,
               pr.service_tier = 'priority' AND pr.priority_in_price IS NULL AS priority_missing
        FROM priced pr
        WHERE pr.pick = 1
    ),
    tiered AS (
        SELECT r.*,
               CAST(CASE WHEN r.is_batch_tier AND r.batch_in_price IS NOT NULL THEN r.batch_in_price
                         WHEN r.is_priority_tier AND r.priority_in_price IS NOT NULL THEN r.priority_in_price
                         ELSE r.std_in * r.tier_factor END AS BIGNUMERIC) AS in_rate,
               CAST(CASE WHEN r.is_batch_tier AND r.batch_out_price IS NOT NULL THEN r.batch_out_price
                         WHEN r.is_priority_tier AND r.priority_out_price IS NOT NULL THEN r.priority_out_price
                         ELSE r.std_out * r.tier_factor END AS BIGNUMERIC) AS out_rate,
               CAST(CASE WHEN r.is_priority_tier AND r.priority_cached_price IS NOT NULL THEN r.priority_cached_price
                         ELSE COALESCE(r.cached_price, CAST(r.std_in * r.cached_factor AS BIGNUMERIC)) * r.tier_factor
                    END AS BIGNUMERIC) AS cached_rate,
               CAST(COALESCE(r.write_5m_price, CAST(r.std_in * r.write_5m_factor AS BIGNUMERIC)) * r.tier_factor AS BIGNUMERIC) AS write_5m_rate,
               CAST(COALESCE(r.write_1h_price, CAST(r.std_in * r.write_1h_factor AS BIGNUMERIC)) * r.tier_factor AS BIGNUMERIC) AS write_1h_rate,
               CAST(r.unit_price * r.tier_factor AS BIGNUMERIC) AS unit_rate,
               CAST(CASE WHEN r.is_batch_tier AND r.batch_in_price IS NOT NULL THEN r.batch_in_price
                         WHEN r.is_priority_tier AND r.priority_in_price IS NOT NULL THEN r.priority_in_price
                         ELSE r.list_in * r.tier_factor END AS BIGNUMERIC) AS list_in_rate,
               CAST(CASE WHEN r.is_batch_tier AND r.batch_out_price IS NOT NULL THEN r.batch_out_price
                         WHEN r.is_priority_tier AND r.priority_out_price IS NOT NULL THEN r.priority_out_price
                         ELSE r.list_out * r.tier_factor END AS BIGNUMERIC) AS list_out_rate,
               CAST(CASE WHEN r.is_priority_tier AND r.priority_cached_price IS NOT NULL THEN r.priority_cached_price
                         ELSE COALESCE(r.cached_price, CAST(r.list_in * r.cached_factor AS BIGNUMERIC)) * r.tier_factor
                    END AS BIGNUMERIC) AS list_cached_rate,
               CAST(COALESCE(r.write_5m_price, CAST(r.list_in * r.write_5m_factor AS BIGNUMERIC)) * r.tier_factor AS BIGNUMERIC) AS list_write_5m_rate,
               CAST(COALESCE(r.write_1h_price, CAST(r.list_in * r.write_1h_factor AS BIGNUMERIC)) * r.tier_factor AS BIGNUMERIC) AS list_write_1h_rate
        FROM rates r
    ),
    discounted AS (
        SELECT t.*,
               CAST(t.in_rate * t.volume_factor AS BIGNUMERIC) AS in_net,
               CAST(t.out_rate * t.volume_factor AS BIGNUMERIC) AS out_net,
               CAST(t.cached_rate * t.volume_factor AS BIGNUMERIC) AS cached_net,
               CAST(t.write_5m_rate * t.volume_factor AS BIGNUMERIC) AS write_5m_net,
               CAST(t.write_1h_rate * t.volume_factor AS BIGNUMERIC) AS write_1h_net,
               CAST(COALESCE(t.reasoning_price * t.tier_factor, t.out_rate) * t.volume_factor AS BIGNUMERIC) AS reasoning_net,
               CAST(COALESCE(t.reasoning_price * t.tier_factor, t.list_out_rate) AS BIGNUMERIC) AS list_reasoning_rate,
               CAST(t.unit_rate * t.volume_factor AS BIGNUMERIC) AS unit_net
        FROM tiered t
    ),
    costed AS (
        SELECT d.*,
               CAST(d.input_tokens AS BIGNUMERIC) * d.in_net / 1000000 AS input_cost,
               CAST(d.output_tokens AS BIGNUMERIC) * d.out_net / 1000000 AS output_cost,
               CAST(d.cached_input_tokens AS BIGNUMERIC) * d.cached_net / 1000000 AS cached_cost,
               CAST(d.cache_write_5m_tokens AS BIGNUMERIC) * d.write_5m_net / 1000000
                   + CAST(d.cache_write_1h_tokens AS BIGNUMERIC) * d.write_1h_net / 1000000 AS write_cost,
               CAST(d.reasoning_tokens AS BIGNUMERIC) * d.reasoning_net / 1000000 AS reasoning_cost,
               COALESCE(ROUND(CAST(d.usage_quantity AS BIGNUMERIC), 6) * d.unit_net, 0) AS unit_cost,
               (CAST(d.input_tokens AS BIGNUMERIC) * d.list_in_rate
                  + CAST(d.output_tokens AS BIGNUMERIC) * d.list_out_rate
                  + CAST(d.cached_input_tokens AS BIGNUMERIC) * d.list_cached_rate
                  + CAST(d.cache_write_5m_tokens AS BIGNUMERIC) * d.list_write_5m_rate
                  + CAST(d.cache_write_1h_tokens AS BIGNUMERIC) * d.list_write_1h_rate
                  + CAST(d.reasoning_tokens AS BIGNUMERIC) * d.list_reasoning_rate) / 1000000
                   + COALESCE(ROUND(CAST(d.usage_quantity AS BIGNUMERIC), 6) * CAST(d.unit_price * d.tier_factor AS BIGNUMERIC), 0)
                   AS list_cost
        FROM discounted d
    )
    SELECT
        c.usage_date, c.provider, c.model, c.model_family, c.region, c.project_id, c.service_tier, c.context_tier,
        c.input_tokens, c.output_tokens, c.cached_input_tokens, c.cache_write_5m_tokens, c.cache_write_1h_tokens,
        c.reasoning_tokens,
        c.input_tokens + c.output_tokens + c.cached_input_tokens + c.cache_write_5m_tokens + c.cache_write_1h_tokens
            + c.reasoning_tokens,
        c.usage_quantity, c.usage_unit,
        c.input_cost, c.output_cost, c.cached_cost, c.write_cost, c.reasoning_cost, c.unit_cost,
        c.input_cost + c.output_cost + c.cached_cost + c.write_cost + c.reasoning_cost + c.unit_cost,
        c.list_cost,
        c.volume_discount_pct, c.in_net, c.out_net, c.cached_net, c.request_count, CURRENT_TIMESTAMP(), c.price_effective_from,
        CASE WHEN c.override_in_force THEN 'override'
             WHEN c.price_writer = 'genai_default_pricing' THEN 'default' ELSE 'custom' END,
        CASE WHEN c.priority_missing THEN 'priority_price_missing' END,
        c.provider,
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
  RAISE USING MESSAGE = CONCAT('sp_genai_payg_cost: ', @@error.message);
END;
