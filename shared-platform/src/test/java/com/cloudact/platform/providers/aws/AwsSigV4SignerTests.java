package com.cloudact.platform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.standins.TestKeys;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vectors: get-vanilla, post-vanilla and get-vanilla-query-order-key-case from AWS's SigV4 test suite; the signing
 * key and the S3 "GET Object" example from AWS's documentation; and an STS call with a session token derived with
 * botocore 1.43 (an independent implementation) for the same inputs. All five were re-checked against botocore.
 */
class AwsSigV4SignerTests {

    static final AwsKeys EXAMPLE = AwsKeys.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final AwsSigV4Signer suite = new AwsSigV4Signer("us-east-1", "service", false);

    @Test
    void getVanillaFromTheAwsTestSuite() {
        Map<String, String> headers = suite.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0],
                EXAMPLE, SUITE_TIME);

        assertThat(headers).containsEntry("X-Amz-Date", "20150830T123600Z")
                .containsEntry("X-Amz-Content-Sha256", EMPTY_SHA256)
                .containsEntry("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
                .doesNotContainKey("X-Amz-Security-Token");
    }

    @Test
    void postVanillaFromTheAwsTestSuite() {
        Map<String, String> headers = suite.sign("POST", URI.create("https://example.amazonaws.com/"), Map.of(), new byte[0],
                EXAMPLE, SUITE_TIME);

        assertThat(headers.get("Authorization"))
                .endsWith("SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void queryParametersAreSortedAsInGetVanillaQueryOrderKeyCase() {
        Map<String, String> headers = suite.sign("GET", URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"),
                Map.of(), new byte[0], EXAMPLE, SUITE_TIME);

        assertThat(headers.get("Authorization"))
                .endsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void derivesTheSigningKeyFromAwsDocumentation() {
        byte[] key = new AwsSigV4Signer("us-east-1", "iam").signingKey(EXAMPLE.secretAccessKey(), "20150830");

        assertThat(HexFormat.of().formatHex(key)).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void signsTheContentHashForS3AsInTheGetObjectExample() {
        // The key id is not signed (only the secret is), so a generated one leaves AWS's documented signature as is.
        String keyId = TestKeys.awsAccessKeyId();
        AwsKeys keys = AwsKeys.of(keyId, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

        Map<String, String> headers = new AwsSigV4Signer("us-east-1", "s3").sign("GET",
                URI.create("https://examplebucket.s3.amazonaws.com/test.txt"), Map.of("Range", "bytes=0-9"), new byte[0], keys,
                Instant.parse("2013-05-24T00:00:00Z"));

        assertThat(headers.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=" + keyId + "/20130524/us-east-1/s3/"
                + "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void signsTheSessionTokenOfTemporaryKeysAsBotocoreDoes() {
        String token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8Y"
                + "UuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8Y"
                + "QcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR"
                + "/oLxBA==";
        AwsKeys keys = new AwsKeys(EXAMPLE.accessKeyId(), EXAMPLE.secretAccessKey(), token);

        Map<String, String> headers = new AwsSigV4Signer("us-east-1", "sts", false).sign("POST",
                URI.create("https://sts.amazonaws.com/"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(), keys, SUITE_TIME);

        assertThat(headers).containsEntry("X-Amz-Security-Token", token);
        assertThat(headers.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                + "Signature=622eac1fa771ec74baed2bc00ed1fb9e028449ec2fdca34394adc45c47d26732");
    }

    @Test
    void signsTheHostWithItsPortWhenNotTheDefault() {
        Map<String, String> local = new AwsSigV4Signer("us-east-1", "sts").sign("GET", URI.create("http://127.0.0.1:8123/"),
                Map.of(), new byte[0], EXAMPLE, SUITE_TIME);
        Map<String, String> explicitDefault = suite.sign("GET", URI.create("https://example.amazonaws.com:443/"), Map.of(),
                new byte[0], EXAMPLE, SUITE_TIME);

        assertThat(local.get("Authorization")).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date");
        assertThat(explicitDefault.get("Authorization")).endsWith("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void normalisesAndDoubleEncodesPathsExceptForS3() {
        assertThat(AwsSigV4Signer.canonicalPath("", true)).isEqualTo("/");
        assertThat(AwsSigV4Signer.canonicalPath("//example//", true)).isEqualTo("/example/");
        assertThat(AwsSigV4Signer.canonicalPath("/example/../other/./x", true)).isEqualTo("/other/x");
        assertThat(AwsSigV4Signer.canonicalPath("/a%20b", true)).isEqualTo("/a%2520b");
        assertThat(AwsSigV4Signer.canonicalPath("/bucket//a%20b/../c", false)).isEqualTo("/bucket//a%20b/../c");
    }

    @Test
    void encodesQueryValuesAndSortsByNameThenValue() {
        assertThat(AwsSigV4Signer.canonicalQuery("b=2&a=x%20y&a=1&c")).isEqualTo("a=1&a=x%20y&b=2&c=");
        assertThat(AwsSigV4Signer.canonicalQuery("k=a/b+c~")).isEqualTo("k=a%2Fb%2Bc~");
    }
}
