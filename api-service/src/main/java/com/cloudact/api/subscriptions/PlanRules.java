package com.cloudact.api.subscriptions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a plan must keep whatever route wrote it (spec §7.2), the state machine of its status, the non-fatal
 * warnings, and the in-API monthly / annual estimates.
 */
final class PlanRules {

    static final BigDecimal WARN_UNIT_PRICE = new BigDecimal("10000");
    static final int WARN_SEATS = 10_000;
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");
    private static final Map<String, Set<String>> TRANSITIONS = Map.of(
            "active", Set.of("cancelled", "expired"),
            "pending", Set.of("active", "cancelled"),
            "cancelled", Set.of(),
            "expired", Set.of());

    private PlanRules() {
    }

    /** What is wrong with a plan as a whole (each a 422); empty when it is valid. */
    static List<String> violations(SubscriptionPlan p, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if ((p.discountType() == null) != (p.discountValue() == null)) {
            problems.add("discount_type and discount_value must be given together");
        } else if ("percent".equals(p.discountType()) && p.discountValue().compareTo(HUNDRED) > 0) {
            problems.add("discount_value: a percent discount is at most 100");
        } else if ("fixed".equals(p.discountType()) && p.discountValue().compareTo(p.unitPrice()) > 0) {
            problems.add("discount_value: a fixed discount cannot exceed unit_price");
        }
        if (p.startDate() != null && p.startDate().isAfter(today.plusYears(5))) {
            problems.add("start_date: at most 5 years ahead");
        }
        if (p.startDate() != null && p.endDate() != null && p.endDate().isBefore(p.startDate())) {
            problems.add("end_date: before start_date");
        }
        if (p.billingAnchorDay() != null && !"monthly".equals(p.billingCycle())) {
            problems.add("billing_anchor_day: only monthly plans have an anchor day");
        }
        int given = (p.sourceCurrency() == null ? 0 : 1) + (p.sourcePrice() == null ? 0 : 1)
                + (p.exchangeRateUsed() == null ? 0 : 1);
        if (given != 0 && given != 3) {
            problems.add("source_currency, source_price and exchange_rate_used must be given together");
        } else if (given == 3) {
            BigDecimal converted = p.sourcePrice().multiply(p.exchangeRateUsed());
            BigDecimal allowed = p.unitPrice().multiply(ONE_PERCENT);
            if (converted.subtract(p.unitPrice()).abs().compareTo(allowed) > 0) {
                problems.add("unit_price: must equal source_price x exchange_rate_used within 1 % ("
                        + converted.setScale(2, RoundingMode.HALF_UP).toPlainString() + ")");
            }
        }
        return problems;
    }

    /** Whether a status may move from one value to another (the same value is no move). */
    static boolean canMove(String from, String to) {
        return from.equals(to) || TRANSITIONS.getOrDefault(from, Set.of()).contains(to);
    }

    static List<String> warnings(SubscriptionPlan p) {
        List<String> warnings = new ArrayList<>();
        if (p.unitPrice().compareTo(WARN_UNIT_PRICE) > 0) {
            warnings.add("unit_price above 10000: check the amount");
        }
        if ("PER_SEAT".equals(p.pricingModel()) && p.seats() == 0) {
            warnings.add("PER_SEAT plan with 0 seats: costs are computed for 1 seat");
        }
        if (p.seats() > WARN_SEATS) {
            warnings.add("very high seat count (" + p.seats() + ")");
        }
        return warnings;
    }

    /** Monthly and annual estimate of a plan, in its currency. */
    record Estimate(BigDecimal monthly, BigDecimal annual) {
    }

    /**
     * Spec §7.2: base = unit price (x max(seats, 1) for PER_SEAT), less the discount (percent, or fixed capped at the
     * base); monthly plans (base, 12 base), quarterly (base / 3, 4 base), semi-annual (base / 6, 2 base), weekly
     * (52 base / 12, 52 base), annual (base / 12, base) where an annual plan's base starts from yearly_price when
     * set - per seat, as the amortization computes it.
     */
    static Estimate estimate(SubscriptionPlan p) {
        boolean annual = "annual".equals(p.billingCycle());
        BigDecimal price = annual && p.yearlyPrice() != null && p.yearlyPrice().signum() > 0 ? p.yearlyPrice()
                : p.unitPrice();
        BigDecimal base = "FLAT_FEE".equals(p.pricingModel()) ? price
                : price.multiply(BigDecimal.valueOf(Math.max(p.seats(), 1)));
        if ("percent".equals(p.discountType()) && p.discountValue() != null) {
            base = base.multiply(BigDecimal.ONE.subtract(p.discountValue().min(HUNDRED).divide(HUNDRED)));
        } else if ("fixed".equals(p.discountType()) && p.discountValue() != null) {
            base = base.subtract(p.discountValue().min(base));
        }
        BigDecimal twelve = BigDecimal.valueOf(12);
        return switch (p.billingCycle()) {
            case "quarterly" -> cents(base.divide(BigDecimal.valueOf(3), 10, RoundingMode.HALF_UP),
                    base.multiply(BigDecimal.valueOf(4)));
            case "semi-annual" -> cents(base.divide(BigDecimal.valueOf(6), 10, RoundingMode.HALF_UP),
                    base.multiply(BigDecimal.TWO));
            case "weekly" -> cents(base.multiply(BigDecimal.valueOf(52)).divide(twelve, 10, RoundingMode.HALF_UP),
                    base.multiply(BigDecimal.valueOf(52)));
            case "annual" -> cents(base.divide(twelve, 10, RoundingMode.HALF_UP), base);
            default -> cents(base, base.multiply(twelve));
        };
    }

    private static Estimate cents(BigDecimal monthly, BigDecimal annual) {
        return new Estimate(monthly.setScale(2, RoundingMode.HALF_UP), annual.setScale(2, RoundingMode.HALF_UP));
    }
}
