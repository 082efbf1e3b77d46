package com.cloudact.pipeline.procedures;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.engine.RunDates;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code generic.procedure_executor}: calls a SQL procedure. Config: {@code procedure} and {@code parameters}, a
 * list of {@code {name, type (STRING|DATE|INT64|NUMERIC|BOOL|TIMESTAMP), value, optional, default}} in the
 * procedure's order. A value still holding an unresolved {@code ${var}} takes the {@code default} (a date keyword
 * such as {@code TODAY} or {@code MONTH_START} becomes its date), a DATE parameter about the start or end of a
 * range falls back to the run's {@code date}, an {@code optional} one becomes NULL; any other is a missing
 * required parameter and fails the step.
 */
@Component
class ProcedureStep implements StepProcessor {

    private final ProcedureLibrary procedures;
    private final Clock clock;

    ProcedureStep(ProcedureLibrary procedures, Clock clock) {
        this.procedures = procedures;
        this.clock = clock;
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
        RunDates dates = new RunDates(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        Map<String, Object> params = new LinkedHashMap<>();
        Object declared = context.config().getOrDefault("parameters", List.of());
        for (Object item : (List<?>) declared) {
            Map<String, Object> parameter = (Map<String, Object>) item;
            String name = String.valueOf(parameter.get("name"));
            String type = String.valueOf(parameter.getOrDefault("type", "STRING"));
            Object value = parameter.get("value");
            if (unresolved(value)) {
                value = fallback(context, parameter, name, type, dates).orElse(null);
            }
            if (value == null && !Boolean.TRUE.equals(parameter.get("optional"))) {
                throw new CloudActException(ErrorCode.BAD_REQUEST,
                        "Missing required parameter " + name + " of " + procedure);
            }
            params.put(name, convert(name, type, value));
        }
        procedures.call(procedure, context.orgDataset(), params);
        return new StepResult(0, Map.of("procedure", procedure));
    }

    private static Optional<Object> fallback(StepContext context, Map<String, Object> parameter, String name,
                                             String type, RunDates dates) {
        Object written = parameter.get("default");
        if (written != null) {
            return Optional.of(dates.defaultValue(written));
        }
        if (type.equals("DATE") && (name.contains("start") || name.contains("end") || name.contains("date"))) {
            return context.variable("date");
        }
        return Optional.empty();
    }

    private static boolean unresolved(Object value) {
        return value == null || (value instanceof String s && s.contains("${"));
    }

    private static Object convert(String name, String type, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case "DATE" -> value instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(value));
                case "INT64" -> value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
                case "NUMERIC" -> new BigDecimal(String.valueOf(value));
                case "BOOL" -> value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
                case "TIMESTAMP" -> value instanceof Instant t ? t : Instant.parse(String.valueOf(value));
                case "STRING" -> String.valueOf(value);
                default -> throw new CloudActException(ErrorCode.BAD_REQUEST, "Unknown parameter type " + type);
            };
        } catch (RuntimeException e) {
            if (e instanceof CloudActException ce) {
                throw ce;
            }
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Parameter " + name + " is not a " + type + ": " + value);
        }
    }
}
