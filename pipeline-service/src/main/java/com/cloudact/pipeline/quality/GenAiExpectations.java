package com.cloudact.pipeline.quality;

import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GenAI expectations of {@link DataQualityStep}: usage that found no price, and computed cost against the
 * provider's own bill. Both cover the org's rows of the run's days ({@code start_date}..{@code end_date}), one
 * provider (the expectation's or the step's {@code provider}, else the one a {@code genai/payg/<provider>} pipeline
 * is named for) or all, and the run's credential when it has one.
 * Without run dates the day is yesterday (UTC), the GenAI procedures' default.
 */
final class GenAiExpectations {

    private static final BigDecimal DEFAULT_TOLERANCE_PCT = new BigDecimal("2");

    /** A provider's PAYG pipeline, {@code genai/payg/<provider>}: its checks cover that provider. */
    private static final Pattern PROVIDER_PIPELINE = Pattern.compile("^genai/payg/([a-z_]+)$");

    private GenAiExpectations() {
    }

    /** Usage with no cost row (no price in force), and priority usage priced at standard: WARNING problems. */
    static List<Map<String, Object>> usagePriced(Warehouse warehouse, StepContext context, Map<String, Object> expectation,
                                                 LocalDate yesterday) {
        Map<String, Object> params = params(context, expectation, yesterday);
        List<Row> unpriced = warehouse.query(SqlText.of("""
                SELECT u.usage_date, u.provider, u.model, COALESCE(u.region, 'global') AS region, COUNT(*) AS usage_rows,
                       SUM(COALESCE(u.input_tokens, 0) + COALESCE(u.cached_input_tokens, 0)
                           + COALESCE(u.cache_write_5m_tokens, 0) + COALESCE(u.cache_write_1h_tokens, 0)
                           + COALESCE(u.output_tokens, 0) + COALESCE(u.reasoning_tokens, 0)) AS tokens,
                       SUM(u.usage_quantity) AS quantity
                FROM ${org}.genai_payg_usage_raw u
                WHERE %s
                  AND NOT EXISTS (
                    SELECT 1 FROM ${org}.genai_payg_costs_daily c
                    WHERE c.x_org_slug = u.x_org_slug AND c.cost_date = u.usage_date AND c.provider = u.provider
                      AND c.model = u.model AND c.region = COALESCE(u.region, 'global')
                      AND c.project_id IS NOT DISTINCT FROM u.project_id
                      AND c.context_tier IS NOT DISTINCT FROM u.context_tier
                      AND c.x_credential_id = u.x_credential_id)
                GROUP BY u.usage_date, u.provider, u.model, COALESCE(u.region, 'global')
                ORDER BY u.usage_date, u.provider, u.model""".formatted(scope("u.", "usage_date")))
                .with("org", context.orgDataset()), params);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Row row : unpriced) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("severity", DataQualityStep.WARNING);
            problem.put("problem", "no price in force; usage kept, no cost computed");
            problem.put("usage_date", String.valueOf(row.date("usage_date")));
            problem.put("provider", row.string("provider"));
            problem.put("model", row.string("model"));
            problem.put("region", row.string("region"));
            problem.put("tokens", row.decimal("tokens") == null ? null : row.decimal("tokens").toPlainString());
            problem.put("usage_quantity", row.decimal("quantity") == null ? null : row.decimal("quantity").toPlainString());
            problem.put("usage_rows", row.longValue("usage_rows"));
            problems.add(problem);
        }
        List<Row> flagged = warehouse.query(SqlText.of("""
                SELECT cost_date, provider, model, price_flag, SUM(total_tokens) AS tokens
                FROM ${org}.genai_payg_costs_daily
                WHERE %s AND price_flag IS NOT NULL
                GROUP BY cost_date, provider, model, price_flag
                ORDER BY cost_date, provider, model""".formatted(scope("", "cost_date")))
                .with("org", context.orgDataset()), params);
        for (Row row : flagged) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("severity", DataQualityStep.WARNING);
            problem.put("problem", row.string("price_flag") + "; priced at the standard tier");
            problem.put("usage_date", String.valueOf(row.date("cost_date")));
            problem.put("provider", row.string("provider"));
            problem.put("model", row.string("model"));
            problem.put("tokens", row.decimal("tokens") == null ? null : row.decimal("tokens").toPlainString());
            problems.add(problem);
        }
        return problems;
    }

    /**
     * Per day and provider: computed (PAYG + commitment) against reported cost. Every day the provider reported is
     * a problem carrying the difference: INFO within {@code tolerance_pct} of the reported amount, FAIL beyond.
     */
    static List<Map<String, Object>> costReconciles(Warehouse warehouse, StepContext context,
                                                    Map<String, Object> expectation, LocalDate yesterday) {
        BigDecimal tolerance = new BigDecimal(String.valueOf(expectation.getOrDefault("tolerance_pct",
                DEFAULT_TOLERANCE_PCT)));
        Map<String, Object> params = params(context, expectation, yesterday);
        List<Row> days = warehouse.query(SqlText.of("""
                WITH computed AS (
                  SELECT cost_date AS day, provider AS provider_id, SUM(total_cost_usd) AS cost
                  FROM ${org}.genai_payg_costs_daily WHERE %1$s GROUP BY cost_date, provider
                  UNION ALL
                  SELECT cost_date AS day, provider AS provider_id, SUM(total_cost_usd) AS cost
                  FROM ${org}.genai_commitment_costs_daily WHERE %1$s GROUP BY cost_date, provider),
                reported AS (
                  SELECT cost_date AS day, provider AS provider_id, SUM(amount) AS cost, COUNT(*) AS lines
                  FROM ${org}.genai_provider_costs_raw WHERE %1$s AND currency = 'USD'
                  GROUP BY cost_date, provider)
                SELECT r.day, r.provider_id, r.cost AS reported, r.lines,
                       (SELECT SUM(c.cost) FROM computed c WHERE c.day = r.day AND c.provider_id = r.provider_id) AS computed
                FROM reported r
                ORDER BY r.day, r.provider_id""".formatted(scope("", "cost_date")))
                .with("org", context.orgDataset()), params);
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Row day : days) {
            BigDecimal reported = day.decimal("reported");
            BigDecimal computed = day.decimal("computed") == null ? BigDecimal.ZERO : day.decimal("computed");
            BigDecimal difference = computed.subtract(reported);
            BigDecimal percent = reported.signum() == 0
                    ? (difference.signum() == 0 ? BigDecimal.ZERO : null)
                    : difference.abs().multiply(BigDecimal.valueOf(100)).divide(reported.abs(), MathContext.DECIMAL64);
            boolean beyond = percent == null || percent.compareTo(tolerance) > 0;
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("severity", beyond ? DataQualityStep.FAIL : DataQualityStep.INFO);
            problem.put("cost_date", String.valueOf(day.date("day")));
            problem.put("provider", day.string("provider_id"));
            problem.put("computed_cost", computed.toPlainString());
            problem.put("reported_cost", reported.toPlainString());
            problem.put("difference", difference.toPlainString());
            problem.put("difference_pct", percent == null ? null : percent.stripTrailingZeros().toPlainString());
            problem.put("tolerance_pct", tolerance.toPlainString());
            problems.add(problem);
        }
        return problems;
    }

    /** The rows of the run: org, days, provider (or all) and credential (when the run has one). */
    private static String scope(String alias, String dateColumn) {
        return alias + "x_org_slug = @org AND " + alias + dateColumn + " BETWEEN @start AND @end"
                + " AND (CAST(@provider AS STRING) IS NULL OR " + alias + "provider = @provider)"
                + " AND (CAST(@credential AS STRING) IS NULL OR " + alias + "x_credential_id = @credential)";
    }

    /** The run's days default to yesterday (UTC), as the GenAI procedures' do. */
    private static Map<String, Object> params(StepContext context, Map<String, Object> expectation, LocalDate yesterday) {
        LocalDate start = context.dateVariable("start_date").orElse(yesterday);
        LocalDate end = context.dateVariable("end_date").orElse(start);
        Object provider = expectation.getOrDefault("provider", context.config().get("provider"));
        if (provider == null) {
            Matcher payg = PROVIDER_PIPELINE.matcher(context.pipelineId());
            provider = payg.matches() && !payg.group(1).equals("cost_only") ? payg.group(1) : null;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("org", context.org().value());
        params.put("start", start);
        params.put("end", end);
        params.put("provider", provider == null ? null : String.valueOf(provider));
        params.put("credential", context.variable("credential_id").map(String::valueOf).orElse(null));
        return params;
    }
}
