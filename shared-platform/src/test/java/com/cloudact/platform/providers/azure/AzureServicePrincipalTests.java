package com.cloudact.platform.providers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class AzureServicePrincipalTests {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "4f5a6b7c-8d9e-4f01-a2b3-c4d5e6f7a8b9";
    static final String SECRET = "Qx18Q~abcDEFghiJKLmnoPQRstuVWXyz0123456_";
    static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    static String json(String tenant, String client, String secret, String subscription) {
        return "{\"tenant_id\":\"%s\",\"client_id\":\"%s\",\"client_secret\":\"%s\",\"subscription_id\":\"%s\"}"
                .formatted(tenant, client, secret, subscription);
    }

    @Test
    void parsesAndHidesTheSecret() {
        AzureServicePrincipal sp = AzureServicePrincipal.parse(json(TENANT, CLIENT, SECRET, SUBSCRIPTION));

        assertThat(sp).isEqualTo(new AzureServicePrincipal(TENANT, CLIENT, SECRET, SUBSCRIPTION));
        assertThat(sp.fingerprint()).isEqualTo("456_");
        assertThat(sp.toString()).contains(TENANT, CLIENT, SUBSCRIPTION).doesNotContain(SECRET);
        assertThat(sp.redacted().clientSecret()).isEqualTo("REDACTED");
    }

    @Test
    void namesTheFieldThatIsMissingOrWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(json("acme.onmicrosoft.com", CLIENT, SECRET, SUBSCRIPTION)))
                .withMessageContaining("'tenant_id'");
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(json(TENANT, "app", SECRET, SUBSCRIPTION)))
                .withMessageContaining("'client_id'");
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(json(TENANT, CLIENT, SECRET, "sub")))
                .withMessageContaining("'subscription_id'");
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(json(TENANT, CLIENT, "", SUBSCRIPTION)))
                .withMessage("Missing required field 'client_secret'");
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(json(TENANT, CLIENT, "a b c d e f", SUBSCRIPTION)))
                .withMessageContaining("'client_secret'").withMessageNotContaining("a b c");
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(json(TENANT, CLIENT, SUBSCRIPTION, SUBSCRIPTION)))
                .withMessageContaining("secret's ID");
    }

    @Test
    void takesAnOptionalStorageAccountKeyAndNeverShowsIt() {
        String key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        String raw = json(TENANT, CLIENT, SECRET, SUBSCRIPTION).replace("}", ",\"storage_account_key\":\"" + key + "\"}");

        AzureServicePrincipal sp = AzureServicePrincipal.parse(raw);

        assertThat(sp.storageAccountKey()).isEqualTo(key);
        assertThat(sp.toString()).doesNotContain(key).contains("storageAccountKey=…");
        assertThat(sp.redacted().storageAccountKey()).isEqualTo("REDACTED");
        assertThat(sp.fingerprint()).as("still the client secret's").isEqualTo("456_");
        assertThat(AzureServicePrincipal.parse(json(TENANT, CLIENT, SECRET, SUBSCRIPTION)).storageAccountKey()).isNull();
        assertThat(AzureServicePrincipal.parse(json(TENANT, CLIENT, SECRET, SUBSCRIPTION)).redacted().storageAccountKey())
                .isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> AzureServicePrincipal.parse(
                        raw.replace(key, "not a key!")))
                .withMessageContaining("'storage_account_key'").withMessageNotContaining("not a key");
    }
}
