package com.cloudact.platform.auth;

/** The platform operator, authenticated by {@code X-CA-Root-Key}; may act on any organization. */
public record RootCaller() implements Caller {

    @Override
    public boolean isRoot() {
        return true;
    }
}
