package com.cloudact.platform.providers;

/**
 * A provider answered a call made by one of the auth helpers (STS, a token endpoint) with an error status. Carries
 * only the status, the provider's error code and its short message (already truncated), never the response body.
 */
public class ProviderResponseException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final String providerMessage;

    public ProviderResponseException(String what, int status, String errorCode, String providerMessage) {
        super(what + " answered " + status + (errorCode.isEmpty() ? "" : " (" + errorCode + ")"));
        this.status = status;
        this.errorCode = errorCode;
        this.providerMessage = providerMessage;
    }

    public int status() {
        return status;
    }

    /** The provider's machine-readable error code ({@code invalid_grant}, {@code SignatureDoesNotMatch}), or "". */
    public String errorCode() {
        return errorCode;
    }

    /** The provider's human-readable error message, at most 200 characters, or "". */
    public String providerMessage() {
        return providerMessage;
    }
}
