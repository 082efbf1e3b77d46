package com.cloudact.api.subscriptions;

import com.cloudact.api.pipelinesproxy.PipelineServiceClient;
import com.cloudact.model.CloudActException;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelinePath;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes the subscription costs of past days after a plan change that reaches into the past: one run of
 * {@code subscription/costs/subscription_cost} through the pipeline service (with the caller's key) for
 * {@code from}..yesterday, at most {@value #MAX_DAYS_BACK} days back. The run endpoint takes at most
 * {@value #MAX_DAYS_PER_RUN} days; a longer backfill is a run without dates, whose range the procedures take from
 * the earliest plan start (at most {@value #MAX_DAYS_BACK} days back) to yesterday, which contains it. One run, not
 * several: the pipeline service does not start a pipeline that is already running for the org. A refused trigger,
 * or one answered with the run already in progress, does not undo the plan change; the caller gets it as a warning.
 */
@Component
class SubscriptionCostBackfill {

    static final PipelinePath PIPELINE = PipelinePath.of("subscription", "costs", "subscription_cost");
    static final int MAX_DAYS_BACK = 730;
    static final int MAX_DAYS_PER_RUN = 366;
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionCostBackfill.class);

    private final PipelineServiceClient pipelines;

    SubscriptionCostBackfill(PipelineServiceClient pipelines) {
        this.pipelines = pipelines;
    }

    /** What was asked of the pipeline service: the days, the run started, and why not when it was not. */
    record Backfill(boolean triggered, LocalDate startDate, LocalDate endDate, String runId, String error) {

        static Backfill none() {
            return new Backfill(false, null, null, null, null);
        }
    }

    /** Starts the run when {@code from} is before today; nothing otherwise. */
    Backfill run(OrgSlug org, String apiKey, LocalDate from, LocalDate today) {
        LocalDate end = today.minusDays(1);
        if (from == null || !from.isBefore(today)) {
            return Backfill.none();
        }
        LocalDate start = from.isBefore(end.minusDays(MAX_DAYS_BACK - 1)) ? end.minusDays(MAX_DAYS_BACK - 1) : from;
        if (apiKey == null || apiKey.isBlank()) {
            return new Backfill(false, start, end, null, "the request carries no API key to start the pipeline with");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (ChronoUnit.DAYS.between(start, end) + 1 <= MAX_DAYS_PER_RUN) {
            body.put("start_date", start.toString());
            body.put("end_date", end.toString());
        }
        body.put("trigger_by", "subscription-plans");
        try {
            JsonNode answer = pipelines.trigger(org, apiKey, PIPELINE, body);
            String runId = answer.path("pipeline_logging_id").asString(null);
            if ("RUNNING".equals(answer.path("status").asString(""))) {
                return new Backfill(false, start, end, runId, "a subscription cost run is already in progress for "
                        + "the organization; run the pipeline again when it has finished");
            }
            LOG.info("Subscription cost backfill of {} for {}..{}: run {}", org, start, end, runId);
            return new Backfill(true, start, end, runId, null);
        } catch (CloudActException e) {
            LOG.warn("Subscription cost backfill of {} for {}..{} refused: {}", org, start, end, e.getMessage());
            return new Backfill(false, start, end, null, e.getMessage());
        }
    }
}
