package com.cloudact.api.costs;

import java.math.BigDecimal;

/** Exact amounts without the warehouse's trailing zeros (1.682308697400000000 → 1.6823086974). */
final class Money {

    private Money() {
    }

    static BigDecimal normalize(BigDecimal amount) {
        if (amount == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
