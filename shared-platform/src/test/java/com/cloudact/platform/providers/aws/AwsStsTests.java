package com.cloudact.platform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.standins.StsStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AwsStsTests {

    static final AwsKeys CUSTOMER = AwsKeys.of(TestKeys.awsAccessKeyId(), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    static final AwsKeys PLATFORM = AwsKeys.of(TestKeys.awsAccessKeyId(), "PlatformSecretKey0000000000000000000/+==");
    static final String ROLE = "arn:aws:iam::123456789012:role/CloudActReader";

    static StsStandIn sts;
    static SafeHttp http;
    static AwsSts client;

    @BeforeAll
    static void start() {
        sts = new StsStandIn();
        sts.user(CUSTOMER.accessKeyId(), CUSTOMER.secretAccessKey(), "arn:aws:iam::123456789012:user/billing-reader");
        sts.user(PLATFORM.accessKeyId(), PLATFORM.secretAccessKey(), "arn:aws:iam::999999999999:user/cloudact-platform");
        sts.role(ROLE, "ext-7f3a9c", "arn:aws:iam::999999999999:user/cloudact-platform");
        http = new SafeHttp(sts.allowList());
        client = new AwsSts(http, sts.baseUrl(), AwsSts.DEFAULT_SIGNING_REGION, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        http.close();
        sts.close();
    }

    @Test
    void getCallerIdentityReadsAccountAndArnFromTheXml() throws Exception {
        AwsSts.CallerIdentity id = client.getCallerIdentity(CUSTOMER);

        assertThat(id.account()).isEqualTo("123456789012");
        assertThat(id.arn()).isEqualTo("arn:aws:iam::123456789012:user/billing-reader");
        assertThat(sts.requests().getLast().form()).containsEntry("Action", "GetCallerIdentity").containsEntry("Version", "2011-06-15");
    }

    @Test
    void aSignatureMadeWithTheWrongSecretIsRefusedByTheStandIn() {
        AwsKeys wrong = AwsKeys.of(CUSTOMER.accessKeyId(), "0000000000000000000000000000000000000000");

        assertThatThrownBy(() -> client.getCallerIdentity(wrong))
                .isInstanceOfSatisfying(ProviderResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.providerMessage()).startsWith("The request signature we calculated does not match");
                });
    }

    @Test
    void assumeRoleReturnsTemporaryKeysThatWorkForTheNextCall() throws Exception {
        Instant before = Instant.now();

        AwsSts.TemporaryCredentials assumed = client.assumeRole(PLATFORM, ROLE, "ext-7f3a9c", "cloudact-test");

        assertThat(assumed.keys().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.keys().sessionToken()).isNotBlank();
        assertThat(assumed.expiration()).isBetween(before.plus(Duration.ofMinutes(14)), before.plus(Duration.ofMinutes(16)));
        assertThat(sts.requests().getLast().form()).containsEntry("RoleArn", ROLE).containsEntry("ExternalId", "ext-7f3a9c")
                .containsEntry("RoleSessionName", "cloudact-test").containsEntry("DurationSeconds", "900");
        assertThat(client.getCallerIdentity(assumed.keys()).arn())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/CloudActReader/cloudact-test");
    }

    @Test
    void assumeRoleWithTheWrongExternalIdIsAccessDenied() {
        assertThatThrownBy(() -> client.assumeRole(PLATFORM, ROLE, "guessed", "cloudact-test"))
                .isInstanceOfSatisfying(ProviderResponseException.class, e -> assertThat(e.errorCode()).isEqualTo("AccessDenied"));
    }

    @Test
    void xmlWithADoctypeIsNotParsed() {
        assertThatIllegalStateException().isThrownBy(() -> AwsSts.parse("""
                <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Account>&x;</Account>"""));
    }
}
