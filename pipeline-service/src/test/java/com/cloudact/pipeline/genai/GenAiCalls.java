package com.cloudact.pipeline.genai;

import com.cloudact.model.OrgSlug;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters every GenAI procedure takes, in contract order. */
final class GenAiCalls {

    private GenAiCalls() {
    }

    static Map<String, Object> parameters(OrgSlug org, String pipelineId, String provider, LocalDate start,
                                          LocalDate end) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("p_org_slug", org.value());
        params.put("p_pipeline_id", pipelineId);
        params.put("p_provider", provider);
        params.put("p_start_date", start);
        params.put("p_end_date", end);
        params.put("p_credential_id", null);
        params.put("p_run_id", "run-" + System.nanoTime());
        return params;
    }
}
