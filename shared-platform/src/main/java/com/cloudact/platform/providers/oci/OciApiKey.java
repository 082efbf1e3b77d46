package com.cloudact.platform.providers.oci;

import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.Pem;
import com.cloudact.platform.providers.internal.Secrets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An OCI API signing key of an IAM user: tenancy and user OCIDs, the key's fingerprint as the console shows it,
 * the RSA private key and the home region. {@link #validate()} also checks that the fingerprint belongs to the key,
 * so a mismatched pair is caught before anything is sent.
 *
 * @param keyFingerprint the {@code fingerprint} field: MD5 of the public key, 16 hex pairs joined by colons
 */
public record OciApiKey(String tenancyOcid, String userOcid, String keyFingerprint, String privateKey, String region) {

    private static final Pattern TENANCY = Pattern.compile("ocid1\\.tenancy\\.[a-z0-9][a-z0-9.-]{0,250}[a-z0-9]");
    private static final Pattern USER = Pattern.compile("ocid1\\.user\\.[a-z0-9][a-z0-9.-]{0,250}[a-z0-9]");
    private static final Pattern FINGERPRINT = Pattern.compile("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z]+)+-\\d{1,2}");

    /**
     * Reads {@code {"tenancy_ocid","user_ocid","fingerprint","private_key","region"}}.
     *
     * @throws IllegalArgumentException naming the missing or invalid field; never quoting the key
     */
    public static OciApiKey parse(String raw) {
        JsonNode json = CredentialJson.parseObject(raw, "OCI API key JSON");
        OciApiKey key = new OciApiKey(
                CredentialJson.required(json, "tenancy_ocid"),
                CredentialJson.required(json, "user_ocid"),
                CredentialJson.required(json, "fingerprint").toLowerCase(Locale.ROOT),
                CredentialJson.required(json, "private_key"),
                CredentialJson.required(json, "region"));
        key.validate();
        return key;
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public void validate() {
        require(TENANCY, tenancyOcid, "tenancy_ocid", "must be a tenancy OCID starting with ocid1.tenancy.");
        require(USER, userOcid, "user_ocid", "must be a user OCID starting with ocid1.user.");
        require(FINGERPRINT, keyFingerprint, "fingerprint", "must be 16 hex pairs joined by colons, as the console shows it");
        require(REGION, region, "region", "must be a region identifier such as us-ashburn-1");
        PrivateKey key = signingKey();
        if (!keyFingerprint.equals(fingerprintOf(key))) {
            throw new IllegalArgumentException("Field 'fingerprint' does not match 'private_key'; "
                    + "copy the fingerprint shown next to this key in the console");
        }
    }

    private static void require(Pattern pattern, String value, String field, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("Field '" + field + "' " + rule);
        }
    }

    public PrivateKey signingKey() {
        return Pem.rsaPrivateKey(privateKey, "private_key");
    }

    /** The {@code keyId} OCI signatures carry: {@code tenancy/user/fingerprint}. */
    public String keyId() {
        return tenancyOcid + "/" + userOcid + "/" + keyFingerprint;
    }

    /** OCI's key fingerprint: MD5 of the DER public key, as colon-separated hex pairs. */
    static String fingerprintOf(PrivateKey key) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(Pem.publicKeyOf(key).getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    public OciApiKey redacted() {
        return new OciApiKey(tenancyOcid, userOcid, keyFingerprint, Secrets.REDACTED, region);
    }

    /** Four hex digits of the private key's SHA-256: tells keys apart without showing any of the key. */
    public String fingerprint() {
        return Secrets.hashFour(signingKey().getEncoded());
    }

    @Override
    public String toString() {
        return "OciApiKey[tenancyOcid=" + tenancyOcid + ", userOcid=" + userOcid + ", keyFingerprint=" + keyFingerprint
                + ", privateKey=REDACTED, region=" + region + "]";
    }
}
