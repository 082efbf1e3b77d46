package com.cloudact.api.pipelinelogs;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the run log tables of the central dataset, always for one org; JSON columns come back as JSON. */
@Service
class PipelineLogQueries {

    static final Set<String> RUN_STATUSES = Set.of("PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED",
            "CANCELLING", "TIMEOUT");
    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final String RUN_FILTER = """
            WHERE org_slug = @org
              AND (CAST(@status AS STRING) IS NULL OR status = @status)
              AND (CAST(@pipeline AS STRING) IS NULL OR pipeline_id = @pipeline)
              AND (CAST(@trigger_type AS STRING) IS NULL OR trigger_type = @trigger_type)
              AND (CAST(@trigger_by AS STRING) IS NULL OR trigger_by = @trigger_by)
              AND start_time >= @from AND start_time < @to""";
    private static final SqlText RUNS = SqlText.of("SELECT * FROM ${central}.org_meta_pipeline_runs " + RUN_FILTER
            + " ORDER BY start_time DESC, pipeline_logging_id LIMIT @limit OFFSET @offset").with("central", CENTRAL);
    private static final SqlText RUN_COUNT = SqlText.of("SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_runs "
            + RUN_FILTER).with("central", CENTRAL);
    private static final SqlText RUN = SqlText.of("""
            SELECT * FROM ${central}.org_meta_pipeline_runs WHERE org_slug = @org AND pipeline_logging_id = @id""")
            .with("central", CENTRAL);
    private static final SqlText STEPS = SqlText.of("""
            SELECT * FROM ${central}.org_meta_step_logs
            WHERE org_slug = @org AND pipeline_logging_id = @id AND (CAST(@status AS STRING) IS NULL OR status = @status)
            ORDER BY step_index, start_time LIMIT @limit OFFSET @offset""").with("central", CENTRAL);
    private static final SqlText STEP_COUNT = SqlText.of("""
            SELECT COUNT(*) AS n FROM ${central}.org_meta_step_logs
            WHERE org_slug = @org AND pipeline_logging_id = @id AND (CAST(@status AS STRING) IS NULL OR status = @status)""")
            .with("central", CENTRAL);
    private static final SqlText TRANSITIONS = SqlText.of("""
            SELECT * FROM ${central}.org_meta_state_transitions
            WHERE org_slug = @org AND pipeline_logging_id = @id
              AND (CAST(@entity AS STRING) IS NULL OR entity_type = @entity)
            ORDER BY transition_time LIMIT @limit OFFSET @offset""").with("central", CENTRAL);
    private static final SqlText TRANSITION_COUNT = SqlText.of("""
            SELECT COUNT(*) AS n FROM ${central}.org_meta_state_transitions
            WHERE org_slug = @org AND pipeline_logging_id = @id
              AND (CAST(@entity AS STRING) IS NULL OR entity_type = @entity)""").with("central", CENTRAL);
    private static final SqlText BATCHES = SqlText.of("""
            SELECT * FROM ${central}.org_meta_pipeline_batch_runs WHERE org_slug = @org
            ORDER BY triggered_at DESC LIMIT @limit OFFSET @offset""").with("central", CENTRAL);
    private static final SqlText BATCH_COUNT = SqlText.of("""
            SELECT COUNT(*) AS n FROM ${central}.org_meta_pipeline_batch_runs WHERE org_slug = @org""")
            .with("central", CENTRAL);

    /** Filters of the run list. */
    record RunFilter(String status, String pipelineId, String triggerType, String triggerBy, String startDate,
                     String endDate) {
    }

    private final Warehouse warehouse;
    private final JsonMapper json = JsonMapper.builder().build();

