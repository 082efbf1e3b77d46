package com.cloudact.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.OrgSlug;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ApiKeysTests {

    private static final OrgSlug ACME = OrgSlug.of("Acme_Corp");

    @Test
    void aKeyIsTheOrgSlugApiAndFortyThreeUrlSafeCharacters() {
        String key = ApiKeys.generate(ACME);

        assertThat(key).matches("acme_corp_api_[A-Za-z0-9_-]{43}");
        assertThat(key).startsWith(ACME.value() + "_api_");
    }

    @Test
    void everyKeyIsDifferent() {
        Set<String> keys = new HashSet<>();
        IntStream.range(0, 2_000).forEach(i -> keys.add(ApiKeys.generate(ACME)));

        assertThat(keys).hasSize(2_000);
    }

    @Test
    void theHashIsLowerCaseHexSha256() {
        assertThat(ApiKeys.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String key = ApiKeys.generate(ACME);
        assertThat(ApiKeys.hash(key)).matches("[0-9a-f]{64}").isEqualTo(ApiKeys.hash(key))
                .isNotEqualTo(ApiKeys.hash(key + "x"));
    }

    @Test
    void matchesHashAcceptsOnlyTheKeyThatWasHashed() {
        String key = ApiKeys.generate(ACME);
        String stored = ApiKeys.hash(key);

        assertThat(ApiKeys.matchesHash(key, stored)).isTrue();
        assertThat(ApiKeys.matchesHash(ApiKeys.generate(ACME), stored)).isFalse();
        assertThat(ApiKeys.matchesHash(key.substring(0, key.length() - 1), stored)).isFalse();
        assertThat(ApiKeys.matchesHash(key, stored.substring(1))).isFalse();
        assertThat(ApiKeys.matchesHash(null, stored)).isFalse();
        assertThat(ApiKeys.matchesHash(key, null)).isFalse();
        assertThat(ApiKeys.matchesHash(stored, stored)).as("the hash itself is not a key").isFalse();
    }

    @Test
    void theFingerprintIsTheLastFourCharacters() {
        String key = ApiKeys.generate(ACME);

        assertThat(ApiKeys.fingerprint(key)).isEqualTo(key.substring(key.length() - 4)).hasSize(4);
        assertThat(ApiKeys.fingerprint("abc")).isEqualTo("abc");
        assertThat(ApiKeys.fingerprint("acme_api_0123456789wxyz")).isEqualTo("wxyz");
    }

    @Test
    void constantTimeEqualsComparesWholeValues() {
        String key = ApiKeys.generate(ACME);
        String firstDiffers = (key.charAt(0) == 'b' ? 'c' : 'b') + key.substring(1);
        char last = key.charAt(key.length() - 1);
        String lastDiffers = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(ApiKeys.constantTimeEquals(key, new String(key.toCharArray()))).isTrue();
        assertThat(ApiKeys.constantTimeEquals(key, firstDiffers)).isFalse();
        assertThat(ApiKeys.constantTimeEquals(key, lastDiffers)).isFalse();
        assertThat(ApiKeys.constantTimeEquals(key, key + "A")).isFalse();
        assertThat(ApiKeys.constantTimeEquals(key, key.substring(0, 10))).isFalse();
        assertThat(ApiKeys.constantTimeEquals("", "")).isTrue();
        assertThat(ApiKeys.constantTimeEquals(null, key)).isFalse();
        assertThat(ApiKeys.constantTimeEquals(key, null)).isFalse();
        assertThat(ApiKeys.constantTimeEquals(null, null)).isFalse();
    }

    /**
     * No early exit: a mismatch in the first character costs as much as one in the last. Long secrets make the
     * difference an early-exit comparison would show enormous, and the same harness run on {@link String#equals}
     * must see it, so the check can fail.
     */
    @Test
    void whereTwoSecretsDifferDoesNotChangeHowLongTheComparisonTakes() {
        String expected = "k".repeat(2_000_000);
        String firstDiffers = "x" + expected.substring(1);
        String lastDiffers = expected.substring(1) + "x";

        double constantTime = firstOverLast(ApiKeys::constantTimeEquals, expected, firstDiffers, lastDiffers);
        double earlyExit = firstOverLast(String::equals, expected, firstDiffers, lastDiffers);

        assertThat(constantTime).as("first-mismatch / last-mismatch time").isBetween(0.5, 2.0);
        assertThat(earlyExit).as("the harness sees String.equals exit early").isLessThan(0.2);
    }

    /** Median time of comparisons failing at the first character over those failing at the last. */
    private static double firstOverLast(java.util.function.BiPredicate<String, String> equals, String expected,
                                        String firstDiffers, String lastDiffers) {
        int rounds = 41;
        long[] first = new long[rounds];
        long[] last = new long[rounds];
        boolean sink = false;
        for (int i = 0; i < rounds + 5; i++) {
            long start = System.nanoTime();
            sink ^= equals.test(firstDiffers, expected);
            long middle = System.nanoTime();
            sink ^= equals.test(lastDiffers, expected);
            long end = System.nanoTime();
            if (i >= 5) {
                first[i - 5] = middle - start;
                last[i - 5] = end - middle;
            }
        }
        assertThat(sink).isFalse();
        java.util.Arrays.sort(first);
        java.util.Arrays.sort(last);
        return (double) Math.max(first[rounds / 2], 1) / Math.max(last[rounds / 2], 1);
    }

    @Test
    void whatIsComparedHasTheSameLengthWhateverTheInput() {
        // constantTimeEquals and matchesHash compare SHA-256 digests, so the work never depends on how long the
        // presented secret is or where it differs from the expected one.
        assertThat(Set.of(ApiKeys.hash(""), ApiKeys.hash("a"), ApiKeys.hash(ApiKeys.generate(ACME)),
                ApiKeys.hash("x".repeat(100_000)))).extracting(String::length).containsOnly(64);
    }
}
