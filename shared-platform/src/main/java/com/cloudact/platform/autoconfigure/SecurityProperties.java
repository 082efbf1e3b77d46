package com.cloudact.platform.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The root key ({@code X-CA-Root-Key}) and transport hardening. Secrets come from the environment. */
@ConfigurationProperties("cloudact.security")
public record SecurityProperties(String rootKey, @DefaultValue("false") boolean strictTransport,
                                 @DefaultValue("true") boolean apiSecurityHeaders,
                                 @DefaultValue("false") boolean disableAuth,
                                 @DefaultValue("acme_demo") String defaultOrgSlug) {

    @Override
    public String toString() {
        return "SecurityProperties[rootKey=" + (rootKey == null ? "unset" : "***") + ", strictTransport="
                + strictTransport + ", disableAuth=" + disableAuth + "]";
    }
}
