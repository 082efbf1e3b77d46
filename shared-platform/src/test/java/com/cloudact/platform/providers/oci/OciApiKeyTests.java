package com.cloudact.platform.providers.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.cloudact.platform.providers.standins.NoSecrets;
import com.cloudact.platform.providers.standins.TestKeys;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciApiKeyTests {

    static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    static final String USER = "ocid1.user.oc1..aaaaaaaaxbkzs3lqnu6vhrkzzmnzvnaeo7jbo3vr6zfhqmhoaaxwmepvjj5q";

    static Map<String, Object> fields(KeyPair pair, String pem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenancy_ocid", TENANCY);
        json.put("user_ocid", USER);
        json.put("fingerprint", TestKeys.ociFingerprint(pair));
        json.put("private_key", pem);
        json.put("region", "us-ashburn-1");
        return json;
    }

    static String json(KeyPair pair) {
        return TestKeys.json(fields(pair, TestKeys.pem(pair)));
    }

    @Test
    void parsesAndChecksTheFingerprintAgainstTheKey() {
        OciApiKey key = OciApiKey.parse(json(TestKeys.rsa()));

        assertThat(key.keyId()).isEqualTo(TENANCY + "/" + USER + "/" + TestKeys.ociFingerprint(TestKeys.rsa()));
        assertThat(key.region()).isEqualTo("us-ashburn-1");
        NoSecrets.in(key.toString(), key.privateKey());
        assertThat(key.redacted().privateKey()).isEqualTo("REDACTED");
        assertThat(key.fingerprint()).matches("[0-9a-f]{4}");
    }

    @Test
    void acceptsAPkcs1KeyAsOlderOpensslWritesIt() {
        OciApiKey key = OciApiKey.parse(TestKeys.json(fields(TestKeys.rsa(), TestKeys.pkcs1Pem(TestKeys.rsa()))));

        assertThat(key.signingKey().getEncoded()).isEqualTo(TestKeys.rsa().getPrivate().getEncoded());
    }

    @Test
    void aFingerprintOfAnotherKeyIsCaughtLocally() {
        Map<String, Object> mismatched = fields(TestKeys.rsa(), TestKeys.pem(TestKeys.rsa()));
        mismatched.put("fingerprint", TestKeys.ociFingerprint(TestKeys.otherRsa()));

        assertThatIllegalArgumentException().isThrownBy(() -> OciApiKey.parse(TestKeys.json(mismatched)))
                .withMessageContaining("'fingerprint' does not match 'private_key'");
    }

    @Test
    void namesTheFieldThatIsMissingOrWrong() {
        assertInvalid("tenancy_ocid", "ocid1.user.oc1..aaaa", "'tenancy_ocid'");
        assertInvalid("user_ocid", "ocid1.tenancy.oc1..aaaa", "'user_ocid'");
        assertInvalid("fingerprint", "aa:bb:cc", "'fingerprint'");
        assertInvalid("region", "Ashburn", "'region'");
        assertInvalid("private_key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----", "encrypted");
        assertInvalid("region", null, "Missing required field 'region'");
    }

    private static void assertInvalid(String field, String value, String expected) {
        Map<String, Object> json = fields(TestKeys.rsa(), TestKeys.pem(TestKeys.rsa()));
        if (value == null) {
            json.remove(field);
        } else {
            json.put(field, value);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> OciApiKey.parse(TestKeys.json(json)))
                .withMessageContaining(expected)
                .satisfies(e -> NoSecrets.in(e.getMessage(), TestKeys.pem(TestKeys.rsa())));
    }
}
