package com.cloudact.pipeline.quality;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code generic.dq_check}: checks expectations about what the run wrote, records one {@code org_meta_dq_results}
 * row, and fails the step (and so the run) when an expectation does not hold. The run's slices are those of this
 * pipeline and org with {@code x_pipeline_run_date} in the run's {@code start_date}..{@code end_date} (only
 * {@code credential_id} when the run has one), or else the rows this run wrote ({@code x_run_id}); config
 * {@code pipeline_id} checks another pipeline's slices instead (a re-check pipeline). Expectations:
 * <ul>
 * <li>{@code focus_reconciles_with_raw} ({@code raw_table}, {@code raw_cost_column} or a list {@code raw_cost_columns}
 * to add up, optional
 * {@code focus_cost_column} = BilledCost, {@code x_source_system} = the raw table, {@code tolerance} = 0): for
 * every slice, the FOCUS rows from that source sum to exactly the raw rows' cost, and no slice exists on one side
 * only;</li>
 * <li>{@code not_null} ({@code columns}): no row of the run's slices in the target table has a NULL there.</li>
 * <li>{@code genai_usage_priced} (optional {@code provider}, else the step's): GenAI usage of the run's days
 * ({@code start_date}..{@code end_date}) that got no cost row because no price was in force, and priority-tier
 * usage priced at standard because its priority price is missing. A WARNING naming the models, days and token
 * counts: the usage rows stay, the run goes on.</li>
 * <li>{@code genai_cost_reconciles} (optional {@code provider}, {@code tolerance_pct} = 2): per day and provider,
 * the cost CloudAct computed (PAYG plus commitment) against what the provider reported in
 * {@code genai_provider_costs_raw} (USD). Every difference is recorded (severity INFO within the tolerance); a day
 * whose difference exceeds the tolerance, in percent of the reported amount, fails.</li>
 * </ul>
 * A problem may carry a {@code severity}: none or FAIL fails the step; WARNING and INFO are recorded in
 * {@code failed_expectations} (overall status WARNING, or PASS when there is only INFO) without failing it.
 * Table and column names are checked against the catalog before they reach SQL.
 */
@Component
class DataQualityStep implements StepProcessor {

    static final String FOCUS_TABLE = "cost_data_standard_1_3";
    static final String FAIL = "FAIL";
    static final String WARNING = "WARNING";
    static final String INFO = "INFO";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SqlText RESULT = SqlText.of("""
            INSERT INTO ${central}.org_meta_dq_results (dq_result_id, pipeline_logging_id, org_slug, target_table,
                dq_config_id, executed_at, expectations_passed, expectations_failed, failed_expectations,
                overall_status, ingestion_date, created_at)
            VALUES (@id, @run, @org, @table, @config, @now, @passed, @failed, PARSE_JSON(@failures), @status, @today,
                @now)""").with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final Clock clock;

    DataQualityStep(Warehouse warehouse, TableCatalog catalog, Clock clock) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "generic.dq_check";
    }

    @Override
    @SuppressWarnings("unchecked")
    public StepResult run(StepContext context) {
        String configId = context.configString("dq_config_id", context.pipelineId().replace('/', '_') + "_dq");
        TableSpec target = orgTable(context.configString("target_table", FOCUS_TABLE));
        Scope scope = Scope.of(context);
        List<Map<String, Object>> failures = new ArrayList<>();
        int passed = 0;
        List<?> expectations = (List<?>) context.config().getOrDefault("expectations", List.of());
        if (expectations.isEmpty()) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Step " + context.stepId() + " lists no expectations");
        }
        for (Object item : expectations) {
            Map<String, Object> expectation = (Map<String, Object>) item;
            String type = String.valueOf(expectation.get("type"));
            List<Map<String, Object>> problems = switch (type) {
                case "focus_reconciles_with_raw" -> reconcile(context, target, scope, expectation);
                case "not_null" -> notNull(context, target, scope, expectation);
                case "genai_usage_priced" -> GenAiExpectations.usagePriced(warehouse, context, expectation, yesterday());
                case "genai_cost_reconciles" -> GenAiExpectations.costReconciles(warehouse, context, expectation,
                        yesterday());
                default -> throw new CloudActException(ErrorCode.BAD_REQUEST, "Unknown expectation type " + type);
            };
            String severity = severity(problems);
            if (problems.isEmpty() || severity.equals(INFO)) {
                passed++;
            }
            if (!problems.isEmpty()) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("expectation", type);
                failure.put("severity", severity);
                failure.put("problems", problems.size() > 20 ? problems.subList(0, 20) : problems);
                failure.put("problem_count", problems.size());
                failures.add(failure);
            }
        }
        List<Map<String, Object>> failed = failures.stream().filter(f -> FAIL.equals(f.get("severity"))).toList();
        boolean warned = failures.stream().anyMatch(f -> WARNING.equals(f.get("severity")));
        String status = !failed.isEmpty() ? FAIL : warned ? WARNING : "PASS";
        Instant now = clock.instant();
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("run", context.runId());
        params.put("org", context.org().value());
        params.put("table", target.name());
        params.put("config", configId);
        params.put("now", now);
        params.put("passed", (long) passed);
        params.put("failed", (long) failed.size());
        params.put("failures", JSON.writeValueAsString(failures));
        params.put("status", status);
        params.put("today", LocalDate.ofInstant(now, ZoneOffset.UTC));
        warehouse.execute(RESULT, params);
        if (!failed.isEmpty()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "Data quality check " + configId + " failed: "
                    + JSON.writeValueAsString(failed.getFirst()));
        }
        return new StepResult(0, Map.of("dq_status", status, "dq_expectations_passed", (long) passed));
    }

    private LocalDate yesterday() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /** The most severe level among an expectation's problems; a problem without a severity is a FAIL. */
    private static String severity(List<Map<String, Object>> problems) {
        List<Object> levels = problems.stream().map(p -> p.getOrDefault("severity", FAIL)).toList();
        return levels.contains(FAIL) ? FAIL : levels.contains(WARNING) ? WARNING : INFO;
    }

    /** {@code raw_cost_column}, or {@code raw_cost_columns} whose sum is the cost (GCP: cost plus credits). */
    private static List<String> rawCostColumns(Map<String, Object> expectation) {
        Object many = expectation.get("raw_cost_columns");
        if (many instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(required(expectation, "raw_cost_column"));
    }

    /** Per slice: the FOCUS cost of the source equals the raw cost. */
    private List<Map<String, Object>> reconcile(StepContext context, TableSpec target, Scope scope,
                                                Map<String, Object> expectation) {
        TableSpec raw = orgTable(required(expectation, "raw_table"));
        String rawCost = rawCostColumns(expectation).stream().map(c -> "COALESCE(" + column(raw, c) + ", 0)")
                .collect(Collectors.joining(" + "));
        String focusCost = column(target, String.valueOf(expectation.getOrDefault("focus_cost_column", "BilledCost")));
        String source = String.valueOf(expectation.getOrDefault("x_source_system", raw.name()));
        BigDecimal tolerance = new BigDecimal(String.valueOf(expectation.getOrDefault("tolerance", "0")));
        column(target, "x_source_system");
        String sql = """
                WITH raw AS (
                  SELECT x_credential_id AS credential_id, x_pipeline_run_date AS run_date, SUM(%1$s) AS cost,
                         COUNT(*) AS row_count
                  FROM ${org}.%2$s WHERE %5$s GROUP BY x_credential_id, x_pipeline_run_date),
                focus AS (
                  SELECT x_credential_id AS credential_id, x_pipeline_run_date AS run_date, SUM(%3$s) AS cost,
                         COUNT(*) AS row_count
                  FROM ${org}.%4$s WHERE x_source_system = @source AND %5$s GROUP BY x_credential_id, x_pipeline_run_date)
                SELECT COALESCE(r.credential_id, f.credential_id) AS credential_id,
                       COALESCE(r.run_date, f.run_date) AS run_date, r.cost AS raw_cost, f.cost AS focus_cost,
                       r.row_count AS raw_rows, f.row_count AS focus_rows
                FROM raw r FULL OUTER JOIN focus f ON r.credential_id = f.credential_id AND r.run_date = f.run_date
                ORDER BY run_date, credential_id""".formatted(rawCost, raw.name(), focusCost, target.name(),
                scope.condition());
        Map<String, Object> params = scope.params(context);
        params.put("source", source);
        List<Row> slices = warehouse.query(SqlText.of(sql).with("org", context.orgDataset()), params);
        List<Map<String, Object>> problems = new ArrayList<>();
        if (slices.isEmpty()) {
            problems.add(Map.of("problem", "The run has no rows in " + raw.name() + " to reconcile"));
        }
        for (Row slice : slices) {
            BigDecimal rawTotal = slice.decimal("raw_cost");
            BigDecimal focusTotal = slice.decimal("focus_cost");
            boolean holds = slice.longValue("raw_rows") != null && slice.longValue("focus_rows") != null
                    && zeroIfNull(rawTotal).subtract(zeroIfNull(focusTotal)).abs().compareTo(tolerance) <= 0;
            if (!holds) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("x_credential_id", slice.string("credential_id"));
                problem.put("x_pipeline_run_date", String.valueOf(slice.date("run_date")));
                problem.put("raw_cost", rawTotal == null ? null : rawTotal.toPlainString());
                problem.put("focus_cost", focusTotal == null ? null : focusTotal.toPlainString());
                problem.put("raw_rows", slice.longValue("raw_rows"));
                problem.put("focus_rows", slice.longValue("focus_rows"));
                problems.add(problem);
            }
        }
        return problems;
    }

    /** No NULL in the named columns of the target's rows in the run's slices. */
    private List<Map<String, Object>> notNull(StepContext context, TableSpec target, Scope scope,
                                              Map<String, Object> expectation) {
        Object listed = expectation.get("columns");
        if (!(listed instanceof List<?> names) || names.isEmpty()) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "not_null needs a list of columns");
        }
        List<String> columns = names.stream().map(n -> column(target, String.valueOf(n))).toList();
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            counts.add("SUM(CASE WHEN " + columns.get(i) + " IS NULL THEN 1 ELSE 0 END) AS n" + i);
        }
        Row row = warehouse.query(SqlText.of("SELECT " + String.join(", ", counts) + " FROM ${org}." + target.name()
                + " WHERE " + scope.condition()).with("org", context.orgDataset()), scope.params(context)).getFirst();
        List<Map<String, Object>> problems = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Long nulls = row.longValue("n" + i);
            if (nulls != null && nulls > 0) {
                problems.add(Map.of("column", columns.get(i), "null_rows", nulls));
            }
        }
        return problems;
    }

    private TableSpec orgTable(String name) {
        TableSpec table = catalog.find(name).orElseThrow(() ->
                new CloudActException(ErrorCode.BAD_REQUEST, "No table " + name + " in the catalog"));
        if (table.kind() != DatasetKind.ORG) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, name + " is not an org table");
        }
        return table;
    }

    private static String column(TableSpec table, String name) {
        return table.columnNames().stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElseThrow(() ->
                new CloudActException(ErrorCode.BAD_REQUEST, table.name() + " has no column " + name));
    }

    private static String required(Map<String, Object> expectation, String key) {
        Object value = expectation.get(key);
        if (value == null) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Expectation " + expectation.get("type") + " needs " + key);
        }
        return String.valueOf(value);
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** Which slices the run covers. */
    private record Scope(Optional<LocalDate> start, Optional<LocalDate> end) {

        static Scope of(StepContext context) {
            Optional<LocalDate> start = context.dateVariable("start_date");
            return new Scope(start, context.dateVariable("end_date").or(() -> start));
        }

        String condition() {
            String common = "x_org_slug = @org AND x_pipeline_id = @pipeline"
                    + " AND (CAST(@credential AS STRING) IS NULL OR x_credential_id = @credential)";
            return start.isPresent() ? common + " AND x_pipeline_run_date BETWEEN @start AND @end"
                    : common + " AND x_run_id = @run";
        }

        Map<String, Object> params(StepContext context) {
            Map<String, Object> params = new HashMap<>();
            params.put("org", context.org().value());
            params.put("pipeline", context.configString("pipeline_id", context.pipelineId()));
            params.put("credential", context.variable("credential_id").map(String::valueOf).orElse(null));
            start.ifPresent(s -> params.put("start", s));
            end.ifPresent(e -> params.put("end", e));
            params.put("run", context.runId());
            return params;
        }
    }
}
