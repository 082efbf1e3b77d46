package com.cloudact.api.pipelinelogs;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** A run with its steps as a downloadable file: JSON as served, or CSV with one row per step. */
record RunExport(String contentType, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> RUN_COLUMNS = List.of("pipeline_logging_id", "pipeline_id", "status",
            "start_time", "end_time", "duration_ms", "error_message");
    private static final List<String> STEP_COLUMNS = List.of("step_index", "step_name", "step_type", "status",
            "start_time", "end_time", "duration_ms", "rows_processed", "error_message");

    static RunExport json(Map<String, Object> run) {
        return new RunExport("application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
    }

    @SuppressWarnings("unchecked")
    static RunExport csv(Map<String, Object> run) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", RUN_COLUMNS)).append(",").append(STEP_COLUMNS.stream().map(c -> "step_" + c)
                .collect(Collectors.joining(","))).append("\n");
        String runPart = RUN_COLUMNS.stream().map(c -> cell(run.get(c))).collect(Collectors.joining(","));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) run.getOrDefault("steps", List.of());
        if (steps.isEmpty()) {
            out.append(runPart).append(",".repeat(STEP_COLUMNS.size())).append("\n");
        }
        for (Map<String, Object> step : steps) {
            out.append(runPart).append(",").append(STEP_COLUMNS.stream().map(c -> cell(step.get(c)))
                    .collect(Collectors.joining(","))).append("\n");
        }
        return new RunExport("text/csv", out.toString());
    }

    /**
     * One CSV field; a leading = + - @ is neutralised so spreadsheets do not run it as a formula, and a field holding
     * a comma, quote or line break (CR or LF) is quoted.
     */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
