package com.cloudact.pipeline.standins;

import com.cloudact.platform.providers.standins.StsStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.util.List;

/** S3 and STS stand-ins for the whole pipeline test suite, with the keys they accept. */
public final class AwsStandIns {

    public static final String PLATFORM_KEY_ID = TestKeys.awsAccessKeyId();
    public static final String PLATFORM_SECRET = "PlatformSecretKey0000000000000000000/+==";
    public static final String PLATFORM_ARN = "arn:aws:iam::111122223333:user/cloudact-platform";
    public static final String CUSTOMER_KEY_ID = TestKeys.awsAccessKeyId();
    public static final String CUSTOMER_SECRET = "CustomerSecretKey0000000000000000000/+==";

    public static final S3StandIn S3 = new S3StandIn();
    public static final StsStandIn STS = new StsStandIn();

    static {
        STS.user(PLATFORM_KEY_ID, PLATFORM_SECRET, PLATFORM_ARN);
        S3.allow(CUSTOMER_KEY_ID, CUSTOMER_SECRET);
        S3.trust(STS::secretOf);
    }

    private AwsStandIns() {
    }

    /** The allow-list entries that let the guarded HTTP client reach them. */
    public static List<String> hosts() {
        return List.of(S3.hostPort(), STS.hostPort());
    }
}
