package com.cloudact.pipeline.runlog;

import java.time.LocalDate;

/** Which runs of an org a listing shows; every field is optional. Dates bound the run's start (UTC days). */
public record RunFilter(String status, String pipelineId, LocalDate startDate, LocalDate endDate) {

    public static final RunFilter ALL = new RunFilter(null, null, null, null);
}
