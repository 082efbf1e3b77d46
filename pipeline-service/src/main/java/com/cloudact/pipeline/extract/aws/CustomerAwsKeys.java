package com.cloudact.pipeline.extract.aws;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.aws.AwsCredential;
import com.cloudact.platform.providers.aws.AwsKeys;
import com.cloudact.platform.providers.aws.AwsSts;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The AWS keys a run reads a customer's account with: the access keys as stored, or the customer's IAM role assumed
 * with CloudAct's own keys and the customer's external id.
 */
public final class CustomerAwsKeys {

    private final SafeHttp http;
    private final String stsUrl;
    private final Optional<AwsKeys> platformKeys;
    private final Clock clock;

    public CustomerAwsKeys(SafeHttp http, String stsUrl, Optional<AwsKeys> platformKeys, Clock clock) {
        this.http = http;
        this.stsUrl = stsUrl;
        this.platformKeys = platformKeys;
        this.clock = clock;
    }

    /** @param purpose a word for the role session name, e.g. {@code cur} */
    public AwsKeys of(AwsCredential credential, String credentialId, String purpose)
            throws IOException, InterruptedException {
        return switch (credential) {
            case AwsCredential.AccessKeys access -> access.keys();
            case AwsCredential.IamRole role -> {
                try {
                    yield new AwsSts(http, stsUrl, AwsSts.DEFAULT_SIGNING_REGION, clock)
                            .assumeRole(platformKeys.orElseThrow(() -> new CloudActException(
                                            ErrorCode.INTEGRATION_NOT_CONFIGURED, "CloudAct has no AWS keys of its own"
                                            + " to assume the role " + role.roleArn())),
                                    role.roleArn(), role.externalId(), "cloudact-" + purpose + "-"
                                            + credentialId.substring(0, Math.min(8, credentialId.length())))
                            .keys();
                } catch (ProviderResponseException e) {
                    throw new CloudActException(ErrorCode.FORBIDDEN, "AWS STS refused assuming " + role.roleArn() + ": "
                            + e.getMessage(), e);
                }
            }
        };
    }
}
