package com.cloudact.pipeline.engine;

import com.cloudact.model.CloudActException;
import com.cloudact.model.pipeline.OnFailure;
import com.cloudact.model.pipeline.StepDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Executes a pipeline's steps as a dependency graph: steps are grouped in levels (a step's level is one more than
 * the highest level of the steps it depends on) and the steps of one level run at the same time, at most
 * {@code max-parallel-steps} of them. Every attempt of a step runs on its own thread, bounded by the step's
 * timeout and the pipeline's; a step that overruns, or whose run is cancelled, is interrupted, and the engine
 * waits (up to the grace period) for it to let go before moving on. Failed attempts are retried with the step's
 * (exponential) backoff unless the error is bad input. After a level, a failed step with
 * {@code on_failure: continue} only skips the steps that depend on it; any other failure ends the run
 * ({@code alert} also asks for the org's pipeline-failure alert).
 */
@Component
public class PipelineEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

    private final ProcessorRegistry processors;
    private final Clock clock;
    private final EngineProperties settings;
    private final ThreadFactory stepThreads = Thread.ofPlatform().name("pipeline-step-", 0).daemon(true).factory();
    private final ExecutorService levelThreads = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("pipeline-level-", 0).daemon(true).factory());

    @Autowired
    PipelineEngine(ProcessorRegistry processors, Clock clock, EngineProperties settings) {
        this.processors = processors;
        this.clock = clock;
        this.settings = settings;
    }

    PipelineEngine(ProcessorRegistry processors, Clock clock) {
        this(processors, clock, EngineProperties.DEFAULTS);
    }

    public RunOutcome execute(RunPlan plan, RunListener listener) {
        return execute(plan, listener, RunControl.NONE);
    }

    public RunOutcome execute(RunPlan plan, RunListener listener, RunControl control) {
        return new Run(plan, listener, control).execute();
    }

    /** The steps grouped by dependency level, each level in the file's order. */
    static List<List<StepDefinition>> levels(List<StepDefinition> steps) {
        Map<String, StepDefinition> byId = new LinkedHashMap<>();
        steps.forEach(s -> byId.put(s.stepId(), s));
        Map<String, Integer> level = new HashMap<>();
        List<List<StepDefinition>> levels = new ArrayList<>();
        for (StepDefinition step : steps) {
            int l = levelOf(step, byId, level);
            while (levels.size() <= l) {
                levels.add(new ArrayList<>());
            }
        }
        for (StepDefinition step : steps) {
            levels.get(level.get(step.stepId())).add(step);
        }
        return levels;
    }

    private static int levelOf(StepDefinition step, Map<String, StepDefinition> byId, Map<String, Integer> level) {
        Integer known = level.get(step.stepId());
        if (known != null) {
            return known;
        }
        int l = step.dependsOn().stream().mapToInt(d -> levelOf(byId.get(d), byId, level) + 1).max().orElse(0);
        level.put(step.stepId(), l);
        return l;
    }

    /** Steps in the order they run: level by level. */
    static List<StepDefinition> order(List<StepDefinition> steps) {
        return levels(steps).stream().flatMap(List::stream).toList();
    }

    /** What one step produced: its outcome and, when it completed, its outputs. */
    private record StepRun(StepOutcome outcome, Map<String, Object> outputs) {
    }

    /** How one attempt ended. */
    private record AttemptEnd(StepResult result, String error, boolean retryable) {

        static AttemptEnd failed(String error, boolean retryable) {
            return new AttemptEnd(null, error, retryable);
        }
    }

    /** The state of one run while it executes. */
    private final class Run {

        private final RunPlan plan;
        private final RunListener listener;
        private final RunControl control;
        private final Instant deadline;
        private final RunDates dates;
        private final Map<String, String> template;
        private final Semaphore slots = new Semaphore(settings.maxParallelSteps());
        private final AtomicBoolean interrupted = new AtomicBoolean();

        Run(RunPlan plan, RunListener listener, RunControl control) {
            this.plan = plan;
            this.listener = listener;
            this.control = control;
            this.deadline = clock.instant().plus(plan.definition().timeout());
            this.dates = new RunDates(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            this.template = template(plan);
        }

        RunOutcome execute() {
            Map<String, Object> variables = initialVariables();
            List<List<StepDefinition>> levels = levels(plan.definition().steps());
            Map<String, Integer> indexes = new HashMap<>();
            levels.stream().flatMap(List::stream).forEach(s -> indexes.put(s.stepId(), indexes.size()));
            List<StepOutcome> outcomes = new ArrayList<>();
            Set<String> blocked = new HashSet<>();
            RunStatus status = RunStatus.COMPLETED;
            String error = null;
            String alertStep = null;
            for (List<StepDefinition> level : levels) {
                if (status == RunStatus.COMPLETED && cancelled()) {
                    status = RunStatus.CANCELLED;
                    error = "Cancelled by request";
                } else if (status == RunStatus.COMPLETED && pastDeadline()) {
                    status = RunStatus.TIMEOUT;
                    error = timeoutMessage();
                }
                List<StepDefinition> runnable = new ArrayList<>();
                for (StepDefinition step : level) {
                    if (status != RunStatus.COMPLETED || !step.enabled()
                            || step.dependsOn().stream().anyMatch(blocked::contains)) {
                        blocked.add(step.stepId());
                        StepOutcome skipped = new StepOutcome(step.stepId(), step.psType(), indexes.get(step.stepId()),
                                StepStatus.SKIPPED, 0, clock.instant(), Duration.ZERO, 0, null);
                        outcomes.add(skipped);
                        listener.stepFinished(plan, skipped);
                    } else {
                        runnable.add(step);
                    }
                }
                List<StepRun> results = runLevel(runnable, indexes, withoutNulls(variables));
                for (StepRun run : results) {
                    StepOutcome outcome = run.outcome();
                    outcomes.add(outcome);
                    StepDefinition step = plan.definition().step(outcome.stepId()).orElseThrow();
                    if (outcome.status() == StepStatus.COMPLETED) {
                        variables.putAll(run.outputs());
                        continue;
                    }
                    blocked.add(step.stepId());
                    if (step.onFailure() == OnFailure.CONTINUE && !cancelled()) {
                        LOG.warn("Run {}: step {} failed and the pipeline continues: {}", plan.runId(), step.stepId(),
                                outcome.error());
                    } else if (status == RunStatus.COMPLETED) {
                        status = cancelled() ? RunStatus.CANCELLED : pastDeadline() ? RunStatus.TIMEOUT : RunStatus.FAILED;
                        error = status == RunStatus.CANCELLED ? "Cancelled by request during step " + step.stepId()
                                : "Step " + step.stepId() + " failed: " + outcome.error();
                        if (step.onFailure() == OnFailure.ALERT && status != RunStatus.CANCELLED) {
                            alertStep = step.stepId();
                        }
                    }
                }
            }
            outcomes.sort(Comparator.comparingInt(StepOutcome::index));
            return new RunOutcome(status, outcomes, error, alertStep);
        }

        /** Runs one level's steps side by side and returns their results in the level's order. */
        private List<StepRun> runLevel(List<StepDefinition> steps, Map<String, Integer> indexes,
                                       Map<String, Object> variables) {
            if (steps.size() == 1) {
                StepDefinition only = steps.getFirst();
                return List.of(runStep(only, indexes.get(only.stepId()), variables));
            }
            List<Future<StepRun>> futures = new ArrayList<>();
            for (StepDefinition step : steps) {
                futures.add(levelThreads.submit(() -> {
                    slots.acquire();
                    try {
                        return runStep(step, indexes.get(step.stepId()), variables);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<StepRun> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), steps.get(i), indexes.get(steps.get(i).stepId())));
            }
            return results;
        }

        private StepRun await(Future<StepRun> future, StepDefinition step, int index) {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The service is stopping: treat it as a cancellation, and let the step threads wind down.
                    interrupted.set(true);
                } catch (ExecutionException e) {
                    LOG.error("Run {}: step {} failed in the engine", plan.runId(), step.stepId(), e.getCause());
                    return new StepRun(new StepOutcome(step.stepId(), step.psType(), index, StepStatus.FAILED, 0,
                            clock.instant(), Duration.ZERO, 0, describe(e.getCause())), Map.of());
                }
            }
        }

        private StepRun runStep(StepDefinition step, int index, Map<String, Object> variables) {
            StepProcessor processor = processors.find(step.psType()).orElseThrow();
            Instant started = clock.instant();
            listener.stepStarted(plan, step.stepId(), step.psType(), index);
            String lastError = null;
            int attempt = 0;
            while (attempt < step.retry().maxAttempts()) {
                attempt++;
                if (attempt > 1) {
                    Duration delay = step.retry().delayBefore(attempt);
                    listener.stepRetrying(plan, step.stepId(), index, attempt - 1, lastError, delay);
                    Optional<String> stop = pause(delay);
                    if (stop.isPresent()) {
                        lastError = stop.get() + " before attempt " + attempt + " (last error: " + lastError + ")";
                        break;
                    }
                }
                Optional<String> stop = stopReason();
                if (stop.isPresent()) {
                    lastError = stop.get();
                    break;
                }
                AttemptEnd end = attempt(processor, step, variables);
                if (end.result() != null) {
                    StepOutcome outcome = new StepOutcome(step.stepId(), step.psType(), index, StepStatus.COMPLETED,
                            end.result().rowsProcessed(), started, Duration.between(started, clock.instant()), attempt,
                            null);
                    listener.stepFinished(plan, outcome);
                    return new StepRun(outcome, end.result().outputs());
                }
                lastError = end.error();
                LOG.warn("Run {}: step {} attempt {} failed: {}", plan.runId(), step.stepId(), attempt, lastError);
                if (!end.retryable()) {
                    break;
                }
            }
            StepOutcome outcome = new StepOutcome(step.stepId(), step.psType(), index, StepStatus.FAILED, 0, started,
                    Duration.between(started, clock.instant()), attempt, lastError);
            listener.stepFinished(plan, outcome);
            return new StepRun(outcome, Map.of());
        }

        /** One attempt on its own thread, watched until it ends, overruns or is cancelled. */
        private AttemptEnd attempt(StepProcessor processor, StepDefinition step, Map<String, Object> variables) {
            Map<String, Object> stepVariables = new LinkedHashMap<>(variables);
            stepVariables.put("step_id", step.stepId());
            StepContext context = new StepContext(plan.org(), plan.orgDataset(), plan.runId(),
                    plan.path().fileIdentifier(), step.stepId(),
                    Placeholders.resolve(step.config(), stepVariables, template, dates), Map.copyOf(stepVariables));
            Duration remaining = Duration.between(clock.instant(), deadline);
            Duration timeout = step.timeout().compareTo(remaining) < 0 ? step.timeout() : remaining;
            Instant stepDeadline = clock.instant().plus(timeout);
            CompletableFuture<StepResult> result = new CompletableFuture<>();
            Thread thread = stepThreads.newThread(() -> {
                try {
                    result.complete(processor.run(context));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            thread.start();
            while (true) {
                try {
                    return new AttemptEnd(result.get(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS), null,
                            false);
                } catch (TimeoutException e) {
                    // still running: look at the clock and the cancellation flag below
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof CloudActException)) {
                        LOG.debug("Run {}: step {} threw", plan.runId(), step.stepId(), cause);
                    }
                    return AttemptEnd.failed(describe(cause), retryable(cause));
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                if (cancelled()) {
                    return stop(thread, step, "Cancelled by request", false);
                }
                if (pastDeadline()) {
                    return stop(thread, step, timeoutMessage(), false);
                }
                if (!clock.instant().isBefore(stepDeadline)) {
                    return stop(thread, step, "Timed out after " + timeout.toSeconds() + " s", true);
                }
            }
        }

        /** Interrupts a step's thread and waits, up to the grace period, for it to end. */
        private AttemptEnd stop(Thread thread, StepDefinition step, String reason, boolean retryable) {
            thread.interrupt();
            try {
                if (!thread.join(settings.stopGracePeriod())) {
                    LOG.warn("Run {}: step {} did not stop within {} after: {}", plan.runId(), step.stepId(),
                            settings.stopGracePeriod(), reason);
                }
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return AttemptEnd.failed(reason, retryable);
        }

        /** Waits between attempts; ends early when the run is cancelled or out of time. */
        private Optional<String> pause(Duration delay) {
            Instant until = clock.instant().plus(delay);
            while (clock.instant().isBefore(until)) {
                Optional<String> stop = stopReason();
                if (stop.isPresent()) {
                    return stop;
                }
                long millis = Math.min(settings.pollInterval().toMillis(), Duration.between(clock.instant(), until).toMillis());
                try {
                    Thread.sleep(Math.max(millis, 1));
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
            return stopReason();
        }

        private Optional<String> stopReason() {
            if (cancelled()) {
                return Optional.of("Cancelled by request");
            }
            return pastDeadline() ? Optional.of(timeoutMessage()) : Optional.empty();
        }

        private boolean cancelled() {
            return interrupted.get() || control.cancelRequested();
        }

        private boolean pastDeadline() {
            return !clock.instant().isBefore(deadline);
        }

        private String timeoutMessage() {
            Duration timeout = plan.definition().timeout();
            return "Pipeline timed out after " + (timeout.toMinutes() > 0 ? timeout.toMinutes() + " minutes"
                    : timeout.toSeconds() + " s");
        }

        /**
         * The run's variables: the template names, the YAML {@code variables} and {@code parameters} defaults
         * (placeholders resolved), the trigger's variables over them, and the keys every step can rely on.
         */
        private Map<String, Object> initialVariables() {
            Map<String, Object> variables = new HashMap<>(template);
            Map<String, Object> given = withoutNulls(plan.variables());
            Map<String, Object> context = new HashMap<>(variables);
            context.putAll(given);
            variables.putAll(Placeholders.resolve(plan.definition().parameters(), context, template, dates));
            context.putAll(variables);
            context.putAll(given);
            variables.putAll(Placeholders.resolve(plan.definition().variables(), context, template, dates));
            variables.putAll(given);
            variables.put("org_slug", plan.org().value());
            variables.put("pipeline_id", plan.path().fileIdentifier());
            variables.put("x_pipeline_id", plan.path().fileIdentifier());
            variables.put("run_id", plan.runId());
            variables.put("x_run_id", plan.runId());
            variables.put("org_dataset", plan.orgDataset().value());
            variables.put("dataset", plan.orgDataset().value());
            variables.put("x_pipeline_run_date", Optional.ofNullable(variables.get("start_date")).orElse(dates.today()));
            return variables;
        }
    }

    private static Map<String, String> template(RunPlan plan) {
        Map<String, String> template = new HashMap<>();
        template.put("org_slug", plan.org().value());
        template.put("category", plan.path().category());
        plan.path().provider().ifPresent(p -> template.put("provider", p));
        template.put("domain", plan.path().domain());
        template.put("template_name", plan.path().pipeline());
        template.put("pipeline_id", plan.path().trackingId(plan.org()));
        return template;
    }

    /** Bad input does not get better by trying again; everything else (I/O, conflicts, outages) might. */
    private static boolean retryable(Throwable cause) {
        return !(cause instanceof CloudActException ce) || ce.code().httpStatus() >= 500;
    }

    private static String describe(Throwable cause) {
        return cause instanceof CloudActException ? cause.getMessage() : cause.getClass().getSimpleName() + ": "
                + cause.getMessage();
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> variables) {
        Map<String, Object> copy = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
