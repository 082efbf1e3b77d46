package com.cloudact.platform.providers.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.standins.TestKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OciRequestSignerTests {

    static final Instant AT = Instant.parse("2014-01-05T21:31:40Z");
    static final Pattern SIGNATURE = Pattern.compile("signature=\"([^\"]+)\"");

    final OciApiKey key = OciApiKey.parse(OciApiKeyTests.json(TestKeys.rsa()));
    final OciRequestSigner signer = new OciRequestSigner(key);

    @Test
    void signsDateRequestTargetAndHostForGet() throws Exception {
        URI uri = URI.create("https://iaas.us-phoenix-1.oraclecloud.com/20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&limit=1");

        Map<String, String> headers = signer.sign("GET", uri, null, new byte[0], AT);

        assertThat(headers).containsEntry("date", "Sun, 05 Jan 2014 21:31:40 GMT").doesNotContainKey("x-content-sha256");
        assertThat(headers.get("authorization")).startsWith("Signature version=\"1\",keyId=\"" + key.keyId()
                + "\",algorithm=\"rsa-sha256\",headers=\"date (request-target) host\",signature=\"");
        assertThat(verifies(headers.get("authorization"), """
                date: Sun, 05 Jan 2014 21:31:40 GMT
                (request-target): get /20160918/instances?availabilityDomain=Pjwf%3A%20PHX-AD-1&limit=1
                host: iaas.us-phoenix-1.oraclecloud.com""")).isTrue();
    }

    @Test
    void alsoSignsTheBodyHeadersForPost() throws Exception {
        byte[] body = "{\"compartmentId\":\"ocid1.compartment.oc1..aaaa\",\"displayName\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));

        Map<String, String> headers = signer.sign("POST", URI.create("https://iaas.us-ashburn-1.oraclecloud.com:8443/20160918/vcns"),
                "application/json", body, AT);

        assertThat(headers).containsEntry("x-content-sha256", sha).containsEntry("content-type", "application/json");
        assertThat(headers.get("authorization"))
                .contains("headers=\"date (request-target) host x-content-sha256 content-type content-length\"");
        assertThat(verifies(headers.get("authorization"), """
                date: Sun, 05 Jan 2014 21:31:40 GMT
                (request-target): post /20160918/vcns
                host: iaas.us-ashburn-1.oraclecloud.com:8443
                x-content-sha256: %s
                content-type: application/json
                content-length: %d""".formatted(sha, body.length))).isTrue();
    }

    @Test
    void aSignatureDoesNotVerifyWithAnotherKey() throws Exception {
        Map<String, String> headers = signer.sign("GET", URI.create("https://identity.us-ashburn-1.oraclecloud.com/20160918/tenancies/x"),
                null, new byte[0], AT);
        Matcher m = SIGNATURE.matcher(headers.get("authorization"));
        assertThat(m.find()).isTrue();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(TestKeys.otherRsa().getPublic());
        rsa.update(("date: Sun, 05 Jan 2014 21:31:40 GMT\n(request-target): get /20160918/tenancies/x\n"
                + "host: identity.us-ashburn-1.oraclecloud.com").getBytes(StandardCharsets.UTF_8));

        assertThat(rsa.verify(Base64.getDecoder().decode(m.group(1)))).isFalse();
    }

    private static boolean verifies(String authorization, String signingString) throws Exception {
        Matcher m = SIGNATURE.matcher(authorization);
        assertThat(m.find()).isTrue();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(TestKeys.rsa().getPublic());
        rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
        return rsa.verify(Base64.getDecoder().decode(m.group(1)));
    }
}
