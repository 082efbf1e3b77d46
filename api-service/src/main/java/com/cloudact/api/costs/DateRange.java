package com.cloudact.api.costs;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** An inclusive range of charge dates. Without explicit dates it is the current fiscal year to date. */
record DateRange(LocalDate start, LocalDate end) {

    private static final int MAX_DAYS = 3 * 366;

    DateRange {
        if (start.isAfter(end)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "start_date must not be after end_date");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "A date range may span at most three years");
        }
    }

    static DateRange resolve(String startDate, String endDate, LocalDate today, int fiscalYearStartMonth) {
        if (startDate == null && endDate == null) {
            LocalDate fiscalStart = today.withDayOfMonth(1).withMonth(fiscalYearStartMonth);
            if (fiscalStart.isAfter(today)) {
                fiscalStart = fiscalStart.minusYears(1);
            }
            return new DateRange(fiscalStart, today);
        }
        if (startDate == null || endDate == null) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "Give both start_date and end_date, or neither");
        }
        return new DateRange(parse("start_date", startDate), parse("end_date", endDate));
    }

    private static LocalDate parse(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, name + " must be a date (YYYY-MM-DD)");
        }
    }
}
