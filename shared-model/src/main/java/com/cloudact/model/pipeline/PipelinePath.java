package com.cloudact.model.pipeline;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pipeline a run URL names: {@code category/provider/domain/pipeline} (cloud) or
 * {@code category/domain/pipeline} (GenAI, SaaS). It yields the three ids the platform uses for one pipeline.
 */
public record PipelinePath(String category, Optional<String> provider, String domain, String pipeline) {

    private static final Pattern SEGMENT = Pattern.compile("^[a-zA-Z0-9_]{1,50}$");

    public PipelinePath {
        for (String segment : segments(category, provider, domain, pipeline)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                        "Pipeline path segments must be 1-50 letters, digits or underscores");
            }
        }
    }

    public static PipelinePath of(String category, String provider, String domain, String pipeline) {
        return new PipelinePath(category, Optional.of(provider), domain, pipeline);
    }

    public static PipelinePath of(String category, String domain, String pipeline) {
        return new PipelinePath(category, Optional.empty(), domain, pipeline);
    }

    /** {@code cloud/aws/cost/billing}: where the YAML lives and what lands in {@code x_pipeline_id}. */
    public String fileIdentifier() {
        return String.join("/", segments(category, provider, domain, pipeline));
    }

    /** {@code cloud_aws_cost_billing}: the id of the pipeline registry the validator checks. */
    public String registryId() {
        return String.join("_", segments(category, provider, domain, pipeline));
    }

    /** {@code acme-cloud-aws-cost-billing}: the {@code pipeline_id} of the run log. */
    public String trackingId(OrgSlug org) {
        return org.value() + "-" + String.join("-", segments(category, provider, domain, pipeline));
    }

    private static List<String> segments(String category, Optional<String> provider, String domain, String pipeline) {
        return provider.map(p -> List.of(category, p, domain, pipeline)).orElseGet(() -> List.of(category, domain, pipeline));
    }
}
