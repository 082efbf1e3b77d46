package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.standins.GenAiStandIn.Flavor;
import com.cloudact.platform.providers.standins.GenAiStandIn;
import com.cloudact.platform.providers.standins.NoSecrets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The four GenAI checkers against stand-ins of their model-listing APIs, every answer api.md §5.1 maps. */
class GenAiKeyCheckersTests {

    /** A provider: its key in the factory, its stand-in flavour, the key the stand-in accepts and a wrong one. */
    record Case(String providerKey, Flavor flavor, String validKey, String wrongKey) {
        @Override
        public String toString() {
            return providerKey;
        }
    }

    static Stream<Case> providers() {
        return Stream.of(
                new Case("openai", Flavor.OPENAI, "sk-proj-VALIDc2VjcmV0LW9wZW5haS1rZXk", "sk-proj-WRONGc2VjcmV0LW9wZW5haS1rZXk"),
                new Case("claude", Flavor.ANTHROPIC, "sk-ant-api03-VALIDYW50aHJvcGljLWtleQ", "sk-ant-api03-WRONGYW50aHJvcGljLWtleQ"),
                new Case("gemini", Flavor.GEMINI, "AIzaSyVALIDZ2VtaW5pLWtleS0wMTIzNDU2", "AIzaSyWRONGZ2VtaW5pLWtleS0wMTIzNDU2"),
                new Case("deepseek", Flavor.DEEPSEEK, "sk-VALID0123456789abcdef0123456789ab", "sk-WRONG0123456789abcdef0123456789ab"));
    }

    GenAiStandIn standIn;
    SafeHttp http;

    CredentialChecker checkerFor(Case c) {
        standIn = new GenAiStandIn(c.flavor(), c.validKey());
        http = new SafeHttp(standIn.allowList());
        return CredentialCheckers.forProvider(c.providerKey(), ProviderEndpoints.allAt(standIn.baseUrl()), http, Optional.empty());
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aKeyTheProviderAcceptsIsValid(Case c) {
        CheckResult result = checkerFor(c).check(c.validKey());

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        NoSecrets.in(result, c.validKey());
        assertThat(standIn.requests()).hasSize(1);
        assertThat(standIn.requests().getFirst().rawQuery()).as("no key in the URL").isNull();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aKeyTheProviderRejectsIsInvalid(Case c) {
        CheckResult result = checkerFor(c).check(c.wrongKey());

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).isEqualTo(c.flavor() == Flavor.GEMINI
                ? "Gemini rejected the API key: API key not valid. Please pass a valid API key."
                : "Invalid API key");
        NoSecrets.in(result, c.wrongKey());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void forbiddenIsLacksPermissions(Case c) {
        CredentialChecker checker = checkerFor(c);
        standIn.failNext(standIn.errorReply(403, "Project does not have access to model listing"));

        CheckResult result = checker.check(c.validKey());

        assertThat(result.status()).isEqualTo(ConnectionStatus.FORBIDDEN);
        assertThat(result.message()).contains("lacks required permissions", "Project does not have access to model listing");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aBadRequestCarriesTheProvidersMessageButNeverTheKey(Case c) {
        CredentialChecker checker = checkerFor(c);
        standIn.failNext(standIn.errorReply(400, "Malformed key " + c.validKey() + " in request; organization header invalid"));

        CheckResult result = checker.check(c.validKey());

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).contains("Malformed key", "organization header invalid");
        NoSecrets.in(result, c.validKey());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void rateLimitsServerErrorsAndRedirectsAreUnreachable(Case c) {
        CredentialChecker checker = checkerFor(c);
        standIn.failNext(standIn.errorReply(429, "Rate limit reached"));
        standIn.failNext(standIn.errorReply(500, "The server had an error"));
        standIn.redirectNext();

        CheckResult limited = checker.check(c.validKey());
        CheckResult failed = checker.check(c.validKey());
        CheckResult redirected = checker.check(c.validKey());

        assertThat(limited.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(limited.message()).contains("rate limited, try again later");
        assertThat(failed.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(failed.message()).contains("API error: 500");
        assertThat(redirected.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(redirected.message()).contains("redirect (302)");
        assertThat(standIn.redirectFollowed()).isFalse();
        Stream.of(limited, failed, redirected).forEach(r -> NoSecrets.in(r, c.validKey()));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aProviderThatCannotBeReachedIsUnreachable(Case c) {
        CredentialChecker checker = checkerFor(c);
        String base = standIn.baseUrl();
        standIn.close();
        standIn = null;

        CheckResult result = checker.check(c.validKey());

        assertThat(result.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(result.message()).doesNotContain(base);
        NoSecrets.in(result, c.validKey());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aDestinationThatIsNotAllowedIsBlockedAndNothingIsSent(Case c) {
        checkerFor(c);
        try (SafeHttp production = new SafeHttp(Set.of())) {
            CheckResult result = CredentialCheckers.forProvider(c.providerKey(), ProviderEndpoints.allAt(standIn.baseUrl()),
                    production, Optional.empty()).check(c.validKey());

            assertThat(result.status()).isEqualTo(ConnectionStatus.BLOCKED);
            assertThat(result.message()).contains("loopback");
            NoSecrets.in(result, c.validKey());
        }
        assertThat(standIn.requests()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aMalformedKeyIsNeverSent(Case c) {
        CheckResult result = checkerFor(c).check("not-a-key " + c.validKey());

        assertThat(result.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(result.message()).contains("'api_key'");
        NoSecrets.in(result, c.validKey());
        assertThat(standIn.requests()).isEmpty();
    }
}