    PipelineLogQueries(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    Map<String, Object> runs(OrgSlug org, RunFilter filter, int limit, int offset) {
        page(limit, offset, 100);
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("status", status(filter.status()));
        params.put("pipeline", filter.pipelineId());
        params.put("trigger_type", filter.triggerType());
        params.put("trigger_by", filter.triggerBy());
        params.put("from", day("start_date", filter.startDate(), LocalDate.of(2000, 1, 1))
                .atStartOfDay().toInstant(ZoneOffset.UTC));
        params.put("to", day("end_date", filter.endDate(), LocalDate.of(2999, 1, 1)).plusDays(1)
                .atStartOfDay().toInstant(ZoneOffset.UTC));
        params.put("limit", (long) limit);
        params.put("offset", (long) offset);
        List<Map<String, Object>> runs = warehouse.query(RUNS, params).stream().map(this::run).toList();
        return page("runs", runs, warehouse.query(RUN_COUNT, params).getFirst().longValue("n"), limit, offset);
    }

    Map<String, Object> run(OrgSlug org, String runId) {
        Row row = runRow(org, runId);
        Map<String, Object> run = run(row);
        run.put("steps", steps(org, runId, null, 1000, 0).get("steps"));
        return run;
    }

    Row runRow(OrgSlug org, String runId) {
        return warehouse.query(RUN, Map.of("org", org.value(), "id", runId)).stream().findFirst().orElseThrow(() ->
                new CloudActException(ErrorCode.NOT_FOUND, "No run " + runId + " for " + org));
    }

    Map<String, Object> steps(OrgSlug org, String runId, String status, int limit, int offset) {
        page(limit, offset, 1000);
        runRow(org, runId);
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("id", runId);
        params.put("status", status == null ? null : status.toUpperCase(Locale.ROOT));
        params.put("limit", (long) limit);
        params.put("offset", (long) offset);
        List<Map<String, Object>> steps = warehouse.query(STEPS, params).stream().map(this::step).toList();
        return page("steps", steps, warehouse.query(STEP_COUNT, params).getFirst().longValue("n"), limit, offset);
    }

    Map<String, Object> transitions(OrgSlug org, String runId, String entityType, int limit, int offset) {
        page(limit, offset, 1000);
        runRow(org, runId);
        String entity = entityType == null ? null : entityType.toUpperCase(Locale.ROOT);
        if (entity != null && !Set.of("PIPELINE", "STEP").contains(entity)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "entity_type must be PIPELINE or STEP");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("id", runId);
        params.put("entity", entity);
        params.put("limit", (long) limit);
        params.put("offset", (long) offset);
        List<Map<String, Object>> rows = warehouse.query(TRANSITIONS, params).stream().map(this::plain).toList();
        return page("transitions", rows, warehouse.query(TRANSITION_COUNT, params).getFirst().longValue("n"), limit,
                offset);
    }

    Map<String, Object> batches(OrgSlug org, int limit, int offset) {
        page(limit, offset, 100);
        Map<String, Object> params = Map.of("org", org.value(), "limit", (long) limit, "offset", (long) offset);
        List<Map<String, Object>> rows = warehouse.query(BATCHES, params).stream().map(this::plain).toList();
        return page("batch_runs", rows, warehouse.query(BATCH_COUNT, params).getFirst().longValue("n"), limit, offset);
    }

    private Map<String, Object> run(Row row) {
        Map<String, Object> run = new LinkedHashMap<>();
        for (String column : List.of("pipeline_logging_id", "pipeline_id", "status", "trigger_type", "trigger_by",
                "start_time", "end_time", "duration_ms", "run_date", "error_message")) {
            run.put(column, row.get(column));
        }
        run.put("error_context", parse(row.string("error_context")));
        run.put("parameters", parse(row.string("parameters")));
        run.put("run_metadata", parse(row.string("run_metadata")));
        return run;
    }

    private Map<String, Object> step(Row row) {
        Map<String, Object> step = new LinkedHashMap<>();
        for (String column : List.of("step_logging_id", "step_name", "step_type", "step_index", "status", "start_time",
                "end_time", "duration_ms", "rows_processed", "error_message")) {
            step.put(column, row.get(column));
        }
        step.put("error_context", parse(row.string("error_context")));
        step.put("metadata", parse(row.string("metadata")));
        return step;
    }

    /** Every column; JSON text parsed so it nests, malformed JSON kept as text. */
    private Map<String, Object> plain(Row row) {
        Map<String, Object> copy = new LinkedHashMap<>(row.values());
        copy.replaceAll((column, value) -> value instanceof String text && (text.startsWith("{") || text.startsWith("["))
                ? parse(text) : value);
        return copy;
    }

    private Object parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return json.convertValue(node, Object.class);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static Map<String, Object> page(String name, List<?> items, long total, int limit, int offset) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(name, items);
        page.put("total", total);
        page.put("limit", limit);
        page.put("offset", offset);
        return page;
    }

    private static void page(int limit, int offset, int max) {
        if (limit < 1 || limit > max || offset < 0) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                    "limit must be 1-" + max + " and offset at least 0");
        }
    }

    private static String status(String value) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!RUN_STATUSES.contains(upper)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "status_filter must be one of " + RUN_STATUSES);
        }
        return upper;
    }

    private static LocalDate day(String name, String value, LocalDate fallback) {
        try {
            return value == null ? fallback : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, name + " must be YYYY-MM-DD");
        }
    }
}
