package com.cloudact.pipeline.engine;

import com.cloudact.model.CloudActException;
import com.cloudact.model.pipeline.OnFailure;
import com.cloudact.model.pipeline.StepDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Executes a pipeline's steps in dependency order. Each step runs with its timeout and retry policy; a failed
 * step stops the run unless it says {@code on_failure: continue}, in which case only the steps that depend on it
 * are skipped. The run as a whole is bounded by the pipeline's timeout.
 */
@Component
public class PipelineEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

    private final ProcessorRegistry processors;
    private final Clock clock;
    private final ExecutorService stepThreads = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("pipeline-step-", 0).daemon(true).factory());

    PipelineEngine(ProcessorRegistry processors, Clock clock) {
        this.processors = processors;
        this.clock = clock;
    }

    public RunOutcome execute(RunPlan plan, RunListener listener) {
        Instant deadline = clock.instant().plus(plan.definition().timeout());
        Map<String, Object> variables = new HashMap<>(plan.definition().variables());
        variables.putAll(plan.variables());
        List<StepOutcome> outcomes = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        RunStatus status = RunStatus.COMPLETED;
        String error = null;
        int index = 0;
        for (StepDefinition step : order(plan.definition().steps())) {
            int stepIndex = index++;
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (status == RunStatus.COMPLETED && !remaining.isPositive()) {
                status = RunStatus.TIMEOUT;
                error = "Pipeline timed out after " + plan.definition().timeout().toMinutes() + " minutes";
            }
            if (status != RunStatus.COMPLETED || !step.enabled() || step.dependsOn().stream().anyMatch(blocked::contains)) {
                blocked.add(step.stepId());
                outcomes.add(new StepOutcome(step.stepId(), step.psType(), stepIndex, StepStatus.SKIPPED, 0,
                        clock.instant(), Duration.ZERO, 0, null));
                listener.stepFinished(plan, outcomes.getLast());
                continue;
            }
            listener.stepStarted(plan, step.stepId(), step.psType(), stepIndex);
            StepOutcome outcome = runStep(plan, step, stepIndex, variables, remaining);
            outcomes.add(outcome);
            listener.stepFinished(plan, outcome);
            if (outcome.status() != StepStatus.FAILED) {
                continue;
            }
            blocked.add(step.stepId());
            if (step.onFailure() == OnFailure.CONTINUE) {
                LOG.warn("Run {}: step {} failed and the pipeline continues: {}", plan.runId(), step.stepId(),
                        outcome.error());
            } else {
                boolean outOfTime = !Duration.between(clock.instant(), deadline).isPositive();
                status = outOfTime ? RunStatus.TIMEOUT : RunStatus.FAILED;
                error = "Step " + step.stepId() + " failed: " + outcome.error();
            }
        }
        return new RunOutcome(status, outcomes, error);
    }

    private StepOutcome runStep(RunPlan plan, StepDefinition step, int index, Map<String, Object> variables,
                                Duration remaining) {
        StepProcessor processor = processors.find(step.psType()).orElseThrow();
        Instant started = clock.instant();
        Duration timeout = step.timeout().compareTo(remaining) < 0 ? step.timeout() : remaining;
        String lastError = null;
        int attempt = 0;
        while (attempt < step.retry().maxAttempts()) {
            attempt++;
            sleep(step.retry().delayBefore(attempt));
            StepContext context = new StepContext(plan.org(), plan.orgDataset(), plan.runId(),
                    plan.path().fileIdentifier(), step.stepId(), Placeholders.resolve(step.config(), variables),
                    Map.copyOf(withoutNulls(variables)));
            Future<StepResult> future = stepThreads.submit(() -> processor.run(context));
            try {
                StepResult result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                variables.putAll(result.outputs());
                return new StepOutcome(step.stepId(), step.psType(), index, StepStatus.COMPLETED,
                        result.rowsProcessed(), started, Duration.between(started, clock.instant()), attempt, null);
            } catch (TimeoutException e) {
                future.cancel(true);
                lastError = "Timed out after " + timeout.toSeconds() + " s";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                lastError = describe(cause);
                LOG.warn("Run {}: step {} attempt {} failed: {}", plan.runId(), step.stepId(), attempt, lastError,
                        cause instanceof CloudActException ? null : cause);
                if (!retryable(cause)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                lastError = "Interrupted";
                break;
            }
        }
        return new StepOutcome(step.stepId(), step.psType(), index, StepStatus.FAILED, 0, started,
                Duration.between(started, clock.instant()), attempt, lastError);
    }

    /** Bad input does not get better by trying again; everything else (I/O, conflicts, outages) might. */
    private static boolean retryable(Throwable cause) {
        return !(cause instanceof CloudActException ce) || ce.code().httpStatus() >= 500;
    }

    private static String describe(Throwable cause) {
        return cause instanceof CloudActException ? cause.getMessage() : cause.getClass().getSimpleName() + ": "
                + cause.getMessage();
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> variables) {
        Map<String, Object> copy = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Steps in dependency order, keeping the file's order among steps that are ready together. */
    static List<StepDefinition> order(List<StepDefinition> steps) {
        List<StepDefinition> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (ordered.size() < steps.size()) {
            for (StepDefinition step : steps) {
                if (!done.contains(step.stepId()) && done.containsAll(step.dependsOn())) {
                    ordered.add(step);
                    done.add(step.stepId());
                    break;
                }
            }
        }
        return ordered;
    }
}
