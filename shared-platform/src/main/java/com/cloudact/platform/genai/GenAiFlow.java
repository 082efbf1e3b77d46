package com.cloudact.platform.genai;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * The three GenAI cost flows: token pay-as-you-go, provisioned commitments (PTU/GSU/provisioned throughput) and
 * GPU/TPU infrastructure. Each has its price table, and the columns that identify one price in it.
 */
public enum GenAiFlow {
    PAYG("genai_payg_pricing", List.of("provider", "model", "region", "context_tier", "effective_from")),
    COMMITMENT("genai_commitment_pricing", List.of("provider", "commitment_type", "model", "region", "effective_from")),
    INFRASTRUCTURE("genai_infrastructure_pricing", List.of("provider", "instance_type", "region", "effective_from"));

    private final String pricingTable;
    private final List<String> priceKey;

    GenAiFlow(String pricingTable, List<String> priceKey) {
        this.pricingTable = pricingTable;
        this.priceKey = priceKey;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String pricingTable() {
        return pricingTable;
    }

    /** The columns that tell one price row from another (a dated price history has one row per effective_from). */
    public List<String> priceKey() {
        return priceKey;
    }

    public static GenAiFlow of(String id) {
        for (GenAiFlow flow : values()) {
            if (flow.id().equalsIgnoreCase(id)) {
                return flow;
            }
        }
        throw new CloudActException(ErrorCode.INVALID_PARAMETER, "Unknown GenAI flow '" + id
                + "': use payg, commitment or infrastructure");
    }
}
