package com.cloudact.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The embedded default: an AES-256-GCM Tink keyset kept in a file of the data folder, created on first use and
 * readable only by its owner. Every service of one installation points at the same file.
 */
public final class TinkCredentialCipher implements CredentialCipher {

    private final Aead aead;

    public TinkCredentialCipher(Path keysetFile) {
        try {
            AeadConfig.register();
            KeysetHandle handle = loadOrCreate(keysetFile);
            this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | IOException e) {
            throw new CipherException("Cannot load the credential keyset " + keysetFile + ": " + e.getMessage(), e);
        }
    }

    private static KeysetHandle loadOrCreate(Path file) throws GeneralSecurityException, IOException {
        if (!Files.exists(file)) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
            try {
                Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system; the folder's own permissions apply
                }
            } catch (FileAlreadyExistsException raced) {
                // another service of this installation created it first; use theirs
            }
        }
        return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
                InsecureSecretKeyAccess.get());
    }

    @Override
    public byte[] encrypt(byte[] plaintext, String context) {
        try {
            return aead.encrypt(plaintext, context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CipherException("Encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, String context) {
        try {
            return aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CipherException("Decryption failed (wrong key or context)", e);
        }
    }
}
