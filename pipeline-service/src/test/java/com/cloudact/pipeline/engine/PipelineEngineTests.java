package com.cloudact.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelineDefinition;
import com.cloudact.model.pipeline.PipelineDefinitionParser;
import com.cloudact.model.pipeline.PipelinePath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's semantics with scripted processors: dependency levels and parallelism, outputs and variables,
 * retries with backoff, timeouts that interrupt, the pipeline timeout, cancellation and failure policies.
 */
class PipelineEngineTests {

    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> attemptTimes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> interrupted = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> configs = new ConcurrentHashMap<>();
    private final List<String> retries = Collections.synchronizedList(new ArrayList<>());
    private final CyclicBarrier pair = new CyclicBarrier(2);

    /**
     * {@code test.step}: records its step id; config {@code fail_times} fails that many attempts first,
     * {@code sleep_ms} sleeps (recording an interrupt), {@code meet} waits for a second step at a barrier.
     */
    private final StepProcessor scripted = new StepProcessor() {
        @Override
        public String type() {
            return "test.step";
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            int attempt = calls.computeIfAbsent(context.stepId(), k -> new AtomicInteger()).incrementAndGet();
            attemptTimes.computeIfAbsent(context.stepId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Instant.now());
            configs.put(context.stepId(), context.config());
            int failTimes = ((Number) context.config().getOrDefault("fail_times", 0)).intValue();
            long sleepMillis = ((Number) context.config().getOrDefault("sleep_ms", 0)).longValue();
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    interrupted.put(context.stepId(), true);
                    throw e;
                }
            }
            if (Boolean.TRUE.equals(context.config().get("meet"))) {
                pair.await(3, TimeUnit.SECONDS);
            }
            if (Boolean.TRUE.equals(context.config().get("bad_input"))) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "bad file");
            }
            if (attempt <= failTimes) {
                throw new IllegalStateException("transient failure " + attempt);
            }
            executed.add(context.stepId() + ":" + context.config().getOrDefault("echo", ""));
            return new StepResult(attempt, Map.of("from_" + context.stepId(), "value-" + context.stepId()));
        }
    };

    private final PipelineEngine engine = engine(10);

    @Test
    void stepsRunInDependencyOrderAndSeeEarlierOutputsAndRunVariables() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: last, name: Last, ps_type: test.step, depends_on: [middle], config: {echo: "${from_middle}"}}
                  - {step_id: first, name: First, ps_type: test.step, config: {echo: "${org_slug}"}}
                  - {step_id: middle, name: Middle, ps_type: test.step, depends_on: [first], config: {echo: "${from_first}"}}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(executed).containsExactly("first:acme", "middle:value-first", "last:value-middle");
        assertThat(outcome.steps()).extracting(StepOutcome::stepId).containsExactly("first", "middle", "last");
    }

    @Test
    void stepsOfOneLevelRunAtTheSameTime() {
        // Each of the two steps waits at a barrier for the other: they only pass if they run concurrently.
        RunOutcome outcome = run("""
                steps:
                  - {step_id: left, name: Left, ps_type: test.step, config: {meet: true}}
                  - {step_id: right, name: Right, ps_type: test.step, config: {meet: true}}
                  - {step_id: join, name: Join, ps_type: test.step, depends_on: [left, right]}
                """);

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        assertThat(executed).last().isEqualTo("join:");
        assertThat(PipelineEngine.levels(definition("""
                steps:
                  - {step_id: left, name: Left, ps_type: test.step}
                  - {step_id: right, name: Right, ps_type: test.step}
                  - {step_id: join, name: Join, ps_type: test.step, depends_on: [left, right]}
                """).steps())).extracting(level -> level.stream().map(s -> s.stepId()).toList())
                .containsExactly(List.of("left", "right"), List.of("join"));
    }

    @Test
    void theParallelismBoundIsKept() {
        // With one slot the second step cannot reach the barrier while the first waits there.
        PipelineEngine sequential = engine(1);
        RunOutcome outcome = sequential.execute(plan("""
                steps:
                  - {step_id: left, name: Left, ps_type: test.step, config: {meet: true}}
                  - {step_id: right, name: Right, ps_type: test.step, config: {meet: true}}
                """), listener());

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("TimeoutException");
    }

    @Test
    void retriesRunWithExponentialBackoffUntilTheStepSucceeds() {
        RunOutcome outcome = run("""
                steps:
                  - step_id: flaky
                    name: Flaky
                    ps_type: test.step
                    config: {fail_times: 2}
                    retry: {max_attempts: 3, backoff_seconds: 0.2, exponential_backoff: true}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcome.steps().getFirst().attempts()).isEqualTo(3);
        assertThat(calls.get("flaky")).hasValue(3);
        List<Instant> times = attemptTimes.get("flaky");
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(times.get(1), times.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(retries).containsExactly("flaky#1", "flaky#2");
    }

    @Test
    void aStepThatKeepsFailingStopsTheRunAndSkipsWhatFollows() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: broken, name: Broken, ps_type: test.step, config: {fail_times: 9}, retry: {max_attempts: 2, backoff_seconds: 0.01}}
                  - {step_id: independent, name: Independent, ps_type: test.step}
                  - {step_id: later, name: Later, ps_type: test.step, depends_on: [independent]}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("broken").contains("transient failure 2");
        assertThat(outcome.alertRequested()).isFalse();
        assertThat(outcome.steps()).extracting(StepOutcome::stepId, StepOutcome::status).containsExactly(
                tuple("broken", StepStatus.FAILED), tuple("independent", StepStatus.COMPLETED),
                tuple("later", StepStatus.SKIPPED));
        assertThat(calls.get("broken")).hasValue(2);
    }

    @Test
    void onFailureAlertFailsTheRunAndAsksForTheAlert() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: check, name: Check, ps_type: test.step, config: {bad_input: true}, on_failure: alert}
                  - {step_id: after, name: After, ps_type: test.step, depends_on: [check]}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.alertRequested()).isTrue();
        assertThat(outcome.alertStepId()).isEqualTo("check");
        assertThat(outcome.steps()).extracting(StepOutcome::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
    }

    @Test
    void badInputIsNotRetried() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: load, name: Load, ps_type: test.step, config: {bad_input: true}, retry: {max_attempts: 5, backoff_seconds: 0.01}}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.steps().getFirst().attempts()).isEqualTo(1);
    }

    @Test
    void onFailureContinueSkipsOnlyTheDependentsAndTheRunCompletes() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: optional, name: Optional, ps_type: test.step, config: {fail_times: 9}, on_failure: continue}
                  - {step_id: needs_it, name: Needs it, ps_type: test.step, depends_on: [optional]}
                  - {step_id: other, name: Other, ps_type: test.step}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcome.steps()).extracting(StepOutcome::stepId, StepOutcome::status).containsExactly(
                tuple("optional", StepStatus.FAILED), tuple("other", StepStatus.COMPLETED),
                tuple("needs_it", StepStatus.SKIPPED));
    }

    @Test
    void aStepLongerThanItsTimeoutIsInterruptedAndFails() {
        Instant start = Instant.now();
        RunOutcome outcome = run("""
                steps:
                  - {step_id: slow, name: Slow, ps_type: test.step, config: {sleep_ms: 20000}, timeout_seconds: 1}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.steps().getFirst().error()).startsWith("Timed out after 1 s");
        assertThat(interrupted).containsEntry("slow", true);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTimedOutAttemptIsRetried() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: slow, name: Slow, ps_type: test.step, config: {sleep_ms: 20000}, timeout_seconds: 1,
                     retry: {max_attempts: 2, backoff_seconds: 0.01}}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(calls.get("slow")).hasValue(2);
    }

    @Test
    void thePipelineTimeoutInterruptsTheRunningStepAndEndsTheRunAsTimeout() {
        Instant start = Instant.now();
        RunOutcome outcome = run("""
                timeout_seconds: 1
                steps:
                  - {step_id: long, name: Long, ps_type: test.step, config: {sleep_ms: 20000}, timeout_seconds: 600,
                     retry: {max_attempts: 3, backoff_seconds: 0.01}}
                  - {step_id: never, name: Never, ps_type: test.step, depends_on: [long]}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.TIMEOUT);
        assertThat(outcome.error()).contains("timed out after 1 s");
        assertThat(interrupted).containsEntry("long", true);
        assertThat(calls.get("long")).as("no retry once the pipeline is out of time").hasValue(1);
        assertThat(outcome.steps()).extracting(StepOutcome::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void cancellationBetweenStepsSkipsTheRest() {
        AtomicBoolean cancel = new AtomicBoolean();
        StepProcessor canceller = new StepProcessor() {
            @Override
            public String type() {
                return "test.cancel";
            }

            @Override
            public StepResult run(StepContext context) {
                cancel.set(true);
                return new StepResult(0, Map.of());
            }
        };
        PipelineEngine withCanceller = new PipelineEngine(new ProcessorRegistry(List.of(scripted, canceller)),
                Clock.systemUTC(), new EngineProperties(10, Duration.ofMillis(20), Duration.ofSeconds(5)));

        RunOutcome outcome = withCanceller.execute(plan("""
                steps:
                  - {step_id: first, name: First, ps_type: test.cancel}
                  - {step_id: second, name: Second, ps_type: test.step, depends_on: [first]}
                """), listener(), cancel::get);

        assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(outcome.steps()).extracting(StepOutcome::status).containsExactly(StepStatus.COMPLETED, StepStatus.SKIPPED);
        assertThat(calls).doesNotContainKey("second");
    }

    @Test
    void cancellationInsideAStepInterruptsIt() {
        Instant start = Instant.now();
        Instant cancelAt = start.plusMillis(300);

        RunOutcome outcome = engine.execute(plan("""
                steps:
                  - {step_id: busy, name: Busy, ps_type: test.step, config: {sleep_ms: 20000}, on_failure: continue,
                     retry: {max_attempts: 3, backoff_seconds: 0.01}}
                  - {step_id: next, name: Next, ps_type: test.step}
                  - {step_id: after, name: After, ps_type: test.step, depends_on: [next]}
                """), listener(), () -> Instant.now().isAfter(cancelAt));

        assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(interrupted).containsEntry("busy", true);
        assertThat(calls.get("busy")).hasValue(1);
        assertThat(outcome.steps()).extracting(StepOutcome::stepId, StepOutcome::status).containsExactly(
                tuple("busy", StepStatus.FAILED), tuple("next", StepStatus.COMPLETED), tuple("after", StepStatus.SKIPPED));
        assertThat(outcome.steps().getFirst().error()).isEqualTo("Cancelled by request");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void variablesParametersDefaultsAndTemplateNamesAreSubstituted() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RunOutcome outcome = run("""
                variables:
                  greeting: "hello ${org_slug}"
                  window_start: "${start_date}"
                parameters:
                  lookback_days: 7
                steps:
                  - step_id: look
                    name: Look
                    ps_type: test.step
                    config:
                      greeting: "${greeting}"
                      start: "${start_date}"
                      window_start: "${window_start}"
                      month_start: "${month_from:MONTH_START}"
                      year_end: "${year_to:YEAR_END}"
                      literal_default: "${region:global}"
                      optional: "${not_given?}"
                      kept: "${not_given}"
                      lookback: "${lookback_days}"
                      table: "{org_slug}_raw_{provider}"
                      nested: {list: ["${org_slug}", "x-${run_id}"]}
                      dataset: "${org_dataset}"
                      run_date: "${x_pipeline_run_date}"
                """, Map.of("start_date", LocalDate.of(2024, 3, 5)));

        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo(RunStatus.COMPLETED);
        Map<String, Object> config = configs.get("look");
        assertThat(config).containsEntry("greeting", "hello acme")
                .containsEntry("start", LocalDate.of(2024, 3, 5))
                .containsEntry("window_start", LocalDate.of(2024, 3, 5))
                .containsEntry("month_start", today.withDayOfMonth(1))
                .containsEntry("year_end", LocalDate.of(today.getYear(), 12, 31))
                .containsEntry("literal_default", "global")
                .containsEntry("optional", null)
                .containsEntry("kept", "${not_given}")
                .containsEntry("lookback", 7)
                .containsEntry("table", "acme_raw_{provider}")
                .containsEntry("nested", Map.of("list", List.of("acme", "x-run-1")))
                .containsEntry("dataset", "acme_local")
                .containsEntry("run_date", LocalDate.of(2024, 3, 5));
    }

    @Test
    void disabledStepsAreSkipped() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: switched_off, name: Off, ps_type: test.step, enabled: false}
                  - {step_id: switched_on, name: On, ps_type: test.step}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(executed).containsExactly("switched_on:");
    }

    private PipelineEngine engine(int parallel) {
        return new PipelineEngine(new ProcessorRegistry(List.of(scripted)), Clock.systemUTC(),
                new EngineProperties(parallel, Duration.ofMillis(20), Duration.ofSeconds(5)));
    }

    private RunOutcome run(String stepsYaml) {
        return run(stepsYaml, Map.of());
    }

    private RunOutcome run(String stepsYaml, Map<String, Object> variables) {
        return engine.execute(plan(stepsYaml, variables), listener());
    }

    private RunListener listener() {
        return new RunListener() {
            @Override
            public void stepStarted(RunPlan p, String stepId, String psType, int index) {
            }

            @Override
            public void stepRetrying(RunPlan p, String stepId, int index, int attempt, String error, Duration delay) {
                retries.add(stepId + "#" + attempt);
            }

            @Override
            public void stepFinished(RunPlan p, StepOutcome outcome) {
            }
        };
    }

    private static PipelineDefinition definition(String stepsYaml) {
        String yaml = "pipeline_id: \"{org_slug}-test\"\nname: Test\nprovider: test\ndomain: unit\n" + stepsYaml;
        return PipelineDefinitionParser.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    private static RunPlan plan(String stepsYaml) {
        return plan(stepsYaml, Map.of());
    }

    private static RunPlan plan(String stepsYaml, Map<String, Object> extra) {
        OrgSlug org = OrgSlug.of("acme");
        Map<String, Object> variables = new java.util.HashMap<>(extra);
        variables.put("org_slug", "acme");
        return new RunPlan("run-1", org, new DatasetName("acme_local"), PipelinePath.of("test", "unit", "x"),
                definition(stepsYaml), variables);
    }
}
