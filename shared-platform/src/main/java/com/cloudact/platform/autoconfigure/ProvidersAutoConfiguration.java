package com.cloudact.platform.autoconfigure;

import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.crypto.CredentialCipher;
import com.cloudact.platform.providers.ProviderCheckers;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Provider credential checks and the stored-credential vault, for services that have a warehouse and a cipher. */
@AutoConfiguration(after = {WarehouseAutoConfiguration.class, CryptoAutoConfiguration.class})
@ConditionalOnBean({Warehouse.class, CredentialCipher.class})
@EnableConfigurationProperties(ProvidersProperties.class)
public class ProvidersAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SafeHttp providerHttp(ProvidersProperties properties) {
        return new SafeHttp(properties.allowedHostPorts(), properties.connectTimeout(), properties.readTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    ProviderEndpoints providerEndpoints(ProvidersProperties properties) {
        return properties.endpoints();
    }

    @Bean
    @ConditionalOnMissingBean
    ProviderCheckers providerCheckers(ProviderEndpoints endpoints, ProvidersProperties properties,
                                      SafeHttp providerHttp) {
        return new ProviderCheckers(endpoints, providerHttp, properties.platformAwsKeys());
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialVault credentialVault(Warehouse warehouse, CredentialCipher cipher, Clock clock) {
        return new CredentialVault(warehouse, cipher, clock);
    }
}
