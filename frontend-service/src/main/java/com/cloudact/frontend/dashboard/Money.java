package com.cloudact.frontend.dashboard;

import com.cloudact.model.SupportedLocales;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Amounts as users read them: the org's currency, its number of decimals, rounded half up. */
final class Money {

    private Money() {
    }

    static String format(BigDecimal amount, String currencyCode) {
        String code = currencyCode == null ? "USD" : currencyCode;
        int decimals = SupportedLocales.currency(code).map(SupportedLocales.Currency::decimals).orElse(2);
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        try {
            format.setCurrency(Currency.getInstance(code));
        } catch (IllegalArgumentException unknown) {
            format = NumberFormat.getNumberInstance(Locale.US);
        }
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(amount == null ? BigDecimal.ZERO : amount);
    }
}
