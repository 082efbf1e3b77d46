package com.cloudact.platform.auth;

/** The headers of the HTTP contract. */
public final class AuthHeaders {

    public static final String ROOT_KEY = "X-CA-Root-Key";
    public static final String API_KEY = "X-API-Key";
    public static final String REQUEST_ID = "X-Request-ID";
    public static final String USER_ID = "X-User-ID";

    private AuthHeaders() {
    }
}
