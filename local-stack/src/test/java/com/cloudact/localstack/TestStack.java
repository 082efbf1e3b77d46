package com.cloudact.localstack;

import com.cloudact.localstack.demo.DemoSeeder;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One local stack (all three services on free ports, a temporary data folder) shared by every end-to-end test
 * class of this module, seeded with the demo organization exactly as {@code run-local.sh} does.
 */
final class TestStack {

    private static RunningStack stack;
    private static DemoSeeder.Demo demo;

    private TestStack() {
    }

    static synchronized RunningStack get() {
        if (stack == null) {
            try {
                LocalStackSettings settings = LocalStackSettings.forTests(Files.createTempDirectory("cloudact-stack"));
                stack = LocalStackRunner.start(settings);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
                demo = new DemoSeeder(stack).ensureSeeded();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    static synchronized DemoSeeder.Demo demo() {
        get();
        return demo;
    }

    /** The org's API key as the frontend holds it (decrypted from the app database). */
    static String apiKeyOf(OrgSlug org) {
        AppOrganizations organizations = get().frontend().getBean(AppOrganizations.class);
        CredentialCipher cipher = get().frontend().getBean(CredentialCipher.class);
        return cipher.decryptString(organizations.encryptedApiKey(org).orElseThrow(), AppOrganizations.apiKeyContext(org));
    }
}
