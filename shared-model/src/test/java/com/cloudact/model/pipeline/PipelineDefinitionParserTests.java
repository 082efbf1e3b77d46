package com.cloudact.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineDefinitionParserTests {

    private static final String VALID = """
            pipeline_id: "{org_slug}-cloud-aws-cost-billing"
            name: AWS billing to FOCUS 1.3
            description: Loads a CUR file and converts it
            provider: aws
            domain: cost
            version: 1.0
            timeout_minutes: 45
            variables:
              source_table: cloud_aws_billing_raw_daily
            parameters:
              start_date: null
            steps:
              - step_id: load
                name: Load the CUR file
                ps_type: aws.cur_load
                timeout_minutes: 20
                retry: {max_attempts: 3, backoff_seconds: 2, exponential_backoff: true}
                config:
                  destination: "${source_table}"
              - step_id: convert
                name: Convert to FOCUS
                ps_type: procedures.focus_convert
                depends_on: [load]
                timeout_seconds: 90
                on_failure: alert
              - step_id: notify
                name: Notify
                ps_type: notify.email
                depends_on: [load, convert]
                on_failure: continue
                enabled: false
            """;

    @Test
    void parsesAValidPipeline() {
        PipelineDefinition pipeline = parse(VALID);

        assertThat(pipeline.pipelineIdTemplate()).isEqualTo("{org_slug}-cloud-aws-cost-billing");
        assertThat(pipeline.name()).isEqualTo("AWS billing to FOCUS 1.3");
        assertThat(pipeline.provider()).isEqualTo("aws");
        assertThat(pipeline.domain()).isEqualTo("cost");
        assertThat(pipeline.version()).isEqualTo("1.0");
        assertThat(pipeline.timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(pipeline.variables()).containsEntry("source_table", "cloud_aws_billing_raw_daily");
        assertThat(pipeline.steps()).extracting(StepDefinition::stepId).containsExactly("load", "convert", "notify");

        StepDefinition load = pipeline.step("load").orElseThrow();
        assertThat(load.psType()).isEqualTo("aws.cur_load");
        assertThat(load.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(load.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(2), true));
        assertThat(load.config()).isEqualTo(Map.of("destination", "${source_table}"));
        assertThat(load.dependsOn()).isEmpty();
        assertThat(load.onFailure()).isEqualTo(OnFailure.STOP);
        assertThat(load.enabled()).isTrue();

        StepDefinition convert = pipeline.step("convert").orElseThrow();
        assertThat(convert.dependsOn()).containsExactly("load");
        assertThat(convert.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(convert.retry()).isEqualTo(RetryPolicy.NONE);
        assertThat(convert.onFailure()).isEqualTo(OnFailure.ALERT);

        StepDefinition notify = pipeline.step("notify").orElseThrow();
        assertThat(notify.onFailure()).isEqualTo(OnFailure.CONTINUE);
        assertThat(notify.enabled()).isFalse();
        assertThat(notify.timeout()).isEqualTo(StepDefinition.DEFAULT_TIMEOUT);
    }

    @Test
    void appliesDefaults() {
        PipelineDefinition pipeline = parse("""
                pipeline_id: p
                name: P
                provider: openai
                domain: usage
                steps:
                  - {step_id: only, name: Only, ps_type: openai.usage, on_failure: fail}
                """);
        assertThat(pipeline.timeout()).isEqualTo(PipelineDefinition.DEFAULT_TIMEOUT);
        assertThat(pipeline.variables()).isEmpty();
        assertThat(pipeline.version()).isNull();
        assertThat(pipeline.steps().getFirst().onFailure()).isEqualTo(OnFailure.STOP);
    }

    @Test
    void rejectsAStepWithoutAName() {
        assertRejected(VALID.replace("    name: Convert to FOCUS\n", ""), "'name' is required");
    }

    @Test
    void rejectsADependencyOnAnUnknownStep() {
        assertRejected(VALID.replace("depends_on: [load]", "depends_on: [lode]"),
                "step convert depends on unknown step 'lode'");
    }

    @Test
    void rejectsACycle() {
        assertRejected(VALID.replace("ps_type: aws.cur_load", "ps_type: aws.cur_load\n    depends_on: [notify]"),
                "cycle");
    }

    @Test
    void rejectsAStepThatDependsOnItself() {
        assertRejected(VALID.replace("depends_on: [load]", "depends_on: [convert]"), "cycle through convert");
    }

    @Test
    void rejectsADuplicateStepId() {
        assertRejected(VALID.replace("step_id: notify", "step_id: load"), "step_id 'load' is used twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"notify", "notify_email", "''"})
    void rejectsAPsTypeWithoutArea(String psType) {
        String yaml = VALID.replace("ps_type: notify.email", "ps_type: " + psType);
        assertRejected(yaml, psType.equals("''") ? "'ps_type' is required" : "ps_type must look like area.processor");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, -1, 100})
    void rejectsRetryAttemptsOutsideOneToTen(int attempts) {
        assertRejected(VALID.replace("max_attempts: 3", "max_attempts: " + attempts),
                "retry.max_attempts must be 1-10, not " + attempts);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10})
    void acceptsRetryAttemptsAtTheBounds(int attempts) {
        assertThat(parse(VALID.replace("max_attempts: 3", "max_attempts: " + attempts))
                .step("load").orElseThrow().retry().maxAttempts()).isEqualTo(attempts);
    }

    @Test
    void rejectsOtherMalformedDefinitions() {
        assertRejected(VALID.replace("timeout_seconds: 90", "timeout_seconds: 7201"), "timeout_seconds must be 1-7200");
        assertRejected(VALID.replace("timeout_minutes: 20", "timeout_minutes: 0"), "timeout_minutes must be 1-120");
        assertRejected(VALID.replace("on_failure: alert", "on_failure: explode"), "on_failure must be");
        assertRejected(VALID.replace("step_id: convert", "step_id: con-vert"), "step_id 'con-vert'");
        assertRejected(VALID.replace("\"{org_slug}-cloud-aws-cost-billing\"", "\"a/b\""), "pipeline_id may only hold");
        assertRejected(VALID.replace("provider: aws\n", ""), "'provider' is required");
        assertRejected(VALID.replace("max_attempts: 3", "max_attempts: three"), "'max_attempts' must be a whole number");
        assertRejected(VALID.substring(0, VALID.indexOf("steps:")) + "steps: []\n", "at least one step");
        assertRejected("- just\n- a list\n", "not a YAML mapping");
    }

    @Test
    void retryDelayGrowsExponentially() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), true);
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(policy::delayBefore).toList()).containsExactly(
                Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16));
    }

    @Test
    void retryDelayIsConstantWithoutExponentialBackoff() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(1500), false);
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ZERO);
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryPolicy.NONE.delayBefore(2)).isEqualTo(Duration.ZERO);
    }

    @Test
    void fractionalBackoffSecondsAreKeptToTheMillisecond() {
        PipelineDefinition pipeline = parse(VALID.replace("backoff_seconds: 2", "backoff_seconds: 0.25"));
        assertThat(pipeline.step("load").orElseThrow().retry().delayBefore(3)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aPipelineTimeoutMayBeGivenInSeconds() {
        assertThat(parse(VALID.replace("timeout_minutes: 45", "timeout_seconds: 5")).timeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertRejected(VALID.replace("timeout_minutes: 45", "timeout_seconds: 0"), "the pipeline timeout must be positive");
    }

    private static PipelineDefinition parse(String yaml) {
        return PipelineDefinitionParser.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test.yml");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String yaml, String problem) {
        return assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(PipelineDefinitionException.class)
                .hasMessageStartingWith("test.yml")
                .hasMessageContaining(problem);
    }
}
