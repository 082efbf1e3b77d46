package com.cloudact.platform.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Which service this is, as health probes and logs report it. */
@ConfigurationProperties("cloudact.service")
public record ServiceProperties(@DefaultValue("cloudact") String name, @DefaultValue("0.1.0") String version,
                                @DefaultValue("local") String release) {
}
