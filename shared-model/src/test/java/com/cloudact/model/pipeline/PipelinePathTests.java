package com.cloudact.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelinePathTests {

    private static final OrgSlug ACME = OrgSlug.of("Acme_Corp");

    @Test
    void fourSegmentCloudPath() {
        PipelinePath path = PipelinePath.of("cloud", "aws", "cost", "billing");
        assertThat(path.fileIdentifier()).isEqualTo("cloud/aws/cost/billing");
        assertThat(path.registryId()).isEqualTo("cloud_aws_cost_billing");
        assertThat(path.trackingId(ACME)).isEqualTo("acme_corp-cloud-aws-cost-billing");
        assertThat(path.provider()).contains("aws");
    }

    @Test
    void threeSegmentPathWithoutProvider() {
        PipelinePath path = PipelinePath.of("genai", "payg", "openai");
        assertThat(path.fileIdentifier()).isEqualTo("genai/payg/openai");
        assertThat(path.registryId()).isEqualTo("genai_payg_openai");
        assertThat(path.trackingId(ACME)).isEqualTo("acme_corp-genai-payg-openai");
        assertThat(path.provider()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/b", "a-b", "", "a b", "cost%2F..", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void rejectsAnInvalidSegmentInAnyPosition(String bad) {
        assertInvalid(() -> PipelinePath.of(bad, "aws", "cost", "billing"));
        assertInvalid(() -> PipelinePath.of("cloud", bad, "cost", "billing"));
        assertInvalid(() -> PipelinePath.of("cloud", "aws", bad, "billing"));
        assertInvalid(() -> PipelinePath.of("genai", "payg", bad));
    }

    @Test
    void acceptsFiftyCharacterSegments() {
        assertThat(PipelinePath.of("x".repeat(50), "d", "p").fileIdentifier()).startsWith("x".repeat(50) + "/");
    }

    @Test
    void theRegistryEntriesPathsMatchTheirIds() {
        PipelineRegistration aws = PipelineRegistry.load().find("cloud_aws_cost_billing").orElseThrow();
        assertThat(aws.path().registryId()).isEqualTo(aws.id());
        assertThat(aws.path().fileIdentifier()).isEqualTo("cloud/aws/cost/billing");
        assertThat(aws.requiredIntegration()).contains(Provider.AWS);
        assertThat(aws.enabled()).isTrue();
        assertThat(aws.defaultTimeoutSeconds()).isEqualTo(1800);
        for (PipelineRegistration registration : PipelineRegistry.load().all()) {
            assertThat(registration.path().registryId()).isEqualTo(registration.id());
        }
        assertThat(PipelineRegistry.load().find("cloud_aws_cost_nothing")).isEmpty();
    }

    private static void assertInvalid(Runnable creation) {
        assertThatThrownBy(creation::run)
                .isInstanceOf(CloudActException.class)
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}
