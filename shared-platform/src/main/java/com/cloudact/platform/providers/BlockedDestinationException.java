package com.cloudact.platform.providers;

import java.io.IOException;

/**
 * {@link SafeHttp} refused to send a request because its target is not allowed: a loopback, link-local (cloud
 * metadata), private or unspecified address, a metadata host name, or plain http to a host that is not
 * allow-listed. Nothing was sent.
 */
public class BlockedDestinationException extends IOException {

    private final String host;

    public BlockedDestinationException(String host, String reason) {
        super("Refused to connect to " + host + ": " + reason);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
