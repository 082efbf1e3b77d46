package com.cloudact.localstack.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/** The demo's usage rhythm: quieter weekends, about 20 % growth over a quarter, a little noise. */
final class Demand {

    private Demand() {
    }

    static double of(LocalDate day, LocalDate first, Random random) {
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        double growth = 1 + 0.2 * ChronoUnit.DAYS.between(first, day) / 90.0;
        return (weekend ? 0.45 : 1.0) * growth * (0.9 + 0.2 * random.nextDouble());
    }
}
