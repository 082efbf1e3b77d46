package com.cloudact.platform.providers;

import com.cloudact.platform.providers.aws.AwsCredential;
import com.cloudact.platform.providers.aws.AwsKeys;
import com.cloudact.platform.providers.aws.AwsSts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks STS who the credential is. Access keys: {@code GetCallerIdentity} with them. IAM role: CloudAct's platform
 * keys assume the role with the external id, then {@code GetCallerIdentity} with the temporary keys. STS answers a
 * bad key with 403 and an error code, so the codes, not the status, decide between INVALID and FORBIDDEN.
 */
final class AwsStsChecker extends ProviderChecker<AwsCredential> {

    static final String SESSION_NAME = "cloudact-connection-check";
    static final String NO_PLATFORM_KEYS =
            "CloudAct's own AWS credentials are not configured, so the role cannot be assumed yet";
    /** STS error codes that mean the keys themselves were not accepted. */
    static final Set<String> REJECTED_KEY_CODES = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "IncompleteSignature", "InvalidAccessKeyId", "UnrecognizedClientException", "AuthFailure",
            "MissingAuthenticationToken", "ExpiredToken", "InvalidToken");

    private final AwsSts sts;
    private final Optional<AwsKeys> platformKeys;

    AwsStsChecker(AwsSts sts, Optional<AwsKeys> platformKeys) {
        super("AWS", "access keys");
        this.sts = sts;
        this.platformKeys = platformKeys;
    }

    @Override
    AwsCredential parse(String raw) {
        return AwsCredential.parse(raw);
    }

    @Override
    List<String> secretsOf(AwsCredential credential) {
        List<String> secrets = new ArrayList<>();
        platformKeys.ifPresent(k -> addKeys(secrets, k));
        switch (credential) {
            case AwsCredential.AccessKeys a -> addKeys(secrets, a.keys());
            case AwsCredential.IamRole r -> { } // an external id is not a secret (AWS says so); it only names the customer
        }
        return secrets;
    }

    private static void addKeys(List<String> secrets, AwsKeys keys) {
        secrets.add(keys.secretAccessKey());
        if (keys.sessionToken() != null) {
            secrets.add(keys.sessionToken());
        }
    }

    @Override
    CheckResult checkParsed(AwsCredential credential) throws IOException, InterruptedException {
        return switch (credential) {
            case AwsCredential.AccessKeys a -> {
                AwsSts.CallerIdentity id = sts.getCallerIdentity(a.keys());
                yield CheckResult.valid("AWS accepted the access keys", Map.of("account_id", id.account(), "arn", id.arn()));
            }
            case AwsCredential.IamRole r -> checkRole(r);
        };
    }

    private CheckResult checkRole(AwsCredential.IamRole role) throws IOException, InterruptedException {
        if (platformKeys.isEmpty()) {
            return CheckResult.of(ConnectionStatus.PENDING, NO_PLATFORM_KEYS);
        }
        AwsSts.TemporaryCredentials assumed;
        try {
            assumed = sts.assumeRole(platformKeys.get(), role.roleArn(), role.externalId(), SESSION_NAME);
        } catch (ProviderResponseException e) {
            if (REJECTED_KEY_CODES.contains(e.errorCode())) {
                return CheckResult.of(ConnectionStatus.PENDING, "AWS did not accept CloudAct's own credentials ("
                        + e.errorCode() + "), so the role could not be assumed yet");
            }
            if (e.errorCode().equals("AccessDenied")) {
                return CheckResult.of(ConnectionStatus.FORBIDDEN, "CloudAct may not assume the role: check that its trust "
                        + "policy allows CloudAct's AWS account with this external ID" + said(e));
            }
            throw e;
        }
        AwsSts.CallerIdentity id = sts.getCallerIdentity(assumed.keys());
        return CheckResult.valid("CloudAct assumed the role", Map.of(
                "account_id", id.account(), "arn", id.arn(), "role_arn", role.roleArn()));
    }

    @Override
    CheckResult onProviderError(ProviderResponseException e) {
        if (REJECTED_KEY_CODES.contains(e.errorCode())) {
            return CheckResult.of(ConnectionStatus.INVALID, "AWS rejected the access keys (" + e.errorCode() + ")" + said(e));
        }
        if (e.errorCode().equals("AccessDenied")) {
            return CheckResult.of(ConnectionStatus.FORBIDDEN, "The access keys lack required permissions" + said(e));
        }
        if (e.errorCode().equals("Throttling")) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, "AWS rate limited, try again later");
        }
        return super.onProviderError(e);
    }

    private static String said(ProviderResponseException e) {
        return e.providerMessage().isEmpty() ? "" : " (AWS said: " + e.providerMessage() + ")";
    }
}
