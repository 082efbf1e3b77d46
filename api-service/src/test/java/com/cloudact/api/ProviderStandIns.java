package com.cloudact.api;

import com.cloudact.platform.providers.standins.AzureStandIn;
import com.cloudact.platform.providers.standins.GenAiStandIn;
import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.OciStandIn;
import com.cloudact.platform.providers.standins.StandIn;
import com.cloudact.platform.providers.standins.StsStandIn;
import com.cloudact.platform.providers.standins.TestKeys;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Local stand-ins of every provider API the integrations check, started once for the whole API test suite, each
 * accepting exactly the credentials built here.
 */
public final class ProviderStandIns {

    public static final String OPENAI_KEY = "sk-proj-standin0123456789abcdefVALID";
    public static final String ANTHROPIC_KEY = "sk-ant-api03-standin0123456789abcdefVALID";
    public static final String GEMINI_KEY = "AIzaSyStandIn0123456789abcdefghijVALID";
    public static final String DEEPSEEK_KEY = "sk-standin0123456789abcdef0123VALID";
    public static final String GCP_PROJECT = "acme-prod-123";
    public static final String GCP_EMAIL = "cloudact-reader@acme-prod-123.iam.gserviceaccount.com";
    public static final String AWS_KEY_ID = TestKeys.awsAccessKeyId();
    public static final String AWS_SECRET = "StandInSecretKey00000000000000000000/+==";
    public static final String AZURE_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String AZURE_CLIENT = "4f5a6b7c-8d9e-4f01-a2b3-c4d5e6f7a8b9";
    public static final String AZURE_SECRET = "Qx18Q~abcDEFghiJKLmnoPQRstuVWXyz0123456_";
    public static final String AZURE_SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    public static final String OCI_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq";
    public static final String OCI_USER = "ocid1.user.oc1..aaaaaaaaxbkzs3lqnu6vhrkzzmnzvnaeo7jbo3vr6zfhqmhoaaxwmepvjj5q";

    public static final GenAiStandIn OPENAI = new GenAiStandIn(GenAiStandIn.Flavor.OPENAI, OPENAI_KEY);
    public static final GenAiStandIn ANTHROPIC = new GenAiStandIn(GenAiStandIn.Flavor.ANTHROPIC, ANTHROPIC_KEY);
    public static final GenAiStandIn GEMINI = new GenAiStandIn(GenAiStandIn.Flavor.GEMINI, GEMINI_KEY);
    public static final GenAiStandIn DEEPSEEK = new GenAiStandIn(GenAiStandIn.Flavor.DEEPSEEK, DEEPSEEK_KEY);
    public static final GoogleStandIn GOOGLE = new GoogleStandIn();
    public static final StsStandIn STS = new StsStandIn();
    public static final AzureStandIn AZURE = new AzureStandIn();
    public static final OciStandIn OCI = new OciStandIn();

    static {
        GOOGLE.trust(GCP_EMAIL, TestKeys.rsa().getPublic(), GCP_PROJECT);
        STS.user(AWS_KEY_ID, AWS_SECRET, "arn:aws:iam::123456789012:user/billing-reader");
        AZURE.app(AZURE_TENANT, AZURE_CLIENT, AZURE_SECRET, AZURE_SUBSCRIPTION);
        AZURE.subscription(AZURE_SUBSCRIPTION, "Acme Production");
        OCI.key(OCI_TENANCY + "/" + OCI_USER + "/" + TestKeys.ociFingerprint(TestKeys.rsa()), TestKeys.rsa().getPublic());
        OCI.tenancy(OCI_TENANCY, "acmecorp");
    }

    private ProviderStandIns() {
    }

    /** Points the service's provider URLs at the stand-ins and allows their loopback addresses. */
    static void register(DynamicPropertyRegistry registry) {
        Map<String, StandIn> urls = new LinkedHashMap<>();
        urls.put("openai", OPENAI);
        urls.put("anthropic", ANTHROPIC);
        urls.put("gemini", GEMINI);
        urls.put("deepseek", DEEPSEEK);
        urls.put("bigquery", GOOGLE);
        urls.put("aws-sts", STS);
        urls.put("azure-login", AZURE);
        urls.put("azure-management", AZURE);
        urls.put("oci-identity", OCI);
        urls.forEach((name, standIn) -> registry.add("cloudact.providers.urls." + name, standIn::baseUrl));
        registry.add("cloudact.providers.allowed-hosts", () -> urls.values().stream().distinct()
                .map(StandIn::hostPort).collect(Collectors.joining(",")));
    }

    public static String gcpServiceAccount(KeyPair key) {
        return TestKeys.serviceAccountJson(GCP_PROJECT, GCP_EMAIL, key, GOOGLE.tokenUrl());
    }

    public static String gcpServiceAccount() {
        return gcpServiceAccount(TestKeys.rsa());
    }

    public static String awsAccessKeys(String secret) {
        return TestKeys.json(Map.of("auth_type", "access_keys", "access_key_id", AWS_KEY_ID,
                "secret_access_key", secret));
    }

    public static String azurePrincipal(String secret) {
        return TestKeys.json(Map.of("tenant_id", AZURE_TENANT, "client_id", AZURE_CLIENT, "client_secret", secret,
                "subscription_id", AZURE_SUBSCRIPTION));
    }

    public static String ociApiKey(KeyPair key) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenancy_ocid", OCI_TENANCY);
        json.put("user_ocid", OCI_USER);
        json.put("fingerprint", TestKeys.ociFingerprint(key));
        json.put("private_key", TestKeys.pem(key));
        json.put("region", "us-ashburn-1");
        return TestKeys.json(json);
    }

    /** Every secret the stand-ins accept, for scanning logs and bodies. */
    public static List<String> secrets() {
        return List.of(OPENAI_KEY, ANTHROPIC_KEY, GEMINI_KEY, DEEPSEEK_KEY, AWS_SECRET, AZURE_SECRET,
                TestKeys.pemLines(TestKeys.pem(TestKeys.rsa()))[1]);
    }
}
