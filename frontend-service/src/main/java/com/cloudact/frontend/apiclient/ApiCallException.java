package com.cloudact.frontend.apiclient;

/** The API service answered with an error (its Problem Details, mapped back). */
public class ApiCallException extends RuntimeException {

    private final int status;
    private final String error;

    public ApiCallException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
