package com.cloudact.model.pipeline;

import java.util.Locale;

/** What a failed step does to its pipeline. */
public enum OnFailure {
    /** The pipeline fails (the default; YAML also spells it {@code fail}). */
    STOP,
    /** The failure is recorded and the steps that do not depend on it go on. */
    CONTINUE,
    /** Like {@link #STOP}, and the org's failure notification fires. */
    ALERT;

    static OnFailure parse(Object value) {
        if (value == null) {
            return STOP;
        }
        return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
            case "stop", "fail" -> STOP;
            case "continue" -> CONTINUE;
            case "alert" -> ALERT;
            default -> throw new PipelineDefinitionException("on_failure must be stop, continue or alert, not " + value);
        };
    }
}
