-- sp_genai_convert_to_focus (DuckDB)
-- Contract (same as procedures/bigquery/sp_genai_convert_to_focus.sql):
--   Converts the GenAI cost rows of genai_costs_daily_unified for dates @p_start_date..@p_end_date (provider
--   @p_provider or all; credential @p_credential_id when given) into FOCUS 1.3 rows of cost_data_standard_1_3,
--   replacing the GenAI FOCUS rows (x_source_system 'genai_costs_daily_unified', x_genai_cost_type set) of exactly
--   that (org, date range, provider, credential) in one transaction; a re-run never duplicates.
-- Parameters: @p_org_slug, @p_pipeline_id, @p_provider (nullable), @p_start_date, @p_end_date,
--   @p_credential_id (nullable), @p_run_id.
--
-- No double counting: gemini and gcp_vertex (and gcp_* GPU/TPU) are invoiced on the GCP bill, azure_openai (and
-- azure_*) on the Azure bill, aws_bedrock (and aws_*) on the AWS bill. That cloud bill, converted to FOCUS by the
-- cloud billing pipelines (x_cloud_provider gcp/azure/aws), is the invoice. So for those providers a day gets FOCUS
-- rows here only when the org has no FOCUS rows from that cloud's billing in the day's billing month; otherwise
-- the GenAI tables keep the per-model detail and FOCUS is left to the cloud bill. OpenAI, Anthropic and DeepSeek
-- invoice directly and always get FOCUS rows.
-- Values are FOCUS-allowed only: ServiceCategory 'AI and Machine Learning' / subcategory 'Generative AI'
-- (infrastructure: 'Compute' / 'Virtual Machines'); ChargeCategory 'Usage'; PricingCategory 'Standard' (payg,
-- on-demand GPUs), 'Committed' (commitments, reserved/committed GPUs), 'Dynamic' (spot/preemptible GPUs);
-- ChargeFrequency 'Usage-Based' ('Recurring' for commitments). ChargePeriodEnd and BillingPeriodEnd are exclusive
-- (day + 1, first day of the next month). Amounts are the USD figures of the cost tables, BillingCurrency USD.
-- ListCost = the same usage at list prices; ContractedCost = EffectiveCost = BilledCost = the computed cost.

DELETE FROM ${org}.cost_data_standard_1_3
WHERE x_org_slug = @p_org_slug
  AND x_source_system = 'genai_costs_daily_unified'
  AND x_genai_cost_type IS NOT NULL
  AND CAST(ChargePeriodStart AS DATE) BETWEEN @p_start_date AND @p_end_date
  AND (CAST(@p_provider AS VARCHAR) IS NULL OR x_genai_provider = @p_provider)
  AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR x_credential_id = @p_credential_id);

INSERT INTO ${org}.cost_data_standard_1_3 (
    BilledCost, BillingAccountId, BillingAccountName, BillingCurrency, BillingPeriodEnd, BillingPeriodStart,
    ChargeCategory, ChargeDescription, ChargeFrequency, ChargePeriodEnd, ChargePeriodStart,
    CommitmentDiscountCategory, CommitmentDiscountId, CommitmentDiscountStatus, CommitmentDiscountType,
    ConsumedQuantity, ConsumedUnit, ContractedCost, EffectiveCost, HostProviderName, InvoiceIssuerName, ListCost,
    PricingCategory, PricingCurrency, PricingCurrencyEffectiveCost, PricingQuantity, PricingUnit, ProviderName,
    PublisherName, RegionId, RegionName, ResourceId, ResourceName, ResourceType, ServiceCategory, ServiceName,
    ServiceProviderName, ServiceSubcategory, SubAccountId, SubAccountName,
    x_source_system, x_source_record_id, x_cost_type, x_genai_cost_type, x_genai_provider, x_genai_model,
    x_org_name, x_org_owner_email, x_org_default_currency, x_org_default_timezone, x_org_default_country,
    x_org_subscription_plan, x_org_subscription_status, x_created_at, x_updated_at,
    x_hierarchy_entity_id, x_hierarchy_entity_name, x_hierarchy_level_code, x_hierarchy_path, x_hierarchy_path_names,
    x_hierarchy_validated_at,
    x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date)
