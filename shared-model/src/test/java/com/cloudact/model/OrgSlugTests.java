package com.cloudact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrgSlugTests {

    private static final Instant NOW = Instant.parse("2026-01-15T10:20:30Z");

    @ParameterizedTest
    @ValueSource(strings = {"abc", "acme", "acme_corp", "Acme_Corp_2", "ORG_123", "___", "a1b2c3"})
    void acceptsLettersDigitsAndUnderscores(String value) {
        assertThat(OrgSlug.isValid(value)).isTrue();
        assertThat(OrgSlug.of(value).value()).isEqualTo(value.toLowerCase());
    }

    @Test
    void acceptsExactlyThreeToFiftyCharacters() {
        assertThat(OrgSlug.of("a".repeat(3)).value()).hasSize(3);
        assertThat(OrgSlug.of("a".repeat(50)).value()).hasSize(50);
        assertInvalid("a".repeat(2));
        assertInvalid("a".repeat(51));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"acme-corp", "acme corp", "acme.corp", "../etc", "..", "acme/../other", "acme%2F..",
            "acme\\..\\x", "ab", "acme!", "acme'--", "caf\u00e9_org", " acme", "acme\n", "acme;drop"})
    void rejectsEverythingElse(String value) {
        assertThat(OrgSlug.isValid(value)).isFalse();
        assertInvalid(value);
    }

    @Test
    void slugsThatDifferOnlyInCaseAreTheSameOrganization() {
        OrgSlug upper = OrgSlug.of("ACME_Corp");
        OrgSlug lower = OrgSlug.of("acme_corp");
        assertThat(upper).isEqualTo(lower).hasSameHashCodeAs(lower);
        assertThat(upper.value()).isEqualTo("acme_corp");
        assertThat(upper.toString()).isEqualTo("acme_corp");
        assertThat(OrgSlug.of("acme_corp")).isNotEqualTo(OrgSlug.of("acme_corp2"));
    }

    @Test
    void generateBuildsAValidSlugFromTheCompanyNameAndTime() {
        OrgSlug slug = OrgSlug.generate("Acme Corp, Inc.", NOW);
        String suffix = Long.toString(NOW.toEpochMilli(), 36);
        assertThat(slug.value()).isEqualTo("acme_corp_inc_" + suffix);
        assertThat(OrgSlug.isValid(slug.value())).isTrue();
    }

    @Test
    void generateTrimsLongCompanyNamesToFiftyCharactersAndKeepsTheTimeSuffix() {
        String suffix = "_" + Long.toString(NOW.toEpochMilli(), 36);
        OrgSlug slug = OrgSlug.generate("Very Long Company Name ".repeat(10), NOW);
        assertThat(slug.value()).hasSize(50).startsWith("very_long_company_name_").endsWith(suffix);
        assertThat(OrgSlug.isValid(slug.value())).isTrue();
    }

    @Test
    void generateFallsBackToOrgWhenTheNameHasNoUsableCharacters() {
        String suffix = "_" + Long.toString(NOW.toEpochMilli(), 36);
        assertThat(OrgSlug.generate("!!! ???", NOW).value()).isEqualTo("org" + suffix);
        assertThat(OrgSlug.generate(null, NOW).value()).isEqualTo("org" + suffix);
        assertThat(OrgSlug.generate("", NOW).value()).isEqualTo("org" + suffix);
    }

    @Test
    void generateReplacesNonAsciiAndPunctuationAndNeverProducesAnInvalidSlug() {
        for (String name : new String[] {"Caf\u00e9 Z\u00fcrich", "-Acme-", "a", "__x__", "\u65e5\u672c\u682a\u5f0f\u4f1a\u793e",
                "O'Reilly & Sons", "x".repeat(500)}) {
            OrgSlug slug = OrgSlug.generate(name, NOW);
            assertThat(OrgSlug.isValid(slug.value())).as(name).isTrue();
            assertThat(slug.value()).as(name).doesNotStartWith("_");
        }
        assertThat(OrgSlug.generate("Caf\u00e9 Z\u00fcrich", NOW).value()).startsWith("caf_z_rich_");
    }

    @Test
    void generateGivesDifferentSlugsAtDifferentTimes() {
        assertThat(OrgSlug.generate("Acme", NOW)).isNotEqualTo(OrgSlug.generate("Acme", NOW.plusMillis(1)));
    }

    private static void assertInvalid(String value) {
        assertThatThrownBy(() -> OrgSlug.of(value))
                .isInstanceOf(CloudActException.class)
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.INVALID_ORG_SLUG))
                .hasMessageContaining("3-50");
    }
}
