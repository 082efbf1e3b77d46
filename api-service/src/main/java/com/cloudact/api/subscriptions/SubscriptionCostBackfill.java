package com.cloudact.api.subscriptions;

import com.cloudact.api.pipelinesproxy.PipelineServiceClient;
import com.cloudact.model.CloudActException;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelinePath;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes the subscription costs of past days after a plan change that reaches into the past: runs
 * {@code subscription/costs/subscription_cost} through the pipeline service (with the caller's key) for
 * {@code from}..yesterday, at most {@value #MAX_DAYS_BACK} days back, split into runs of at most
 * {@value #MAX_DAYS_PER_RUN} days (the pipeline service's limit per run). A refused trigger does not undo the
 * plan change; the caller gets the reason as a warning.
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

    /** What was asked of the pipeline service: the days, the runs started, and the error if one was refused. */
    record Backfill(boolean triggered, LocalDate startDate, LocalDate endDate, List<String> runIds, String error) {

        static Backfill none() {
            return new Backfill(false, null, null, List.of(), null);
        }
    }

    /** Starts the runs when {@code from} is before today; nothing otherwise. */
    Backfill run(OrgSlug org, String apiKey, LocalDate from, LocalDate today) {
        LocalDate end = today.minusDays(1);
        if (from == null || !from.isBefore(today)) {
            return Backfill.none();
        }
        if (apiKey == null || apiKey.isBlank()) {
            return new Backfill(false, null, null, List.of(), "the request carries no API key to start the pipeline with");
        }
        LocalDate start = from.isBefore(end.minusDays(MAX_DAYS_BACK - 1)) ? end.minusDays(MAX_DAYS_BACK - 1) : from;
        List<String> runs = new ArrayList<>();
        for (LocalDate chunk = start; !chunk.isAfter(end); chunk = chunk.plusDays(MAX_DAYS_PER_RUN)) {
            LocalDate chunkEnd = chunk.plusDays(MAX_DAYS_PER_RUN - 1).isAfter(end) ? end
                    : chunk.plusDays(MAX_DAYS_PER_RUN - 1);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("start_date", chunk.toString());
            body.put("end_date", chunkEnd.toString());
            body.put("trigger_by", "subscription-plans");
            try {
                JsonNode answer = pipelines.trigger(org, apiKey, PIPELINE, body);
                runs.add(answer.path("pipeline_logging_id").asString(null));
            } catch (CloudActException e) {
                LOG.warn("Subscription cost backfill of {} for {}..{} refused: {}", org, chunk, chunkEnd, e.getMessage());
                return new Backfill(!runs.isEmpty(), start, end, runs, e.getMessage());
            }
        }
        LOG.info("Subscription cost backfill of {} for {}..{}: {} run(s), {} days", org, start, end, runs.size(),
                ChronoUnit.DAYS.between(start, end) + 1);
        return new Backfill(true, start, end, runs, null);
    }
}
