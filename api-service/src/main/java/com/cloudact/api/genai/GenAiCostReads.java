package com.cloudact.api.genai;

import com.cloudact.api.genai.GenAiViews.CostSummary;
import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Reads of the org's unified GenAI tables ({@code genai_usage_daily_unified}, {@code genai_costs_daily_unified}):
 * a date range is required, at most 365 days long and not in the future. Sums are exact decimals computed by the
 * warehouse; every query reads the org's own dataset and filters on its {@code x_org_slug}.
 */
@Service
class GenAiCostReads {

    static final int MAX_DAYS = 365;
    private static final Pattern ENTITY = Pattern.compile("^[A-Za-z0-9_-]{1,100}$");
    private static final Pattern PATH = Pattern.compile("^(/[A-Za-z0-9_-]{1,100}){1,10}$");
    private static final Pattern PROVIDER = Pattern.compile(GenAiViews.IDENTIFIER);
    private static final String FILTERS = """
             WHERE x_org_slug = @org AND %1$s BETWEEN @start AND @end
              AND (CAST(@flow AS STRING) IS NULL OR cost_type = @flow)
              AND (CAST(@provider AS STRING) IS NULL OR provider = @provider)
              AND (CAST(@entity AS STRING) IS NULL OR x_hierarchy_entity_id = @entity)
              AND (CAST(@path AS STRING) IS NULL OR x_hierarchy_path = @path
                   OR STARTS_WITH(x_hierarchy_path, CONCAT(@path, '/')))""";

    private final Warehouse warehouse;
    private final GenAiOrgs orgs;
    private final Clock clock;

    GenAiCostReads(Warehouse warehouse, GenAiOrgs orgs, Clock clock) {
        this.warehouse = warehouse;
        this.orgs = orgs;
        this.clock = clock;
    }

    /** The filters of a read, checked. */
    record Query(LocalDate start, LocalDate end, String flow, String provider, String entity, String path) {
    }

    Query query(LocalDate start, LocalDate end, String flow, String provider, String entity, String path) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (end.isAfter(today)) {
            throw invalid("end_date must not be in the future (today is " + today + ", UTC)");
        }
        if (start.isAfter(end)) {
            throw invalid("start_date must not be after end_date");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw invalid("A date range may span at most " + MAX_DAYS + " days");
        }
        if (provider != null && !PROVIDER.matcher(provider).matches()) {
            throw invalid("provider must be 1-200 letters, digits, '_', '.' or '-'");
        }
        if (entity != null && !ENTITY.matcher(entity).matches()) {
            throw invalid("hierarchy_entity_id must be 1-100 letters, digits, '_' or '-'");
        }
        if (path != null && !PATH.matcher(path).matches()) {
            throw invalid("hierarchy_path must look like /DEPT/PROJECT/TEAM");
        }
        return new Query(start, end, flow == null ? null : GenAiFlow.of(flow).id(), provider, entity, path);
    }

    List<Map<String, Object>> usage(OrgSlug org, Query query, int limit) {
        return rows(org, "genai_usage_daily_unified", "usage_date", query, limit);
    }

    List<Map<String, Object>> costs(OrgSlug org, Query query, int limit) {
        return rows(org, "genai_costs_daily_unified", "cost_date", query, limit);
    }

    CostSummary summary(OrgSlug org, Query query, boolean includeModels) {
        OrgProfile profile = orgs.active(org);
        Map<String, Object> params = params(org, query);
        Map<String, BigDecimal> byFlow = new LinkedHashMap<>();
        long count = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (Row row : grouped(profile, "cost_type", params)) {
            BigDecimal cost = GenAiOrgs.exact(row.decimal("cost"));
            byFlow.put(row.string("k"), cost);
            total = total.add(cost);
            count += row.longValue("n");
        }
        Map<String, BigDecimal> byProvider = totals(grouped(profile, "provider", params));
        Map<String, BigDecimal> byModel = includeModels
                ? totals(grouped(profile, "COALESCE(model, instance_type, 'unknown')", params)) : null;
        return new CostSummary(org.value(), query.start(), query.end(), GenAiOrgs.exact(total), byFlow, byProvider,
                byModel, count);
    }

    private List<Map<String, Object>> rows(OrgSlug org, String table, String dateColumn, Query query, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw invalid("limit must be 1-10000");
        }
        OrgProfile profile = orgs.active(org);
        Map<String, Object> params = params(org, query);
        params.put("limit", (long) limit);
        return warehouse.query(SqlText.of("SELECT * FROM ${ds}." + table + " " + FILTERS.formatted(dateColumn)
                        + " ORDER BY " + dateColumn + ", cost_type, provider, model, instance_type LIMIT @limit")
                .with("ds", profile.dataset()), params).stream().map(r -> GenAiOrgs.json(r.values())).toList();
    }

    private List<Row> grouped(OrgProfile profile, String key, Map<String, Object> params) {
        return warehouse.query(SqlText.of("SELECT " + key + " AS k, SUM(total_cost_usd) AS cost, COUNT(*) AS n"
                + " FROM ${ds}.genai_costs_daily_unified" + " " + FILTERS.formatted("cost_date") + " GROUP BY 1 ORDER BY 1")
                .with("ds", profile.dataset()), params);
    }

    private static Map<String, BigDecimal> totals(List<Row> rows) {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        rows.forEach(r -> totals.put(r.string("k"), GenAiOrgs.exact(r.decimal("cost"))));
        return totals;
    }

    private static Map<String, Object> params(OrgSlug org, Query query) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("start", query.start());
        params.put("end", query.end());
        params.put("flow", query.flow());
        params.put("provider", query.provider());
        params.put("entity", query.entity());
        params.put("path", query.path());
        return params;
    }

    private static CloudActException invalid(String message) {
        return new CloudActException(ErrorCode.INVALID_PARAMETER, message);
    }
}
