package com.cloudact.pipeline.trigger;

import com.cloudact.model.OrgSlug;
import com.cloudact.pipeline.engine.RunControl;
import com.cloudact.pipeline.engine.RunStatus;
import com.cloudact.pipeline.runlog.RunLog;
import com.cloudact.pipeline.runlog.RunLogProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The runs this process is executing, each with its cancellation flag. A cancel request that reaches this
 * process sets the flag at once; one that reached another instance is seen through the run log, which each
 * running run reads at most every {@code cancel-check-interval}.
 */
@Component
class ActiveRuns {

    private final RunLog runLog;
    private final Clock clock;
    private final Duration checkInterval;
    private final Map<String, Control> runs = new ConcurrentHashMap<>();

    ActiveRuns(RunLog runLog, Clock clock, RunLogProperties properties) {
        this.runLog = runLog;
        this.clock = clock;
        this.checkInterval = properties.cancelCheckInterval();
    }

    Control register(String runId, OrgSlug org) {
        Control control = new Control(runId, org);
        runs.put(runId, control);
        return control;
    }

    void remove(String runId) {
        runs.remove(runId);
    }

    /** Tells a run of this process that it was asked to stop; false when it does not run here. */
    boolean signal(String runId) {
        Control control = runs.get(runId);
        if (control == null) {
            return false;
        }
        control.requested = true;
        return true;
    }

    /** One run's cancellation flag. */
    final class Control implements RunControl {

        private final String runId;
        private final OrgSlug org;
        private volatile boolean requested;
        private Instant lastChecked;

        private Control(String runId, OrgSlug org) {
            this.runId = runId;
            this.org = org;
            this.lastChecked = clock.instant();
        }

        @Override
        public boolean cancelRequested() {
            if (requested) {
                return true;
            }
            synchronized (this) {
                Instant now = clock.instant();
                if (Duration.between(lastChecked, now).compareTo(checkInterval) >= 0) {
                    lastChecked = now;
                    requested = runLog.status(runId, org).map(s -> s == RunStatus.CANCELLING).orElse(false);
                }
            }
            return requested;
        }
    }
}
