package com.cloudact.platform.web;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/** The id of the request being served, echoed in {@code X-Request-ID}, logs and error bodies. */
public final class RequestId {

    static final String MDC_KEY = "request_id";
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private RequestId() {
    }

    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** A caller-supplied id is kept only when it is short and plain, so it cannot inject into logs or headers. */
    static boolean isAcceptable(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches();
    }
}
