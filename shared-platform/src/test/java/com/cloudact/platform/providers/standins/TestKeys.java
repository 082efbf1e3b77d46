package com.cloudact.platform.providers.standins;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** RSA key pairs made once per test run, and credential documents built around them. */
public final class TestKeys {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static KeyPair first;
    private static KeyPair second;

    private TestKeys() {
    }

    /** A 2048-bit key pair, the same for the whole run. */
    public static synchronized KeyPair rsa() {
        if (first == null) {
            first = generate();
        }
        return first;
    }

    /** A second, unrelated key pair: "someone else's key". */
    public static synchronized KeyPair otherRsa() {
        if (second == null) {
            second = generate();
        }
        return second;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 PEM, 64 characters a line. */
    public static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}), cut out of the PKCS#8 encoding of a 2048-bit key. */
    public static String pkcs1Pem(KeyPair pair) {
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        // PrivateKeyInfo: 30 82 LL LL | 02 01 00 | 30 0d <rsaEncryption, NULL> | 04 82 LL LL <RSAPrivateKey>
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        if (pkcs1[0] != 0x30) {
            throw new IllegalStateException("unexpected PKCS#8 layout");
        }
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    /** OCI's fingerprint of a key: MD5 of the DER public key, colon-separated hex. */
    public static String ociFingerprint(KeyPair pair) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service-account key file as Google issues it, with the given token URI. */
    public static String serviceAccountJson(String projectId, String clientEmail, KeyPair pair, String tokenUri) {
        Map<String, Object> sa = new LinkedHashMap<>();
        sa.put("type", "service_account");
        sa.put("project_id", projectId);
        sa.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        sa.put("private_key", pem(pair));
        sa.put("client_email", clientEmail);
        sa.put("client_id", "109876543210987654321");
        sa.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        if (tokenUri != null) {
            sa.put("token_uri", tokenUri);
        }
        sa.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
        sa.put("universe_domain", "googleapis.com");
        return json(sa);
    }

    public static String json(Map<String, ?> fields) {
        return JSON.writeValueAsString(fields);
    }

    /** The base64 lines of a PEM key, each of which must never show up anywhere. */
    /** A fresh, random access key id in AWS's format ({@code AKIA} + 16 upper-case letters and digits). */
    public static String awsAccessKeyId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    public static String[] pemLines(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).toArray(String[]::new);
    }
}