SELECT
    g.total_cost_usd,
    g.x_org_slug,
    pr.company_name,
    'USD',
    CAST(date_trunc('month', g.cost_date) + INTERVAL 1 MONTH AS TIMESTAMP),
    CAST(date_trunc('month', g.cost_date) AS TIMESTAMP),
    'Usage',
    g.service_name || ' ' || COALESCE(g.model, g.instance_type, g.provider) || ' ' || g.cost_type
        || CASE WHEN g.service_tier IS NOT NULL AND g.service_tier <> 'standard' THEN ' (' || g.service_tier || ')' ELSE '' END,
    CASE WHEN g.cost_type = 'commitment' THEN 'Recurring' ELSE 'Usage-Based' END,
    CAST(g.cost_date + INTERVAL 1 DAY AS TIMESTAMP),
    CAST(g.cost_date AS TIMESTAMP),
    CASE WHEN g.cost_type = 'commitment' THEN 'Usage' END,
    CASE WHEN g.cost_type = 'commitment' THEN COALESCE(g.commitment_id, g.provider || '/' || COALESCE(g.model, 'all')) END,
    CASE WHEN g.cost_type = 'commitment' THEN 'Used' END,
    CASE WHEN g.cost_type = 'commitment' THEN 'Provisioned Throughput' END,
    g.consumed_quantity,
    g.consumed_unit,
    g.total_cost_usd,
    g.total_cost_usd,
    g.host_name,
    g.issuer_name,
    COALESCE(g.list_cost_usd, g.total_cost_usd),
    CASE WHEN g.cost_type = 'commitment' THEN 'Committed'
         WHEN g.cost_type = 'infrastructure' AND g.pricing_type IN ('spot', 'preemptible') THEN 'Dynamic'
         WHEN g.cost_type = 'infrastructure' AND g.pricing_type IN ('reserved_1yr', 'reserved_3yr', 'committed_1yr',
                                                                    'committed_3yr') THEN 'Committed'
         ELSE 'Standard' END,
    'USD',
    g.total_cost_usd,
    g.consumed_quantity,
    g.consumed_unit,
    g.service_provider,
    g.service_provider,
    g.region,
    g.region,
    COALESCE(g.model, g.instance_type, g.provider),
    COALESCE(g.model, g.instance_type, g.provider),
    CASE g.cost_type WHEN 'payg' THEN 'Model' WHEN 'commitment' THEN 'Provisioned Throughput' ELSE 'GPU/TPU Instance' END,
    CASE WHEN g.cost_type = 'infrastructure' THEN 'Compute' ELSE 'AI and Machine Learning' END,
    g.service_name,
    g.service_provider,
    CASE WHEN g.cost_type = 'infrastructure' THEN 'Virtual Machines' ELSE 'Generative AI' END,
    COALESCE(g.project_id, g.x_org_slug),
    g.project_id,
    'genai_costs_daily_unified',
    g.x_ingestion_id,
    'genai',
    g.cost_type,
    g.provider,
    COALESCE(g.model, g.instance_type),
    pr.company_name,
    pr.admin_email,
    pr.default_currency,
    pr.default_timezone,
    pr.default_country,
    pr.subscription_plan,
    pr.status,
    now(),
    now(),
    g.x_hierarchy_entity_id, g.x_hierarchy_entity_name, g.x_hierarchy_level_code, g.x_hierarchy_path,
    g.x_hierarchy_path_names, g.x_hierarchy_validated_at,
    g.x_org_slug, @p_pipeline_id, g.x_credential_id, g.cost_date, @p_run_id, now(), g.cost_date
