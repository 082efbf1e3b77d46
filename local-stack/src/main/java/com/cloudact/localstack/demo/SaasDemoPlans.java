package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dozen SaaS subscriptions of the demo organization, as a user would enter them on the subscriptions page, each
 * allocated to an entity of the default hierarchy; some started before the demo window, some within it, one was
 * cancelled. {@link #expectedCost} states what the amortization must book for them, computed here on its own:
 * a day costs the plan's cycle price (seats × unit price, less the discount) over the days of the period it falls
 * in (the calendar month, or the calendar year for annual plans of an org whose fiscal year starts in January),
 * rounded half-up to nine decimals.
 */
final class SaasDemoPlans {

    record Plan(String provider, String planName, String category, String cycle, String pricingModel, int seats,
                BigDecimal unitPrice, BigDecimal percentDiscount, LocalDate start, LocalDate end, String entityId,
                String entityName, String levelCode, String path, String pathNames) {

        Map<String, Object> request() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("plan_name", planName);
            body.put("category", category);
            body.put("unit_price", unitPrice);
            body.put("billing_cycle", cycle);
            body.put("currency", "USD");
            body.put("seats", seats);
            body.put("pricing_model", pricingModel);
            if (percentDiscount != null) {
                body.put("discount_type", "percent");
                body.put("discount_value", percentDiscount);
            }
            body.put("auto_renew", true);
            body.put("start_date", start.toString());
            if (end != null) {
                body.put("end_date", end.toString());
            }
            body.put("owner_email", "it@acme-demo.example");
            body.put("hierarchy_entity_id", entityId);
            body.put("hierarchy_entity_name", entityName);
            body.put("hierarchy_level_code", levelCode);
            body.put("hierarchy_path", path);
            body.put("hierarchy_path_names", pathNames);
            return body;
        }

        BigDecimal cycleCost() {
            BigDecimal cost = pricingModel.equals("FLAT_FEE") ? unitPrice : unitPrice.multiply(BigDecimal.valueOf(seats));
            return percentDiscount == null ? cost
                    : cost.multiply(BigDecimal.ONE.subtract(percentDiscount.movePointLeft(2)));
        }
    }

    private SaasDemoPlans() {
    }

    /** The plans of a demo whose usage window is {@code first..last}. */
    static List<Plan> plans(LocalDate first, LocalDate last) {
        LocalDate before = first.minusDays(45);
        LocalDate mid = first.plusDays(40);
        List<Plan> plans = new ArrayList<>();
        plans.add(eng("chatgpt_plus", "TEAM", "ai", "monthly", 18, "30.00", null, before, null));
        plans.add(eng("claude_pro", "TEAM", "ai", "monthly", 12, "30.00", null, first.plusDays(10), null));
        plans.add(eng("cursor", "BUSINESS", "development", "monthly", 15, "40.00", null, before, null));
        plans.add(eng("github_copilot", "BUSINESS", "development", "monthly", 22, "19.00", null, before, null));
        plans.add(eng("github", "TEAM", "development", "annual", 25, "48.00", "10", before, null));
        plans.add(ops("slack", "PRO", "communication", "monthly", 60, "8.75", null, before, null));
        plans.add(ops("zoom", "BUSINESS", "communication", "annual", 20, "219.90", null, before, null));
        plans.add(ops("notion", "PLUS", "productivity", "monthly", 40, "12.00", "15", before, mid));
        plans.add(ops("notion", "BUSINESS", "productivity", "monthly", 40, "18.00", "15", mid.plusDays(1), null));
        plans.add(product("figma", "PROFESSIONAL", "design", "monthly", 8, "16.00", null, first, null));
        plans.add(product("miro", "BUSINESS", "design", "monthly", 10, "16.00", null, before, last.minusDays(20)));
        plans.add(new Plan("linear", "BUSINESS", "development", "monthly", "FLAT_FEE", 1, new BigDecimal("420.00"),
                null, first.plusDays(5), null, "DEPT-PROD", "Product", "department", "/DEPT-PROD", "Product"));
        return plans;
    }

    /** What the amortization books for the plans from their start to {@code last}. */
    static BigDecimal expectedCost(List<Plan> plans, LocalDate last) {
        BigDecimal total = BigDecimal.ZERO;
        for (Plan plan : plans) {
            LocalDate from = plan.start();
            LocalDate to = plan.end() != null && plan.end().isBefore(last) ? plan.end() : last;
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                int periodDays = plan.cycle().equals("annual") ? Year.of(day.getYear()).length() : day.lengthOfMonth();
                total = total.add(plan.cycleCost().divide(BigDecimal.valueOf(periodDays), 9, RoundingMode.HALF_UP));
            }
        }
        return total;
    }

    private static Plan eng(String provider, String name, String category, String cycle, int seats, String price,
                            String discount, LocalDate start, LocalDate end) {
        return new Plan(provider, name, category, cycle, "PER_SEAT", seats, new BigDecimal(price),
                discount == null ? null : new BigDecimal(discount), start, end, "DEPT-ENG", "Engineering",
                "department", "/DEPT-ENG", "Engineering");
    }

    private static Plan ops(String provider, String name, String category, String cycle, int seats, String price,
                            String discount, LocalDate start, LocalDate end) {
        return new Plan(provider, name, category, cycle, "PER_SEAT", seats, new BigDecimal(price),
                discount == null ? null : new BigDecimal(discount), start, end, "DEPT-OPS", "Operations",
                "department", "/DEPT-OPS", "Operations");
    }

    private static Plan product(String provider, String name, String category, String cycle, int seats, String price,
                                String discount, LocalDate start, LocalDate end) {
        return new Plan(provider, name, category, cycle, "PER_SEAT", seats, new BigDecimal(price),
                discount == null ? null : new BigDecimal(discount), start, end, "DEPT-PROD", "Product",
                "department", "/DEPT-PROD", "Product");
    }
}
