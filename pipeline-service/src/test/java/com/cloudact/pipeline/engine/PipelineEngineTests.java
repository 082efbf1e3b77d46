package com.cloudact.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's semantics with scripted processors: order, outputs, retries, timeouts and failure policies. */
class PipelineEngineTests {

    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** {@code test.step}: records its step id; config {@code fail_times} fails that many attempts first. */
    private final StepProcessor scripted = new StepProcessor() {
        @Override
        public String type() {
            return "test.step";
        }

        @Override
        public StepResult run(StepContext context) throws Exception {
            int attempt = calls.computeIfAbsent(context.stepId(), k -> new AtomicInteger()).incrementAndGet();
            int failTimes = ((Number) context.config().getOrDefault("fail_times", 0)).intValue();
            long sleepMillis = ((Number) context.config().getOrDefault("sleep_ms", 0)).longValue();
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
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

    private final PipelineEngine engine = new PipelineEngine(new ProcessorRegistry(List.of(scripted)), Clock.systemUTC());

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
    }

    @Test
    void retriesRunWithBackoffUntilTheStepSucceeds() {
        RunOutcome outcome = run("""
                steps:
                  - step_id: flaky
                    name: Flaky
                    ps_type: test.step
                    config: {fail_times: 2}
                    retry: {max_attempts: 3, backoff_seconds: 0.01}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(outcome.steps().getFirst().attempts()).isEqualTo(3);
        assertThat(calls.get("flaky")).hasValue(3);
    }

    @Test
    void aStepThatKeepsFailingStopsTheRunAndSkipsWhatFollows() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: broken, name: Broken, ps_type: test.step, config: {fail_times: 9}, retry: {max_attempts: 2, backoff_seconds: 0.01}}
                  - {step_id: independent, name: Independent, ps_type: test.step}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).contains("broken").contains("transient failure 2");
        assertThat(outcome.steps()).extracting(StepOutcome::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(calls.get("broken")).hasValue(2);
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
                org.assertj.core.groups.Tuple.tuple("optional", StepStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("needs_it", StepStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("other", StepStatus.COMPLETED));
    }

    @Test
    void aStepLongerThanItsTimeoutFails() {
        RunOutcome outcome = run("""
                steps:
                  - {step_id: slow, name: Slow, ps_type: test.step, config: {sleep_ms: 3000}, timeout_seconds: 1}
                """);

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.steps().getFirst().error()).startsWith("Timed out after 1 s");
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

    private RunOutcome run(String stepsYaml) {
        String yaml = "pipeline_id: \"{org_slug}-test\"\nname: Test\nprovider: test\ndomain: unit\n" + stepsYaml;
        PipelineDefinition definition = PipelineDefinitionParser.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
        OrgSlug org = OrgSlug.of("acme");
        RunPlan plan = new RunPlan("run-1", org, new DatasetName("acme_local"), PipelinePath.of("test", "unit", "x"),
                definition, Map.of("org_slug", "acme"));
        return engine.execute(plan, new RunListener() {
            @Override
            public void stepStarted(RunPlan p, String stepId, String psType, int index) {
            }

            @Override
            public void stepFinished(RunPlan p, StepOutcome outcome) {
            }
        });
    }
}
