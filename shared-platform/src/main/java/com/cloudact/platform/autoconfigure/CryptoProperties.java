package com.cloudact.platform.autoconfigure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How secrets are encrypted at rest: a local Tink keyset file, or Cloud KMS. */
@ConfigurationProperties("cloudact.crypto")
public record CryptoProperties(Type type, @DefaultValue("data/keys/credential-keyset.json") Path keysetFile,
                               String kmsKeyName, String kmsEndpoint) {

    public enum Type { TINK, KMS }

    @Override
    public String toString() {
        return "CryptoProperties[type=" + type + ", keysetFile=" + keysetFile + ", kmsKeyName=" + kmsKeyName + "]";
    }
}
