-- sp_genai_consolidate (BigQuery)
-- Contract (same as procedures/duckdb/sp_genai_consolidate.sql):
--   Consolidates the three GenAI flows (payg, commitment, infrastructure) for dates p_start_date..p_end_date
--   (provider p_provider or all; credential p_credential_id when given): usage from genai_payg_usage_raw,
--   genai_commitment_usage_raw and genai_infrastructure_usage_raw into genai_usage_daily_unified, cost from
--   genai_payg_costs_daily, genai_commitment_costs_daily and genai_infrastructure_costs_daily into
--   genai_costs_daily_unified. Replaces the rows of both tables for exactly that (org, date range, provider,
--   credential) in one transaction; a re-run never duplicates.
-- usage_quantity / usage_unit of a cost row: payg tokens (all buckets) as 'tokens', or the non-token quantity in
-- its own unit; commitment unit-hours (units x hours_active) as 'ptu_hours'; infrastructure 'gpu_hours'.
-- Lineage: x_credential_id of the source row, x_pipeline_run_date = the data date, x_run_id = p_run_id.
-- Created in the organizations dataset by the procedure sync ({project_id} is replaced then) and called as
--   CALL `project.organizations`.sp_genai_consolidate(dataset_id, org_slug, pipeline_id, provider, start_date, end_date,
--                                     credential_id, run_id)
CREATE OR REPLACE PROCEDURE `{project_id}.organizations`.sp_genai_consolidate(
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
    RAISE USING MESSAGE = 'sp_genai_consolidate: dataset does not belong to the organization';
  END IF;

  BEGIN TRANSACTION;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.genai_usage_daily_unified`
    WHERE x_org_slug = @p_org_slug
      AND usage_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR provider = @p_provider)
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    DELETE FROM `{project_id}.%s.genai_costs_daily_unified`
    WHERE x_org_slug = @p_org_slug
      AND cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR provider = @p_provider)
      AND (@p_credential_id IS NULL OR x_credential_id = @p_credential_id)
  """, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.genai_usage_daily_unified` (
        usage_date, cost_type, provider, model, instance_type, gpu_type, region, project_id, service_tier, context_tier,
        commitment_id, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, total_tokens,
        ptu_units, used_units, utilization_pct, gpu_hours, instance_hours, request_count, usage_quantity, usage_unit,
        source_table, consolidated_at, x_genai_provider,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at, x_ingestion_id,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    SELECT u.usage_date, 'payg', u.provider, u.model, NULL, NULL, COALESCE(u.region, 'global'), u.project_id,
           LOWER(COALESCE(u.service_tier, CASE WHEN u.is_batch THEN 'batch' ELSE 'standard' END)), u.context_tier, NULL,
           u.input_tokens, u.output_tokens, u.cached_input_tokens,
           COALESCE(u.cache_write_5m_tokens, 0) + COALESCE(u.cache_write_1h_tokens, 0), u.reasoning_tokens,
           COALESCE(u.total_tokens, COALESCE(u.input_tokens, 0) + COALESCE(u.output_tokens, 0)
               + COALESCE(u.cached_input_tokens, 0) + COALESCE(u.cache_write_5m_tokens, 0)
               + COALESCE(u.cache_write_1h_tokens, 0) + COALESCE(u.reasoning_tokens, 0)),
           NULL, NULL, NULL, NULL, NULL, u.request_count, u.usage_quantity, u.usage_unit,
           'genai_payg_usage_raw', CURRENT_TIMESTAMP(), u.x_genai_provider,
           u.x_hierarchy_entity_id, u.x_hierarchy_entity_name, u.x_hierarchy_level_code, u.x_hierarchy_path,
           u.x_hierarchy_path_names, u.x_hierarchy_validated_at, GENERATE_UUID(),
           @p_org_slug, @p_pipeline_id, u.x_credential_id, u.usage_date, @p_run_id, CURRENT_TIMESTAMP(), u.usage_date
    FROM `{project_id}.%s.genai_payg_usage_raw` u
    WHERE u.x_org_slug = @p_org_slug
      AND u.usage_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR u.provider = @p_provider)
      AND (@p_credential_id IS NULL OR u.x_credential_id = @p_credential_id)
    UNION ALL
    SELECT c.usage_date, 'commitment', c.provider, c.model, NULL, NULL, c.region, NULL, NULL, NULL, c.commitment_id,
           NULL, NULL, NULL, NULL, NULL, c.tokens_processed,
           c.provisioned_units, c.used_units, c.utilization_pct, NULL, c.hours_active, c.request_count, NULL, NULL,
           'genai_commitment_usage_raw', CURRENT_TIMESTAMP(), c.provider,
           c.x_hierarchy_entity_id, c.x_hierarchy_entity_name, c.x_hierarchy_level_code, c.x_hierarchy_path,
           c.x_hierarchy_path_names, c.x_hierarchy_validated_at, GENERATE_UUID(),
           @p_org_slug, @p_pipeline_id, c.x_credential_id, c.usage_date, @p_run_id, CURRENT_TIMESTAMP(), c.usage_date
    FROM `{project_id}.%s.genai_commitment_usage_raw` c
    WHERE c.x_org_slug = @p_org_slug
      AND c.usage_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR c.provider = @p_provider)
      AND (@p_credential_id IS NULL OR c.x_credential_id = @p_credential_id)
    UNION ALL
    SELECT i.usage_date, 'infrastructure', i.provider, NULL, i.instance_type, i.gpu_type, i.region, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, i.avg_gpu_utilization_pct, i.gpu_hours, i.hours_used, NULL, NULL, NULL,
           'genai_infrastructure_usage_raw', CURRENT_TIMESTAMP(), i.provider,
           i.x_hierarchy_entity_id, i.x_hierarchy_entity_name, i.x_hierarchy_level_code, i.x_hierarchy_path,
           i.x_hierarchy_path_names, i.x_hierarchy_validated_at, GENERATE_UUID(),
           @p_org_slug, @p_pipeline_id, i.x_credential_id, i.usage_date, @p_run_id, CURRENT_TIMESTAMP(), i.usage_date
    FROM `{project_id}.%s.genai_infrastructure_usage_raw` i
    WHERE i.x_org_slug = @p_org_slug
      AND i.usage_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR i.provider = @p_provider)
      AND (@p_credential_id IS NULL OR i.x_credential_id = @p_credential_id)
  """, p_dataset_id, p_dataset_id, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  EXECUTE IMMEDIATE FORMAT("""
    INSERT INTO `{project_id}.%s.genai_costs_daily_unified` (
        cost_date, cost_type, provider, model, instance_type, gpu_type, region, project_id, service_tier, context_tier,
        pricing_type, commitment_id, input_cost_usd, output_cost_usd, cached_cost_usd, cache_write_cost_usd,
        reasoning_cost_usd, unit_cost_usd, commitment_cost_usd, overage_cost_usd, infrastructure_cost_usd,
        total_cost_usd, list_cost_usd, discount_applied_pct, usage_quantity, usage_unit, effective_rate_input,
        effective_rate_output, effective_rate_cached, source_table, pricing_origin, consolidated_at, x_genai_provider,
        x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
        x_hierarchy_validated_at, x_ingestion_id,
        x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
    SELECT p.cost_date, 'payg', p.provider, p.model, NULL, NULL, p.region, p.project_id, p.service_tier,
           p.context_tier, NULL, NULL, p.input_cost_usd, p.output_cost_usd, p.cached_cost_usd, p.cache_write_cost_usd,
           p.reasoning_cost_usd, p.unit_cost_usd, NULL, NULL, NULL, p.total_cost_usd, p.list_cost_usd,
           p.discount_applied_pct,
           CASE WHEN COALESCE(p.total_tokens, 0) = 0 AND p.usage_quantity IS NOT NULL
                THEN CAST(p.usage_quantity AS FLOAT64) ELSE CAST(p.total_tokens AS FLOAT64) END,
           CASE WHEN COALESCE(p.total_tokens, 0) = 0 AND p.usage_quantity IS NOT NULL
                THEN COALESCE(p.usage_unit, 'units') ELSE 'tokens' END,
           p.effective_rate_input, p.effective_rate_output, p.effective_rate_cached, 'genai_payg_costs_daily',
           p.pricing_origin, CURRENT_TIMESTAMP(), p.x_genai_provider,
           p.x_hierarchy_entity_id, p.x_hierarchy_entity_name, p.x_hierarchy_level_code, p.x_hierarchy_path,
           p.x_hierarchy_path_names, p.x_hierarchy_validated_at, GENERATE_UUID(),
           @p_org_slug, @p_pipeline_id, p.x_credential_id, p.cost_date, @p_run_id, CURRENT_TIMESTAMP(), p.cost_date
    FROM `{project_id}.%s.genai_payg_costs_daily` p
    WHERE p.x_org_slug = @p_org_slug
      AND p.cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR p.provider = @p_provider)
      AND (@p_credential_id IS NULL OR p.x_credential_id = @p_credential_id)
    UNION ALL
    SELECT cc.cost_date, 'commitment', cc.provider, cc.model, NULL, NULL, cc.region, NULL, NULL, NULL, NULL,
           cc.commitment_id, NULL, NULL, NULL, NULL, NULL, NULL, cc.commitment_cost_usd, cc.overage_cost_usd, NULL,
           cc.total_cost_usd, cc.list_cost_usd, NULL,
           CAST(cc.provisioned_units AS FLOAT64) * COALESCE(cc.hours_active, 24), 'ptu_hours',
           NULL, NULL, NULL, 'genai_commitment_costs_daily', cc.pricing_origin, CURRENT_TIMESTAMP(), cc.provider,
           cc.x_hierarchy_entity_id, cc.x_hierarchy_entity_name, cc.x_hierarchy_level_code, cc.x_hierarchy_path,
           cc.x_hierarchy_path_names, cc.x_hierarchy_validated_at, GENERATE_UUID(),
           @p_org_slug, @p_pipeline_id, cc.x_credential_id, cc.cost_date, @p_run_id, CURRENT_TIMESTAMP(), cc.cost_date
    FROM `{project_id}.%s.genai_commitment_costs_daily` cc
    WHERE cc.x_org_slug = @p_org_slug
      AND cc.cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR cc.provider = @p_provider)
      AND (@p_credential_id IS NULL OR cc.x_credential_id = @p_credential_id)
    UNION ALL
    SELECT ic.cost_date, 'infrastructure', ic.provider, NULL, ic.instance_type, ic.gpu_type, ic.region, NULL, NULL, NULL,
           ic.pricing_type, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ic.total_cost_usd,
           ic.total_cost_usd, ic.list_cost_usd,
           CASE WHEN ic.base_cost_usd > 0 THEN CAST(ic.discount_applied_usd AS FLOAT64) * 100 / CAST(ic.base_cost_usd AS FLOAT64) END,
           ic.gpu_hours, 'gpu_hours', NULL, NULL, NULL, 'genai_infrastructure_costs_daily', ic.pricing_origin, CURRENT_TIMESTAMP(),
           ic.provider,
           ic.x_hierarchy_entity_id, ic.x_hierarchy_entity_name, ic.x_hierarchy_level_code, ic.x_hierarchy_path,
           ic.x_hierarchy_path_names, ic.x_hierarchy_validated_at, GENERATE_UUID(),
           @p_org_slug, @p_pipeline_id, ic.x_credential_id, ic.cost_date, @p_run_id, CURRENT_TIMESTAMP(), ic.cost_date
    FROM `{project_id}.%s.genai_infrastructure_costs_daily` ic
    WHERE ic.x_org_slug = @p_org_slug
      AND ic.cost_date BETWEEN @p_start_date AND @p_end_date
      AND (@p_provider IS NULL OR ic.provider = @p_provider)
      AND (@p_credential_id IS NULL OR ic.x_credential_id = @p_credential_id)
  """, p_dataset_id, p_dataset_id, p_dataset_id, p_dataset_id)
  USING p_org_slug AS p_org_slug, p_pipeline_id AS p_pipeline_id, p_provider AS p_provider,
        p_start_date AS p_start_date, p_end_date AS p_end_date, p_credential_id AS p_credential_id,
        p_run_id AS p_run_id;

  COMMIT TRANSACTION;
EXCEPTION WHEN ERROR THEN
  ROLLBACK TRANSACTION;
  RAISE USING MESSAGE = CONCAT('sp_genai_consolidate: ', @@error.message);
END;
