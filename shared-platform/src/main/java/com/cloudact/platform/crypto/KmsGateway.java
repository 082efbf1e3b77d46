package com.cloudact.platform.crypto;

/** Cloud KMS encrypt/decrypt with one key; {@link TransientKmsException} marks failures worth retrying. */
public interface KmsGateway {

    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    byte[] decrypt(byte[] ciphertext, byte[] associatedData);

    /** KMS was unavailable or slow; the same call may succeed later. */
    class TransientKmsException extends RuntimeException {
        public TransientKmsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
