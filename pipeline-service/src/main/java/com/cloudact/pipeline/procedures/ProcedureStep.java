package com.cloudact.pipeline.procedures;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code generic.procedure_executor}: calls a SQL procedure. Config: {@code procedure} and {@code parameters},
 * a list of {@code {name, type (STRING|DATE|INT64|TIMESTAMP), value, optional}} in the procedure's order.
 */
@Component
class ProcedureStep implements StepProcessor {

    private final ProcedureLibrary procedures;

    ProcedureStep(ProcedureLibrary procedures) {
        this.procedures = procedures;
    }

    @Override
    public String type() {
        return "generic.procedure_executor";
    }

    @Override
    @SuppressWarnings("unchecked")
    public StepResult run(StepContext context) {
        String procedure = context.configString("procedure", null);
        if (procedure == null) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Step " + context.stepId() + " names no procedure");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Object declared = context.config().getOrDefault("parameters", List.of());
        for (Object item : (List<?>) declared) {
            Map<String, Object> parameter = (Map<String, Object>) item;
            String name = String.valueOf(parameter.get("name"));
            Object value = parameter.get("value");
            boolean optional = Boolean.TRUE.equals(parameter.get("optional"));
            if (value == null || (value instanceof String s && s.startsWith("${"))) {
                if (!optional) {
                    throw new CloudActException(ErrorCode.BAD_REQUEST,
                            "Missing required parameter " + name + " of " + procedure);
                }
                value = null;
            }
            params.put(name, convert(String.valueOf(parameter.getOrDefault("type", "STRING")), value));
        }
        procedures.call(procedure, context.orgDataset(), params);
        return new StepResult(0, Map.of());
    }

    private static Object convert(String type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "DATE" -> value instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(value));
            case "INT64" -> value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
            case "TIMESTAMP" -> value instanceof Instant t ? t : Instant.parse(String.valueOf(value));
            case "STRING" -> String.valueOf(value);
            default -> throw new CloudActException(ErrorCode.BAD_REQUEST, "Unknown parameter type " + type);
        };
    }
}
