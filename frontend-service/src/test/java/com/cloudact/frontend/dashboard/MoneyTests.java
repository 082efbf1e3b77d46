package com.cloudact.frontend.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Amounts are shown in the org's currency with that currency's decimals, rounded half up. */
class MoneyTests {

    @Test
    void dollarsHaveTwoDecimalsRoundedHalfUp() {
        assertThat(Money.format(new BigDecimal("6074.7176853514"), "USD")).isEqualTo("$6,074.72");
        assertThat(Money.format(new BigDecimal("0.005"), "USD")).isEqualTo("$0.01");
        assertThat(Money.format(new BigDecimal("-25"), "USD")).isEqualTo("-$25.00");
    }

    @Test
    void currenciesKeepTheirOwnDecimals() {
        assertThat(Money.format(new BigDecimal("1234.5"), "JPY")).isEqualTo("¥1,235");
        assertThat(Money.format(new BigDecimal("1.23456"), "KWD")).isEqualTo("KWD1.235");
        assertThat(Money.format(new BigDecimal("10"), "EUR")).isEqualTo("€10.00");
    }

    @Test
    void aMissingAmountIsZero() {
        assertThat(Money.format(null, null)).isEqualTo("$0.00");
    }
}
