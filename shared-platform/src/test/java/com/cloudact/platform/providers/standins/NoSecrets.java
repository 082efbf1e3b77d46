package com.cloudact.platform.providers.standins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.CheckResult;

/** Assertions that secrets stay out of what users and logs see. */
public final class NoSecrets {

    private NoSecrets() {
    }

    /** Neither the message nor any fact contains a secret (for PEM keys: any line of the key). */
    public static void in(CheckResult result, String... secrets) {
        in(result.message(), secrets);
        result.facts().values().forEach(v -> in(v, secrets));
    }

    public static void in(String text, String... secrets) {
        for (String secret : secrets) {
            if (secret.contains("-----BEGIN")) {
                for (String line : TestKeys.pemLines(secret)) {
                    assertThat(text).as("text shown to users").doesNotContain(line);
                }
            } else {
                assertThat(text).as("text shown to users").doesNotContain(secret);
            }
        }
    }
}
