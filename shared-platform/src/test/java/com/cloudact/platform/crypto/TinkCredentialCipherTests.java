package com.cloudact.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkCredentialCipherTests {

    private static final String SECRET = "{\"type\":\"service_account\",\"private_key\":\"" + UUID.randomUUID() + "\"}";
    private static final String CONTEXT = "credential:acme:GCP_SA";

    @TempDir
    Path folder;

    @Test
    void roundTripsASecret() {
        CredentialCipher cipher = new TinkCredentialCipher(folder.resolve("keyset.json"));

        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);

        assertThat(cipher.decryptString(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void ciphertextRevealsNothingOfThePlaintextAndDiffersEachTime() {
        CredentialCipher cipher = new TinkCredentialCipher(folder.resolve("keyset.json"));
        byte[] plain = SECRET.getBytes(StandardCharsets.UTF_8);

        byte[] first = cipher.encrypt(plain, CONTEXT);
        byte[] second = cipher.encrypt(plain, CONTEXT);

        assertThat(first).isNotEqualTo(plain).hasSizeGreaterThan(plain.length);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("service_account");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theKeysetFileIsCreatedOnceOwnerOnlyAndReusedByTheNextInstance() throws IOException {
        Path keyset = folder.resolve("keys/nested/credential-keyset.json");
        assertThat(keyset).doesNotExist();

        byte[] sealed = new TinkCredentialCipher(keyset).encryptString(SECRET, CONTEXT);
        String created = Files.readString(keyset);
        CredentialCipher second = new TinkCredentialCipher(keyset);

        assertThat(Files.readString(keyset)).isEqualTo(created);
        assertThat(created).contains("AesGcmKey").doesNotContain(SECRET);
        assertThat(Files.getPosixFilePermissions(keyset)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.decryptString(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void anotherKeysetCannotDecrypt() {
        byte[] sealed = new TinkCredentialCipher(folder.resolve("one.json")).encryptString(SECRET, CONTEXT);
        CredentialCipher other = new TinkCredentialCipher(folder.resolve("two.json"));

        assertThatThrownBy(() -> other.decrypt(sealed, CONTEXT)).isInstanceOf(CipherException.class);
    }

    @Test
    void theWrongContextFails() {
        CredentialCipher cipher = new TinkCredentialCipher(folder.resolve("keyset.json"));
        byte[] sealed = cipher.encryptString(SECRET, "org_api_key:acme");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "org_api_key:beta"))
                .isInstanceOf(CipherException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void tamperedCiphertextFails() {
        CredentialCipher cipher = new TinkCredentialCipher(folder.resolve("keyset.json"));
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length - 1] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT)).isInstanceOf(CipherException.class);
    }

    @Test
    void anEmptySecretRoundTrips() {
        CredentialCipher cipher = new TinkCredentialCipher(folder.resolve("keyset.json"));

        assertThat(cipher.decryptString(cipher.encryptString("", CONTEXT), CONTEXT)).isEmpty();
    }

    @Test
    void aCorruptKeysetFileIsACipherException() throws IOException {
        Path keyset = folder.resolve("corrupt.json");
        Files.writeString(keyset, "{not a keyset");

        assertThatThrownBy(() -> new TinkCredentialCipher(keyset))
                .isInstanceOf(CipherException.class)
                .hasMessageContaining("Cannot load the credential keyset");
    }
}
