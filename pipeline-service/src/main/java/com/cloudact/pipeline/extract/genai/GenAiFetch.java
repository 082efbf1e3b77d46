package com.cloudact.pipeline.extract.genai;

import java.util.List;

/** Everything one provider's APIs reported for the requested days. Empty lists are answers too (no usage). */
public record GenAiFetch(List<GenAiUsage> usage, List<GenAiCommitmentUsage> commitments,
                         List<GenAiProviderCost> costs) {

    public GenAiFetch {
        usage = List.copyOf(usage);
        commitments = List.copyOf(commitments);
        costs = List.copyOf(costs);
    }

    public static GenAiFetch ofUsage(List<GenAiUsage> usage) {
        return new GenAiFetch(usage, List.of(), List.of());
    }
}
