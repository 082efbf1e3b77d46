package com.cloudact.platform.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Encrypts secrets at rest (provider credentials, the frontend's copy of an org API key). The context names what
 * is encrypted and for whom (e.g. {@code org_api_key:acme}); it is bound to the ciphertext as associated data, so
 * a ciphertext copied to another org's row does not decrypt.
 */
public interface CredentialCipher {

    byte[] encrypt(byte[] plaintext, String context);

    byte[] decrypt(byte[] ciphertext, String context);

    default byte[] encryptString(String plaintext, String context) {
        return encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    default String decryptString(byte[] ciphertext, String context) {
        return new String(decrypt(ciphertext, context), StandardCharsets.UTF_8);
    }
}
