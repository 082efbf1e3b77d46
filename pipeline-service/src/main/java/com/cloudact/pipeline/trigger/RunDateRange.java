package com.cloudact.pipeline.trigger;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The days a run covers, from the trigger's {@code date}, {@code start_date} and {@code end_date}: the start is
 * {@code start_date} or {@code date}, the end is {@code end_date}, else {@code date}, else the start. A range is
 * a backfill: every step sees {@code start_date} and {@code end_date}, and the billing pipelines read and convert
 * every day of it (see {@code pipelines/cloud/aws/cost/billing.yml}). At most {@value #MAX_DAYS} days.
 */
record RunDateRange(LocalDate start, LocalDate end) {

    static final int MAX_DAYS = 366;

    static Optional<RunDateRange> of(TriggerRequest request) {
        LocalDate date = parse("date", request.date());
        LocalDate start = Optional.ofNullable(parse("start_date", request.startDate())).orElse(date);
        LocalDate end = Optional.ofNullable(parse("end_date", request.endDate())).or(() -> Optional.ofNullable(date))
                .orElse(start);
        if (start == null) {
            if (end != null) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED, "end_date needs a start_date");
            }
            return Optional.empty();
        }
        if (end.isBefore(start)) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "end_date " + end + " is before start_date " + start);
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                    "A run covers at most " + MAX_DAYS + " days; split the backfill into several runs");
        }
        return Optional.of(new RunDateRange(start, end));
    }

    long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    private static LocalDate parse(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, name + " " + value + " is not a calendar date");
        }
    }
}
