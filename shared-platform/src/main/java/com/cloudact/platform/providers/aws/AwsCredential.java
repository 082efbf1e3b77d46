package com.cloudact.platform.providers.aws;

import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.Secrets;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a customer gives CloudAct to read their AWS account, chosen by {@code auth_type}: their own access keys, or
 * an IAM role in their account that CloudAct's platform keys assume (with an external id guarding against the
 * confused-deputy problem).
 */
public sealed interface AwsCredential permits AwsCredential.AccessKeys, AwsCredential.IamRole {

    /**
     * Reads {@code {"auth_type":"access_keys","access_key_id","secret_access_key","session_token"?,"region"?}} or
     * {@code {"auth_type":"iam_role","role_arn","external_id"}}.
     *
     * @throws IllegalArgumentException naming the missing or invalid field; never quoting a secret
     */
    static AwsCredential parse(String raw) {
        JsonNode json = CredentialJson.parseObject(raw, "AWS credential");
        String authType = CredentialJson.required(json, "auth_type");
        AwsCredential credential = switch (authType) {
            case "access_keys" -> new AccessKeys(
                    new AwsKeys(CredentialJson.required(json, "access_key_id"),
                            CredentialJson.required(json, "secret_access_key"),
                            CredentialJson.optional(json, "session_token")),
                    CredentialJson.optional(json, "region"));
            case "iam_role" -> new IamRole(CredentialJson.required(json, "role_arn"), CredentialJson.required(json, "external_id"));
            default -> throw new IllegalArgumentException("Field 'auth_type' must be \"access_keys\" or \"iam_role\"");
        };
        credential.validate();
        return credential;
    }

    void validate();

    AwsCredential redacted();

    /** The last four characters of the main secret: the secret access key, or the role's external id. */
    String fingerprint();

    /** Access keys of an IAM user (or temporary keys with their session token). */
    record AccessKeys(AwsKeys keys, String region) implements AwsCredential {

        private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");

        @Override
        public void validate() {
            keys.validate();
            if (region != null && !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("Field 'region' must be an AWS region such as us-east-1");
            }
        }

        @Override
        public AccessKeys redacted() {
            return new AccessKeys(keys.redacted(), region);
        }

        @Override
        public String fingerprint() {
            return keys.fingerprint();
        }

        @Override
        public String toString() {
            return "AwsCredential.AccessKeys[" + keys + ", region=" + region + "]";
        }
    }

    /** An IAM role in the customer's account that trusts CloudAct's account, given this external id. */
    record IamRole(String roleArn, String externalId) implements AwsCredential {

        private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
        private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

        @Override
        public void validate() {
            if (!ROLE_ARN.matcher(roleArn).matches()) {
                throw new IllegalArgumentException(
                        "Field 'role_arn' must look like arn:aws:iam::123456789012:role/RoleName");
            }
            if (!EXTERNAL_ID.matcher(externalId).matches()) {
                throw new IllegalArgumentException(
                        "Field 'external_id' must be 2 to 1224 letters, digits or the characters +=,.@:/-");
            }
        }

        /** The 12-digit account the role lives in. */
        public String accountId() {
            var m = ROLE_ARN.matcher(roleArn);
            return m.matches() ? m.group(2) : "";
        }

        @Override
        public IamRole redacted() {
            return new IamRole(roleArn, Secrets.REDACTED);
        }

        @Override
        public String fingerprint() {
            return Secrets.lastFour(externalId);
        }

        @Override
        public String toString() {
            return "AwsCredential.IamRole[roleArn=" + roleArn + ", externalId=…" + fingerprint() + "]";
        }
    }
}
