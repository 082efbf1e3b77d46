package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.aws.AwsKeys;
import com.cloudact.platform.providers.standins.NoSecrets;
import com.cloudact.platform.providers.standins.StsStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AWS access keys and IAM roles against an STS stand-in that recomputes every SigV4 signature. */
class AwsStsCheckerTests {

    static final String KEY_ID = TestKeys.awsAccessKeyId();
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final AwsKeys PLATFORM = AwsKeys.of(TestKeys.awsAccessKeyId(), "PlatformSecretKey0000000000000000000/+==");
    static final String PLATFORM_ARN = "arn:aws:iam::999999999999:user/cloudact-platform";
    static final String ROLE = "arn:aws:iam::123456789012:role/CloudActReader";
    static final String EXTERNAL_ID = "cloudact-acme-7f3a9c";

    StsStandIn sts;
    SafeHttp http;

    @BeforeEach
    void start() {
        sts = new StsStandIn();
        sts.user(KEY_ID, SECRET, "arn:aws:iam::123456789012:user/billing-reader");
        sts.user(PLATFORM.accessKeyId(), PLATFORM.secretAccessKey(), PLATFORM_ARN);
        sts.role(ROLE, EXTERNAL_ID, PLATFORM_ARN);
        http = new SafeHttp(sts.allowList());
    }

    @AfterEach
    void stop() {
        http.close();
        sts.close();
    }

    CredentialChecker checker(Optional<AwsKeys> platform) {
        return CredentialCheckers.forProvider("aws", ProviderEndpoints.allAt(sts.baseUrl()), http, platform);
    }

    static String keys(String keyId, String secret) {
        return "{\"auth_type\":\"access_keys\",\"access_key_id\":\"%s\",\"secret_access_key\":\"%s\"}".formatted(keyId, secret);
    }

    static String role(String externalId) {
        return "{\"auth_type\":\"iam_role\",\"role_arn\":\"%s\",\"external_id\":\"%s\"}".formatted(ROLE, externalId);
    }

    @Test
    void accessKeysAwsAcceptsAreValidWithAccountAndArn() {
        CheckResult result = checker(Optional.empty()).check(keys(KEY_ID, SECRET));

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(result.facts()).containsEntry("account_id", "123456789012")
                .containsEntry("arn", "arn:aws:iam::123456789012:user/billing-reader");
        NoSecrets.in(result, SECRET);
    }

    @Test
    void aWrongSecretFailsTheStandInsSignatureCheckAndIsInvalid() {
        String wrong = "AAAArXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        CheckResult result = checker(Optional.empty()).check(keys(KEY_ID, wrong));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).startsWith("AWS rejected the access keys (SignatureDoesNotMatch)");
        NoSecrets.in(result, wrong, SECRET);
    }

    @Test
    void anUnknownAccessKeyIsInvalid() {
        CheckResult result = checker(Optional.empty()).check(keys(TestKeys.awsAccessKeyId(), SECRET));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).contains("InvalidClientTokenId");
    }

    @Test
    void temporaryKeysAreSentWithTheirSessionToken() {
        String token = "IQoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJHMEUCIQDexampleSessionToken";
        sts.temporary("ASIAIOSFODNN7EXAMPLE", SECRET, token, "arn:aws:sts::123456789012:assumed-role/Dev/alice");

        CheckResult result = checker(Optional.empty()).check("""
                {"auth_type":"access_keys","access_key_id":"ASIAIOSFODNN7EXAMPLE","secret_access_key":"%s","session_token":"%s"}"""
                .formatted(SECRET, token));

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(sts.requests().getFirst().header("x-amz-security-token")).isEqualTo(token);
        NoSecrets.in(result, SECRET, token);
    }

    @Test
    void aRoleWithoutPlatformKeysIsPendingAndNothingIsSent() {
        CheckResult result = checker(Optional.empty()).check(role(EXTERNAL_ID));

        assertThat(result.status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(result.message())
                .isEqualTo("CloudAct's own AWS credentials are not configured, so the role cannot be assumed yet");
        assertThat(sts.requests()).isEmpty();
    }

    @Test
    void aRoleIsAssumedWithThePlatformKeysAndCheckedWithTheTemporaryOnes() {
        CheckResult result = checker(Optional.of(PLATFORM)).check(role(EXTERNAL_ID));

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(result.facts()).containsEntry("account_id", "123456789012").containsEntry("role_arn", ROLE)
                .containsEntry("arn", "arn:aws:sts::123456789012:assumed-role/CloudActReader/cloudact-connection-check");
        assertThat(sts.requests()).hasSize(2);
        assertThat(sts.requests().get(0).form()).containsEntry("Action", "AssumeRole").containsEntry("ExternalId", EXTERNAL_ID);
        assertThat(sts.requests().get(0).header("Authorization")).contains("Credential=" + PLATFORM.accessKeyId() + "/");
        assertThat(sts.requests().get(1).form()).containsEntry("Action", "GetCallerIdentity");
        assertThat(sts.requests().get(1).header("Authorization")).contains("Credential=ASIA");
        NoSecrets.in(result, PLATFORM.secretAccessKey());
    }

    @Test
    void aRoleThatDoesNotTrustCloudActIsForbidden() {
        CheckResult result = checker(Optional.of(PLATFORM)).check(role("cloudact-someone-else"));

        assertThat(result.status()).isEqualTo(ConnectionStatus.FORBIDDEN);
        assertThat(result.message()).contains("trust policy", "not authorized to perform: sts:AssumeRole");
        NoSecrets.in(result, PLATFORM.secretAccessKey());
    }

    @Test
    void rejectedPlatformKeysLeaveTheRolePendingRatherThanBlamingTheCustomer() {
        AwsKeys stale = AwsKeys.of(PLATFORM.accessKeyId(), "0000000000000000000000000000000000000000");

        CheckResult result = checker(Optional.of(stale)).check(role(EXTERNAL_ID));

        assertThat(result.status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(result.message()).contains("CloudAct's own credentials", "SignatureDoesNotMatch");
    }

    @Test
    void serverErrorsThrottlingAndRedirectsAreUnreachable() {
        CredentialChecker checker = checker(Optional.empty());
        sts.failNext(StsStandIn.error(500, "Receiver", "InternalFailure", "An internal error occurred."));
        CheckResult failed = checker.check(keys(KEY_ID, SECRET));
        sts.failNext(StsStandIn.error(400, "Sender", "Throttling", "Rate exceeded"));
        CheckResult throttled = checker.check(keys(KEY_ID, SECRET));
        sts.redirectNext();
        CheckResult redirected = checker.check(keys(KEY_ID, SECRET));

        assertThat(failed.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(failed.message()).contains("API error: 500");
        assertThat(throttled.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(throttled.message()).contains("rate limited");
        assertThat(redirected.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(sts.redirectFollowed()).isFalse();
    }

    @Test
    void malformedCredentialsAreNeverSent() {
        CheckResult badKey = checker(Optional.of(PLATFORM)).check(keys("AKIA-not-a-key", SECRET));
        CheckResult badArn = checker(Optional.of(PLATFORM)).check(
                "{\"auth_type\":\"iam_role\",\"role_arn\":\"arn:aws:iam::1:role/x\",\"external_id\":\"abc\"}");

        assertThat(badKey.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(badKey.message()).contains("'access_key_id'");
        assertThat(badArn.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(badArn.message()).contains("'role_arn'");
        NoSecrets.in(badKey, SECRET);
        assertThat(sts.requests()).isEmpty();
    }
}
