package com.cloudact.platform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.cloudact.platform.providers.standins.TestKeys;
import org.junit.jupiter.api.Test;

class AwsCredentialTests {

    static final String KEY_ID = TestKeys.awsAccessKeyId();
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void parsesAccessKeys() {
        AwsCredential parsed = AwsCredential.parse("""
                {"auth_type":"access_keys","access_key_id":"%s","secret_access_key":"%s","region":"eu-west-1"}"""
                .formatted(KEY_ID, SECRET));

        assertThat(parsed).isInstanceOfSatisfying(AwsCredential.AccessKeys.class, keys -> {
            assertThat(keys.keys()).isEqualTo(AwsKeys.of(KEY_ID, SECRET));
            assertThat(keys.region()).isEqualTo("eu-west-1");
        });
        assertThat(parsed.fingerprint()).isEqualTo("EKEY");
        assertThat(parsed.toString()).contains(KEY_ID).doesNotContain(SECRET);
        assertThat(parsed.redacted().toString()).doesNotContain(SECRET);
        assertThat(((AwsCredential.AccessKeys) parsed.redacted()).keys().secretAccessKey()).isEqualTo("REDACTED");
    }

    @Test
    void temporaryKeysNeedTheirSessionTokenAndHideIt() {
        String token = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN0123456789";
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse("""
                {"auth_type":"access_keys","access_key_id":"ASIAIOSFODNN7EXAMPLE","secret_access_key":"%s"}""".formatted(SECRET)))
                .withMessageContaining("'session_token'");

        AwsCredential parsed = AwsCredential.parse("""
                {"auth_type":"access_keys","access_key_id":"ASIAIOSFODNN7EXAMPLE","secret_access_key":"%s","session_token":"%s"}"""
                .formatted(SECRET, token));
        assertThat(parsed.toString()).doesNotContain(token).doesNotContain(SECRET);
    }

    @Test
    void parsesAnIamRole() {
        AwsCredential parsed = AwsCredential.parse("""
                {"auth_type":"iam_role","role_arn":"arn:aws:iam::123456789012:role/CloudActReader","external_id":"cloudact-acme-7f3a9c"}""");

        assertThat(parsed).isEqualTo(new AwsCredential.IamRole("arn:aws:iam::123456789012:role/CloudActReader", "cloudact-acme-7f3a9c"));
        assertThat(((AwsCredential.IamRole) parsed).accountId()).isEqualTo("123456789012");
        assertThat(parsed.toString()).doesNotContain("cloudact-acme-7f3a9c");
        assertThat(parsed.fingerprint()).isEqualTo("3a9c");
    }

    @Test
    void namesTheFieldThatIsMissingOrWrongWithoutEchoingSecrets() {
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse("{\"access_key_id\":\"" + KEY_ID + "\"}"))
                .withMessage("Missing required field 'auth_type'");
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse("{\"auth_type\":\"password\"}"))
                .withMessageContaining("'auth_type'");
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse(
                "{\"auth_type\":\"access_keys\",\"access_key_id\":\"" + KEY_ID + "\"}"))
                .withMessage("Missing required field 'secret_access_key'");
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse(
                "{\"auth_type\":\"access_keys\",\"access_key_id\":\"AKIA123\",\"secret_access_key\":\"" + SECRET + "\"}"))
                .withMessageContaining("'access_key_id'").withMessageNotContaining(SECRET);
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse(
                "{\"auth_type\":\"access_keys\",\"access_key_id\":\"" + KEY_ID + "\",\"secret_access_key\":\"" + SECRET + "x\"}"))
                .withMessageContaining("'secret_access_key'").withMessageNotContaining(SECRET);
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse(
                "{\"auth_type\":\"iam_role\",\"role_arn\":\"arn:aws:iam::12345:role/x\",\"external_id\":\"abc123\"}"))
                .withMessageContaining("'role_arn'");
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse(
                "{\"auth_type\":\"iam_role\",\"role_arn\":\"arn:aws:iam::123456789012:role/x\"}"))
                .withMessage("Missing required field 'external_id'");
        assertThatIllegalArgumentException().isThrownBy(() -> AwsCredential.parse("{\"auth_type\":\"access_keys\",\"secret_access_key\":\""
                + SECRET + "\""))
                .withMessage("The AWS credential is not valid JSON");
    }
}
