package com.cloudact.pipeline.trigger;

import com.cloudact.pipeline.apiclient.ApiServiceClient;
import com.cloudact.pipeline.apiclient.OrgApiKeys;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.runlog.RunLog;
import com.cloudact.pipeline.runlog.RunLogProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Crash recovery. On start-up, the runs this instance's previous process left PENDING, RUNNING or CANCELLING
 * can no longer progress: they are marked FAILED ("interrupted by a restart") and their quota slots are released
 * through the API service with the org's key and the reservation date stored when the run was claimed. Runs of
 * any instance that are older than their pipeline's timeout plus {@code abandoned-after} are treated the same
 * way, so a replica that never comes back does not block its pipelines forever. Nothing else needs undoing:
 * every writer replaces its slices in one transaction, so an interrupted step left no partial rows.
 */
@Component
class RunRecovery {

    static final String RESTARTED = "Interrupted by a restart of the pipeline service";
    static final String ABANDONED = "Abandoned: the pipeline service instance running it stopped";
    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);
    private static final Duration UNKNOWN_TIMEOUT = Duration.ofHours(2);

    private final RunLog runLog;
    private final ApiServiceClient api;
    private final OrgApiKeys keys;
    private final Clock clock;
    private final Duration abandonedAfter;

    RunRecovery(RunLog runLog, ApiServiceClient api, OrgApiKeys keys, Clock clock, RunLogProperties properties) {
        this.runLog = runLog;
        this.api = api;
        this.keys = keys;
        this.clock = clock;
        this.abandonedAfter = properties.abandonedAfter();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        Thread.ofPlatform().name("pipeline-run-recovery").daemon(true).start(() -> {
            try {
                int recovered = recover();
                if (recovered > 0) {
                    LOG.warn("Recovered {} run(s) left unfinished by a previous process", recovered);
                }
            } catch (RuntimeException e) {
                // e.g. a first start before bootstrap created the central dataset: nothing can be unfinished then
                LOG.warn("Recovering unfinished runs failed: {}", e.getMessage());
            }
        });
    }

    /** Fails the runs no process executes any more and releases their quota slots; returns how many. */
    int recover() {
        int recovered = 0;
        for (RunLog.Unfinished run : runLog.unfinished()) {
            Optional<String> reason = reason(run);
            if (reason.isEmpty()) {
                continue;
            }
            if (!runLog.finish(run.runId(), run.org(), RunStatus.FAILED, run.startTime(), reason.get(),
                    Map.of("recovered_by", runLog.processId(), "interrupted_status", run.status().name()))) {
                continue;
            }
            recovered++;
            release(run);
        }
        return recovered;
    }

    private Optional<String> reason(RunLog.Unfinished run) {
        if (Objects.equals(run.instanceName(), runLog.instanceName())
                && !Objects.equals(run.processId(), runLog.processId())) {
            return Optional.of(RESTARTED);
        }
        Duration limit = (run.timeout() == null ? UNKNOWN_TIMEOUT : run.timeout()).plus(abandonedAfter);
        if (run.startTime() != null && Duration.between(run.startTime(), clock.instant()).compareTo(limit) > 0) {
            return Optional.of(ABANDONED);
        }
        return Optional.empty();
    }

    private void release(RunLog.Unfinished run) {
        if (run.reservationDate() == null) {
            return;
        }
        Optional<String> key = keys.activeKey(run.org(), run.apiKeyId());
        if (key.isEmpty()) {
            LOG.warn("Run {} of {}: no active API key to release its quota slot with; the stale-slot healing will",
                    run.runId(), run.org());
            return;
        }
        api.complete(run.org(), key.get(), false, run.reservationDate());
    }
}
