package com.cloudact.platform.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTests {

    static final String KEY = "sk-proj-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";

    @Test
    void scrubsAWordHoldingTheSecretWholeOrInPart() {
        assertThat(Secrets.scrub("Incorrect API key provided: " + KEY + ".", List.of(KEY)))
                .isEqualTo("Incorrect API key provided: [REDACTED]");
        assertThat(Secrets.scrub("key sk-proj-Zm9v****Nzg5MA is invalid", List.of(KEY)))
                .isEqualTo("key [REDACTED] is invalid");
        assertThat(Secrets.scrub("quoted \"" + KEY.substring(10, 30) + "\" here", List.of(KEY)))
                .isEqualTo("quoted \"[REDACTED]\" here");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(Secrets.scrub("API key not valid. Please pass a valid API key.", List.of(KEY)))
                .isEqualTo("API key not valid. Please pass a valid API key.");
        assertThat(Secrets.scrub("anything", List.of("short"))).isEqualTo("anything");
    }

    @Test
    void fingerprintsShowFourCharactersOrFourHexDigits() {
        assertThat(Secrets.lastFour(KEY)).isEqualTo("g5MA");
        assertThat(Secrets.hashFour(new byte[] {1, 2, 3})).matches("[0-9a-f]{4}");
    }
}
