package com.cloudact.platform.autoconfigure;

import com.cloudact.platform.crypto.CloudKmsGateway;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.crypto.KmsCredentialCipher;
import com.cloudact.platform.crypto.TinkCredentialCipher;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Picks the credential cipher on {@code cloudact.crypto.type}: a local Tink keyset or Cloud KMS. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "cloudact.crypto", name = "type")
@EnableConfigurationProperties(CryptoProperties.class)
public class CryptoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CredentialCipher credentialCipher(CryptoProperties properties) {
        return switch (properties.type()) {
            case TINK -> new TinkCredentialCipher(properties.keysetFile());
            case KMS -> {
                if (properties.kmsKeyName() == null || properties.kmsKeyName().isBlank()) {
                    throw new IllegalStateException("cloudact.crypto.kms-key-name is required for Cloud KMS");
                }
                yield new KmsCredentialCipher(new CloudKmsGateway(properties.kmsKeyName(), properties.kmsEndpoint()));
            }
        };
    }
}
