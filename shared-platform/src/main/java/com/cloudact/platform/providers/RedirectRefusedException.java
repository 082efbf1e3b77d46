package com.cloudact.platform.providers;

import java.io.IOException;

/** A provider answered with a 3xx; {@link SafeHttp} never follows redirects, so the call failed. */
public class RedirectRefusedException extends IOException {

    private final int status;

    public RedirectRefusedException(String host, int status) {
        super(host + " answered with a redirect (" + status + "), which CloudAct does not follow");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
