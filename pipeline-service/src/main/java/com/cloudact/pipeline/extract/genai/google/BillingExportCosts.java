package com.cloudact.pipeline.extract.genai.google;

import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.genai.GenAiProviderCost;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The provider costs ({@code gcp.billing_export}) of billing export lines: per line, one row of the gross cost with
 * its usage quantity, and, when credits applied, one row of the (negative) credits, so that the amounts add up to
 * what was paid ({@code cost + Σ credits.amount}) and neither part is lost. The line item keeps the SKU as reported
 * ({@code description [sku id]}); model and token type are read from the description ({@link SkuDescription}).
 */
public final class BillingExportCosts {

    public static final String COST_SOURCE = "gcp.billing_export";

    private BillingExportCosts() {
    }

    public static List<GenAiProviderCost> of(Provider provider, List<BillingLine> lines) {
        List<GenAiProviderCost> costs = new ArrayList<>();
        for (BillingLine line : lines) {
            SkuDescription sku = SkuDescription.of(line.skuDescription());
            String lineItem = line.skuDescription() + " [" + line.skuId() + "]";
            String currency = line.currency() == null ? "USD" : line.currency().toUpperCase(Locale.ROOT);
            String tier = sku.batch() ? "batch" : null;
            costs.add(new GenAiProviderCost(line.day(), provider.id(), sku.model(), lineItem, sku.tokenType(),
                    line.projectId(), tier, line.cost(), currency, line.usageAmount(), line.usageUnit(), COST_SOURCE));
            if (line.credits().signum() != 0) {
                costs.add(new GenAiProviderCost(line.day(), provider.id(), sku.model(), "Credits: " + lineItem, "credit",
                        line.projectId(), tier, line.credits(), currency, BigDecimal.ZERO, line.usageUnit(),
                        COST_SOURCE));
            }
        }
        return costs;
    }
}
