package com.cloudact.platform.providers.aws;

import com.cloudact.platform.providers.internal.Secrets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The keys that sign AWS requests: an access key id ({@code AKIA…} long-term, {@code ASIA…} temporary), its secret
 * and, for temporary keys, the session token. {@link #toString()} shows the id and the secret's last four only.
 *
 * @param sessionToken null for long-term keys
 */
public record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9/+=]{40}");

    public AwsKeys {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    public static AwsKeys of(String accessKeyId, String secretAccessKey) {
        return new AwsKeys(accessKeyId, secretAccessKey, null);
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public void validate() {
        if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException(
                    "Field 'access_key_id' must be 20 characters starting with AKIA (or ASIA for temporary keys)");
        }
        if (!SECRET.matcher(secretAccessKey).matches()) {
            throw new IllegalArgumentException("Field 'secret_access_key' must be the 40-character secret AWS showed with the key");
        }
        if (accessKeyId.startsWith("ASIA") && (sessionToken == null || sessionToken.isBlank())) {
            throw new IllegalArgumentException("Field 'session_token' is required with temporary (ASIA…) access keys");
        }
    }

    public boolean isTemporary() {
        return sessionToken != null;
    }

    public AwsKeys redacted() {
        return new AwsKeys(accessKeyId, Secrets.REDACTED, sessionToken == null ? null : Secrets.REDACTED);
    }

    /** The secret access key's last four characters. */
    public String fingerprint() {
        return Secrets.lastFour(secretAccessKey);
    }

    @Override
    public String toString() {
        return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=…" + fingerprint()
                + (sessionToken == null ? "" : ", sessionToken=REDACTED") + "]";
    }
}
