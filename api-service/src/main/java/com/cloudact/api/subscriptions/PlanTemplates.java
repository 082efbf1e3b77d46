package com.cloudact.api.subscriptions;

import com.cloudact.model.CsvLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The plan templates shipped as data ({@code subscription/plan_templates.csv} in shared-model): real SaaS plans with
 * their list price, billing cycle, pricing model, the vendor's pricing page and the month the price was read.
 */
@Component
class PlanTemplates {

    static final String RESOURCE = "subscription/plan_templates.csv";

    /** One template; {@code yearlyPrice} is set for annual plans. */
    record PlanTemplate(String provider, String planName, String displayName, String category, String pricingModel,
                        String billingCycle, BigDecimal unitPrice, BigDecimal yearlyPrice, String currency, int seats,
                        String sourceUrl, String priceChecked) {
    }

    private final List<PlanTemplate> templates = read();

    List<PlanTemplate> all() {
        return templates;
    }

    List<PlanTemplate> of(String provider) {
        return templates.stream().filter(t -> t.provider().equals(provider)).toList();
    }

    private static List<PlanTemplate> read() {
        try (InputStream in = PlanTemplates.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            List<List<String>> records = CsvLine.records(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> header = records.getFirst();
            List<PlanTemplate> rows = new ArrayList<>();
            for (List<String> r : records.subList(1, records.size())) {
                if (r.size() != header.size()) {
                    throw new IllegalStateException(RESOURCE + ": a row has " + r.size() + " fields, the header " + header.size());
                }
                rows.add(new PlanTemplate(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5),
                        new BigDecimal(r.get(6)), r.get(7).isBlank() ? null : new BigDecimal(r.get(7)), r.get(8),
                        Integer.parseInt(r.get(9)), r.get(10), r.get(11)));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
