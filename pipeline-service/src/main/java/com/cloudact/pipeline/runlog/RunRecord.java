package com.cloudact.pipeline.runlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A run as the run log holds it; JSON columns are passed through as JSON; steps only in a run's detail. */
public record RunRecord(String pipelineLoggingId, String orgSlug, String pipelineId, String status,
                        String triggerType, String triggerBy, Instant startTime, Instant endTime, Long durationMs,
                        LocalDate runDate, LocalDate reservationDate, @JsonRawValue String parameters,
                        @JsonRawValue String runMetadata, String errorMessage,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<StepRecord> steps) {

    /** One step of a run. */
    public record StepRecord(String stepLoggingId, String stepName, String stepType, long stepIndex, String status,
                             Instant startTime, Instant endTime, Long durationMs, Long rowsProcessed,
                             String errorMessage) {
    }
}
