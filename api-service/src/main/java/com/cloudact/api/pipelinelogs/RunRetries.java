package com.cloudact.api.pipelinelogs;

import com.cloudact.api.pipelinesproxy.PipelineServiceClient;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelinePath;
import com.cloudact.platform.warehouse.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs a finished pipeline run again with the parameters it had, through the pipeline service. */
@Service
class RunRetries {

    private static final Set<String> RETRYABLE = Set.of("FAILED", "COMPLETED", "TIMEOUT", "CANCELLED");
    private static final List<String> CARRIED = List.of("date", "start_date", "end_date", "credential_id", "file_path");

    private final PipelineLogQueries queries;
    private final PipelineServiceClient pipelines;
    private final JsonMapper json = JsonMapper.builder().build();

    RunRetries(PipelineLogQueries queries, PipelineServiceClient pipelines) {
        this.queries = queries;
        this.pipelines = pipelines;
    }

    Map<String, Object> retry(OrgSlug org, String apiKey, String runId) {
        Row run = queries.runRow(org, runId);
        String status = run.string("status");
        if (!RETRYABLE.contains(status)) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Run " + runId + " is " + status
                    + "; only finished runs can be retried");
        }
        JsonNode parameters = run.string("parameters") == null ? json.createObjectNode()
                : json.readTree(run.string("parameters"));
        if (parameters.hasNonNull("input_file") && !parameters.hasNonNull("file_path")) {
            throw new CloudActException(ErrorCode.BAD_REQUEST,
                    "Run " + runId + " imported an uploaded file, which is not kept; upload it again to re-run");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (String name : CARRIED) {
            if (parameters.hasNonNull(name)) {
                body.put(name, parameters.get(name).asString());
            }
        }
        body.put("trigger_by", "retry of " + runId);
        JsonNode answer = pipelines.trigger(org, apiKey, pathOf(org, run.string("pipeline_id")), body);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", true);
        response.put("message", "Run started again");
        response.put("new_pipeline_logging_id", answer.path("pipeline_logging_id").asString(null));
        response.put("original_pipeline_logging_id", runId);
        response.put("status", answer.path("status").asString("PENDING"));
        return response;
    }

    /** {@code acme-cloud-aws-cost-billing} → {@code cloud/aws/cost/billing}. */
    static PipelinePath pathOf(OrgSlug org, String trackingId) {
        String prefix = org.value() + "-";
        if (trackingId == null || !trackingId.startsWith(prefix)) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "The run's pipeline id cannot be traced to a pipeline");
        }
        String[] segments = trackingId.substring(prefix.length()).split("-");
        return switch (segments.length) {
            case 3 -> PipelinePath.of(segments[0], segments[1], segments[2]);
            case 4 -> PipelinePath.of(segments[0], segments[1], segments[2], segments[3]);
            default -> throw new CloudActException(ErrorCode.BAD_REQUEST,
                    "The run's pipeline id cannot be traced to a pipeline");
        };
    }
}
