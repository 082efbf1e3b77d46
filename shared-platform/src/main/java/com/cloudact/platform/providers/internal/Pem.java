package com.cloudact.platform.providers.internal;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * RSA private keys in PEM form: PKCS#8 ({@code BEGIN PRIVATE KEY}, what Google and the OCI console issue) and
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what older {@code openssl genrsa} writes). Errors name the field and
 * never quote the key.
 */
public final class Pem {

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";
    /** AlgorithmIdentifier for rsaEncryption with NULL parameters, DER-encoded. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pem() {
    }

    public static PrivateKey rsaPrivateKey(String pem, String field) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("Missing required field '" + field + "'");
        }
        if (pem.contains("ENCRYPTED")) {
            throw new IllegalArgumentException("Field '" + field + "' holds an encrypted key; provide it without a passphrase");
        }
        try {
            byte[] der;
            if (pem.contains("-----BEGIN " + PKCS1 + "-----")) {
                der = pkcs1ToPkcs8(body(pem, PKCS1));
            } else if (pem.contains("-----BEGIN " + PKCS8 + "-----")) {
                der = body(pem, PKCS8);
            } else {
                throw new IllegalArgumentException(
                        "Field '" + field + "' must be a PEM private key starting with -----BEGIN " + PKCS8 + "-----");
            }
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("Field '" + field + "' is not a readable RSA private key");
        }
    }

    /** The public half of an RSA private key (works for every key {@link #rsaPrivateKey} returns). */
    public static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("The private key does not carry its public exponent");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static byte[] body(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----") + label.length() + 16;
        int end = pem.indexOf("-----END " + label + "-----", start);
        if (end < 0) {
            throw new IllegalStateException("no end marker");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(start, end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bad base64");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, OCTET STRING. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.write(0x04);
        inner.writeBytes(derLength(pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        outer.writeBytes(derLength(inner.size()));
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }
}
