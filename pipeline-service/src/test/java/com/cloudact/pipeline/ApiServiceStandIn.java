package com.cloudact.pipeline;

import com.cloudact.platform.providers.standins.StandIn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API service as the pipeline service sees it: the validator (which reserves a quota slot and names the
 * org's dataset), its completion call, and the cost-cache invalidation. Orgs put in {@link #refuseQuota} are
 * refused with QUOTA_EXCEEDED, as a plan at its daily limit would be.
 */
public final class ApiServiceStandIn extends StandIn {

    public static final ApiServiceStandIn INSTANCE = new ApiServiceStandIn();
    public static final String ROOT_KEY = "pipeline-test-root-key-0123456789-abcdefghij";

    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private ApiServiceStandIn() {
    }

    public void refuseQuota(String org) {
        refused.add(org);
    }

    /** Completion calls received for an org, as their query strings. */
    public List<Request> completions(String org) {
        return requestsTo("/api/v1/validator/complete/" + org);
    }

    @Override
    protected Reply answer(Request request) {
        String path = request.path();
        if (path.startsWith("/api/v1/validator/validate/")) {
            String org = path.substring("/api/v1/validator/validate/".length());
            if (refused.contains(org)) {
                return Reply.json(200, """
                        {"valid": false, "error": "Daily pipeline limit reached (6 pipelines/day). Upgrade your plan.",
                         "error_code": "QUOTA_EXCEEDED"}""");
            }
            return Reply.json(200, """
                    {"valid": true, "org_slug": "%s", "org_dataset_id": "%s_local", "reservation_date": "%s",
                     "pipeline_info": {}, "credentials": null}""".formatted(org, org, LocalDate.now(ZoneOffset.UTC)));
        }
        if (path.startsWith("/api/v1/validator/complete/")) {
            return Reply.json(200, "{\"success\": true}");
        }
        if (path.startsWith("/api/v1/costs/")) {
            return Reply.json(200, "{\"invalidated\": true}");
        }
        return Reply.json(404, "{\"detail\": \"not played by the stand-in\"}");
    }
}
