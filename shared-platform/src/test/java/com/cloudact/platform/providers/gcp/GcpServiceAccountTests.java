package com.cloudact.platform.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.cloudact.platform.providers.standins.NoSecrets;
import com.cloudact.platform.providers.standins.TestKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GcpServiceAccountTests {

    static final String EMAIL = "cloudact-reader@acme-prod-123.iam.gserviceaccount.com";

    static String keyFile() {
        return TestKeys.serviceAccountJson("acme-prod-123", EMAIL, TestKeys.rsa(), null);
    }

    @Test
    void parsesAGoogleKeyFileAndDefaultsTheTokenUri() {
        GcpServiceAccount account = GcpServiceAccount.parse(keyFile());

        assertThat(account.projectId()).isEqualTo("acme-prod-123");
        assertThat(account.clientEmail()).isEqualTo(EMAIL);
        assertThat(account.privateKeyId()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(account.tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(account.signingKey().getEncoded()).isEqualTo(TestKeys.rsa().getPrivate().getEncoded());
    }

    @Test
    void toStringRedactedAndFingerprintShowNoKeyMaterial() {
        GcpServiceAccount account = GcpServiceAccount.parse(keyFile());

        NoSecrets.in(account.toString(), account.privateKey());
        assertThat(account.toString()).contains(EMAIL, "acme-prod-123");
        assertThat(account.redacted().privateKey()).isEqualTo("REDACTED");
        assertThat(account.fingerprint()).matches("[0-9a-f]{4}");
    }

    @Test
    void namesTheFieldThatIsMissingOrWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("type", "authorized_user")))
                .withMessageContaining("'type'");
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("project_id", null)))
                .withMessage("Missing required field 'project_id'");
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("client_email", null)))
                .withMessage("Missing required field 'client_email'");
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("private_key", null)))
                .withMessage("Missing required field 'private_key'");
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("client_email", "someone@gmail.com")))
                .withMessageContaining("'client_email'");
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("project_id", "A")))
                .withMessageContaining("'project_id'");
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("token_uri", "not a url")))
                .withMessageContaining("'token_uri'");
    }

    @Test
    void aDamagedPrivateKeyIsNamedButNotQuoted() {
        String pem = TestKeys.pem(TestKeys.rsa());
        String damaged = pem.substring(0, 200) + "!!!" + pem.substring(260);

        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("private_key", damaged)))
                .withMessageContaining("'private_key'")
                .satisfies(e -> NoSecrets.in(e.getMessage(), pem));
        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(with("private_key", "MIIEvQIBADANBg")))
                .withMessageContaining("'private_key'").withMessageContaining("BEGIN PRIVATE KEY");
    }

    @Test
    void notJsonIsReportedWithoutQuotingTheInput() {
        String broken = keyFile().substring(0, 400);

        assertThatIllegalArgumentException().isThrownBy(() -> GcpServiceAccount.parse(broken))
                .withMessage("The service account JSON is not valid JSON");
    }

    @SuppressWarnings("unchecked")
    static String with(String field, String value) {
        Map<String, Object> json = new LinkedHashMap<>(JsonMapper.shared().readValue(keyFile(), Map.class));
        if (value == null) {
            json.remove(field);
        } else {
            json.put(field, value);
        }
        return TestKeys.json(json);
    }
}
