package com.cloudact.model;

/**
 * The one exception type CloudAct throws on purpose. Its message is shown to the caller as the Problem Details
 * {@code detail}, so it must be a sentence a user can act on and must never carry a secret.
 */
public class CloudActException extends RuntimeException {

    private final ErrorCode code;

    public CloudActException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CloudActException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
