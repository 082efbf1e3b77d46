package com.cloudact.platform.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Production encryption with Cloud KMS, as envelope encryption: each secret gets a fresh AES-256-GCM data key,
 * and only that 32-byte key travels to KMS to be wrapped, so secrets of any size work and never leave the
 * service. Transient KMS failures are retried three times (1 s, 2 s, 4 s).
 *
 * <p>Ciphertext layout: version byte {@code 1}, wrapped key length (int), wrapped key, 12-byte nonce, AES-GCM
 * ciphertext with tag. The context is associated data of both the wrap and the payload.
 */
public final class KmsCredentialCipher implements CredentialCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KmsGateway kms;
    private final Duration firstBackoff;
    private final SecureRandom random = new SecureRandom();

    public KmsCredentialCipher(KmsGateway kms) {
        this(kms, Duration.ofSeconds(1));
    }

    KmsCredentialCipher(KmsGateway kms, Duration firstBackoff) {
        this.kms = kms;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, String context) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        byte[] dataKey = new byte[32];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(dataKey);
        random.nextBytes(nonce);
        try {
            byte[] wrapped = withRetry(() -> kms.encrypt(dataKey, aad));
            byte[] sealed = aes(Cipher.ENCRYPT_MODE, dataKey, nonce, aad, plaintext);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeInt(wrapped.length);
            out.write(wrapped);
            out.write(nonce);
            out.write(sealed);
            return bytes.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new CipherException("Encryption failed", e);
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, String context) {
        byte[] aad = context.getBytes(StandardCharsets.UTF_8);
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(ciphertext));
            if (in.readByte() != VERSION) {
                throw new CipherException("Unknown ciphertext version", null);
            }
            int wrappedLength = in.readInt();
            if (wrappedLength <= 0 || wrappedLength > ciphertext.length) {
                throw new CipherException("Corrupt ciphertext", null);
            }
            byte[] wrapped = in.readNBytes(wrappedLength);
            byte[] nonce = in.readNBytes(NONCE_BYTES);
            byte[] sealed = in.readAllBytes();
            byte[] dataKey = withRetry(() -> kms.decrypt(wrapped, aad));
            try {
                return aes(Cipher.DECRYPT_MODE, dataKey, nonce, aad, sealed);
            } finally {
                java.util.Arrays.fill(dataKey, (byte) 0);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new CipherException("Decryption failed (wrong key or context)", e);
        }
    }

    private static byte[] aes(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    private byte[] withRetry(Supplier<byte[]> call) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KmsGateway.TransientKmsException e) {
                if (attempt == 4) {
                    throw new CipherException("Cloud KMS is unavailable", e);
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CipherException("Interrupted while waiting for Cloud KMS", interrupted);
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }
}
