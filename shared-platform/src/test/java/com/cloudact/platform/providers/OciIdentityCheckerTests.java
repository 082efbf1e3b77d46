package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.standins.NoSecrets;
import com.cloudact.platform.providers.standins.OciStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OCI API keys against an Identity stand-in that verifies every request signature with the registered public key. */
class OciIdentityCheckerTests {

    static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    static final String USER = "ocid1.user.oc1..aaaaaaaaxbkzs3lqnu6vhrkzzmnzvnaeo7jbo3vr6zfhqmhoaaxwmepvjj5q";

    OciStandIn oci;
    SafeHttp http;
    CredentialChecker checker;

    @BeforeEach
    void start() {
        oci = new OciStandIn();
        oci.key(TENANCY + "/" + USER + "/" + TestKeys.ociFingerprint(TestKeys.rsa()), TestKeys.rsa().getPublic());
        oci.tenancy(TENANCY, "acmecorp");
        http = new SafeHttp(oci.allowList());
        checker = CredentialCheckers.forProvider("oci", ProviderEndpoints.allAt(oci.baseUrl()), http, Optional.empty());
    }

    @AfterEach
    void stop() {
        http.close();
        oci.close();
    }

    static String apiKey(String tenancy, KeyPair pair) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenancy_ocid", tenancy);
        json.put("user_ocid", USER);
        json.put("fingerprint", TestKeys.ociFingerprint(pair));
        json.put("private_key", TestKeys.pem(pair));
        json.put("region", "us-ashburn-1");
        return TestKeys.json(json);
    }

    @Test
    void aSignedRequestTheStandInVerifiesIsValidWithTheTenancyName() {
        CheckResult result = checker.check(apiKey(TENANCY, TestKeys.rsa()));

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(result.facts()).containsEntry("tenancy_name", "acmecorp").containsEntry("home_region_key", "IAD")
                .containsEntry("tenancy_ocid", TENANCY);
        assertThat(oci.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/20160918/tenancies/" + TENANCY);
            assertThat(r.header("Authorization")).contains("headers=\"date (request-target) host\"");
        });
        NoSecrets.in(result, TestKeys.pem(TestKeys.rsa()));
    }

    @Test
    void aKeyOciDoesNotHoldIsInvalid() {
        CheckResult result = checker.check(apiKey(TENANCY, TestKeys.otherRsa()));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).isEqualTo("Invalid API signing key");
        NoSecrets.in(result, TestKeys.pem(TestKeys.otherRsa()));
    }

    @Test
    void aSignatureOverTheWrongStringIsRejectedByTheStandIn() {
        // Same keyId as the good key, but the stand-in holds a different public key for it: the signature cannot verify.
        oci.key(TENANCY + "/" + USER + "/" + TestKeys.ociFingerprint(TestKeys.rsa()), TestKeys.otherRsa().getPublic());

        CheckResult result = checker.check(apiKey(TENANCY, TestKeys.rsa()));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
    }

    @Test
    void aTenancyTheUserCannotReadIsNotFound() {
        String other = "ocid1.tenancy.oc1..aaaaaaaaotherotherotherotherotherotherotherotherotherother";
        oci.key(other + "/" + USER + "/" + TestKeys.ociFingerprint(TestKeys.rsa()), TestKeys.rsa().getPublic());

        CheckResult result = checker.check(apiKey(other, TestKeys.rsa()));

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).contains("not found");
    }

    @Test
    void forbiddenThrottledFailedAndRedirectedAnswersAreMapped() {
        oci.failNext(OciStandIn.error(403, "NotAllowed", "User is not allowed to read tenancy"));
        CheckResult forbidden = checker.check(apiKey(TENANCY, TestKeys.rsa()));
        oci.failNext(OciStandIn.error(429, "TooManyRequests", "User-rate limit exceeded."));
        CheckResult limited = checker.check(apiKey(TENANCY, TestKeys.rsa()));
        oci.failNext(OciStandIn.error(500, "InternalServerError", "Internal error"));
        CheckResult failed = checker.check(apiKey(TENANCY, TestKeys.rsa()));
        oci.redirectNext();
        CheckResult redirected = checker.check(apiKey(TENANCY, TestKeys.rsa()));

        assertThat(forbidden.status()).isEqualTo(ConnectionStatus.FORBIDDEN);
        assertThat(forbidden.message()).contains("lacks required permissions");
        assertThat(limited.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(failed.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(failed.message()).contains("API error: 500");
        assertThat(redirected.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(oci.redirectFollowed()).isFalse();
    }

    @Test
    void aFingerprintThatDoesNotMatchTheKeyIsMalformedAndNeverSent() {
        String mismatched = apiKey(TENANCY, TestKeys.rsa()).replace(TestKeys.ociFingerprint(TestKeys.rsa()),
                TestKeys.ociFingerprint(TestKeys.otherRsa()));

        CheckResult result = checker.check(mismatched);

        assertThat(result.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(result.message()).contains("'fingerprint'");
        assertThat(oci.requests()).isEmpty();
    }
}
