package com.cloudact.pipeline.engine;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * The date keywords a pipeline may use as a default ({@code ${start_date:MONTH_START}}, or {@code default:} of a
 * procedure parameter): TODAY, YESTERDAY, MONTH_START, MONTH_END, YEAR_START, YEAR_END, all in UTC and relative
 * to the day the run started.
 */
public record RunDates(LocalDate today) {

    public Optional<LocalDate> keyword(String text) {
        return Optional.ofNullable(switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "TODAY" -> today;
            case "YESTERDAY" -> today.minusDays(1);
            case "MONTH_START" -> today.withDayOfMonth(1);
            case "MONTH_END" -> today.with(TemporalAdjusters.lastDayOfMonth());
            case "YEAR_START" -> today.withDayOfYear(1);
            case "YEAR_END" -> today.with(TemporalAdjusters.lastDayOfYear());
            default -> null;
        });
    }

    /** A default as written: a date keyword becomes its date, anything else stays as written. */
    public Object defaultValue(Object written) {
        if (written instanceof String text) {
            return keyword(text).<Object>map(d -> d).orElse(text);
        }
        return written;
    }
}
