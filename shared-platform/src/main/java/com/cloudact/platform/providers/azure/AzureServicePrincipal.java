package com.cloudact.platform.providers.azure;

import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.Secrets;
import java.util.Base64;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A Microsoft Entra ID app registration (service principal) with a client secret, and the subscription it should
 * read. {@link #toString()} shows the ids and the secret's last four characters only.
 *
 * @param storageAccountKey optional: an access key of the storage account holding the Cost Management exports, for
 *                          Shared Key access where Entra ID access to Blob storage is not possible (an Azurite
 *                          stand-in accepts only that over plain HTTP); null when the principal reads the exports
 */
public record AzureServicePrincipal(String tenantId, String clientId, String clientSecret, String subscriptionId,
                                    String storageAccountKey) {

    /** A principal without a storage account key. */
    public AzureServicePrincipal(String tenantId, String clientId, String clientSecret, String subscriptionId) {
        this(tenantId, clientId, clientSecret, subscriptionId, null);
    }

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * Reads {@code {"tenant_id","client_id","client_secret","subscription_id"}} and the optional
     * {@code "storage_account_key"}.
     *
     * @throws IllegalArgumentException naming the missing or invalid field; never quoting the secret
     */
    public static AzureServicePrincipal parse(String raw) {
        JsonNode json = CredentialJson.parseObject(raw, "Azure service principal JSON");
        AzureServicePrincipal principal = new AzureServicePrincipal(
                CredentialJson.required(json, "tenant_id"),
                CredentialJson.required(json, "client_id"),
                CredentialJson.required(json, "client_secret"),
                CredentialJson.required(json, "subscription_id"),
                CredentialJson.optional(json, "storage_account_key"));
        principal.validate();
        return principal;
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public void validate() {
        requireGuid("tenant_id", tenantId);
        requireGuid("client_id", clientId);
        requireGuid("subscription_id", subscriptionId);
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("Missing required field 'client_secret'");
        }
        if (clientSecret.chars().anyMatch(Character::isWhitespace) || clientSecret.length() > 256) {
            throw new IllegalArgumentException("Field 'client_secret' must be the secret's value, without spaces");
        }
        if (GUID.matcher(clientSecret).matches()) {
            throw new IllegalArgumentException("Field 'client_secret' looks like the secret's ID; paste the secret's Value instead");
        }
        if (storageAccountKey != null && !isBase64(storageAccountKey)) {
            throw new IllegalArgumentException("Field 'storage_account_key' must be a storage account access key (Base64)");
        }
    }

    private static boolean isBase64(String value) {
        if (value.isBlank() || value.length() > 256) {
            return false;
        }
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireGuid(String field, String value) {
        if (value == null || !GUID.matcher(value).matches()) {
            throw new IllegalArgumentException("Field '" + field + "' must be a GUID such as 00000000-0000-0000-0000-000000000000");
        }
    }

    public AzureServicePrincipal redacted() {
        return new AzureServicePrincipal(tenantId, clientId, Secrets.REDACTED, subscriptionId,
                storageAccountKey == null ? null : Secrets.REDACTED);
    }

    /** The client secret's last four characters. */
    public String fingerprint() {
        return Secrets.lastFour(clientSecret);
    }

    @Override
    public String toString() {
        return "AzureServicePrincipal[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=…" + fingerprint()
                + ", subscriptionId=" + subscriptionId + (storageAccountKey == null ? "" : ", storageAccountKey=…") + "]";
    }
}