FROM (
    SELECT u.*,
        CAST(u.usage_quantity AS DECIMAL(38,6)) AS consumed_quantity,
        CASE WHEN u.usage_unit = 'tokens' THEN 'Tokens' WHEN u.usage_unit = 'ptu_hours' THEN 'Unit-Hours'
             WHEN u.usage_unit = 'gpu_hours' THEN 'GPU-Hours' ELSE u.usage_unit END AS consumed_unit,
        CASE WHEN u.provider IN ('gemini', 'gcp_vertex') OR LEFT(u.provider, 4) = 'gcp_' THEN 'gcp'
             WHEN u.provider = 'azure_openai' OR LEFT(u.provider, 6) = 'azure_' THEN 'azure'
             WHEN u.provider = 'aws_bedrock' OR LEFT(u.provider, 4) = 'aws_' THEN 'aws' END AS billing_cloud,
        CASE WHEN u.provider = 'openai' THEN 'OpenAI'
             WHEN u.provider = 'anthropic' THEN 'Anthropic'
             WHEN u.provider = 'deepseek' THEN 'DeepSeek'
             WHEN u.provider = 'gemini' OR u.provider = 'gcp_vertex' OR LEFT(u.provider, 4) = 'gcp_' THEN 'Google Cloud'
             WHEN u.provider = 'azure_openai' OR LEFT(u.provider, 6) = 'azure_' THEN 'Microsoft'
             WHEN u.provider = 'aws_bedrock' OR LEFT(u.provider, 4) = 'aws_' THEN 'Amazon Web Services'
             ELSE u.provider END AS service_provider,
        CASE WHEN u.provider = 'openai' THEN 'OpenAI'
             WHEN u.provider = 'anthropic' THEN 'Anthropic'
             WHEN u.provider = 'deepseek' THEN 'DeepSeek'
             WHEN u.provider = 'gemini' OR u.provider = 'gcp_vertex' OR LEFT(u.provider, 4) = 'gcp_' THEN 'Google'
             WHEN u.provider = 'azure_openai' OR LEFT(u.provider, 6) = 'azure_' THEN 'Microsoft'
             WHEN u.provider = 'aws_bedrock' OR LEFT(u.provider, 4) = 'aws_' THEN 'Amazon Web Services'
             ELSE u.provider END AS issuer_name,
        CASE WHEN u.provider = 'openai' THEN 'OpenAI'
             WHEN u.provider = 'anthropic' THEN 'Anthropic'
             WHEN u.provider = 'deepseek' THEN 'DeepSeek'
             WHEN u.provider = 'gemini' OR u.provider = 'gcp_vertex' OR LEFT(u.provider, 4) = 'gcp_' THEN 'Google Cloud'
             WHEN u.provider = 'azure_openai' OR LEFT(u.provider, 6) = 'azure_' THEN 'Microsoft Azure'
             WHEN u.provider = 'aws_bedrock' OR LEFT(u.provider, 4) = 'aws_' THEN 'Amazon Web Services'
             ELSE u.provider END AS host_name,
        CASE WHEN u.provider = 'openai' THEN 'OpenAI API'
             WHEN u.provider = 'anthropic' THEN 'Claude API'
             WHEN u.provider = 'deepseek' THEN 'DeepSeek API'
             WHEN u.provider = 'gemini' THEN 'Gemini API'
             WHEN u.provider = 'gcp_vertex' THEN 'Vertex AI'
             WHEN u.provider = 'azure_openai' THEN 'Azure OpenAI'
             WHEN u.provider = 'aws_bedrock' THEN 'Amazon Bedrock'
             WHEN LEFT(u.provider, 4) = 'gcp_' THEN 'Compute Engine'
             WHEN LEFT(u.provider, 6) = 'azure_' THEN 'Virtual Machines'
             WHEN LEFT(u.provider, 4) = 'aws_' THEN 'Amazon EC2'
             ELSE u.provider END AS service_name
    FROM ${org}.genai_costs_daily_unified u
    WHERE u.x_org_slug = @p_org_slug
      AND u.cost_date BETWEEN @p_start_date AND @p_end_date
      AND (CAST(@p_provider AS VARCHAR) IS NULL OR u.provider = @p_provider)
      AND (CAST(@p_credential_id AS VARCHAR) IS NULL OR u.x_credential_id = @p_credential_id)
) g
LEFT JOIN ${central}.org_profiles pr ON pr.org_slug = g.x_org_slug
WHERE g.billing_cloud IS NULL
   OR NOT EXISTS (
        SELECT 1 FROM ${org}.cost_data_standard_1_3 f
        WHERE f.x_org_slug = g.x_org_slug
          AND f.x_genai_cost_type IS NULL
          AND f.x_cloud_provider = g.billing_cloud
          AND f.ChargePeriodStart >= CAST(date_trunc('month', g.cost_date) AS TIMESTAMP)
          AND f.ChargePeriodStart < CAST(date_trunc('month', g.cost_date) + INTERVAL 1 MONTH AS TIMESTAMP));
