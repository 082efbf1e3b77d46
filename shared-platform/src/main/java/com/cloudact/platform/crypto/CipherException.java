package com.cloudact.platform.crypto;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;

/** Encryption or decryption failed; the message never contains key material or plaintext. */
public class CipherException extends CloudActException {

    public CipherException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL_ERROR, message, cause);
    }
}
