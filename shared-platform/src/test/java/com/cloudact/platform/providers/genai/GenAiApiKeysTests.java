package com.cloudact.platform.providers.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GenAiApiKeysTests {

    /** One GenAI key type: how to parse it, a well-formed key, and a key with another provider's prefix. */
    record KeyType(String name, Function<String, Object> parse, String good, String wrongPrefix, String tooShort) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<KeyType> keyTypes() {
        return Stream.of(
                new KeyType("OpenAI", OpenAiApiKey::parse, "sk-proj-Q2xvdWRBY3RUZXN0S2V5MDAx", "AIzaSyQ2xvdWRBY3RUZXN0S2V5", "sk-abc123"),
                new KeyType("OpenAI keisk", OpenAiApiKey::parse, "keisk-Q2xvdWRBY3RUZXN0S2V5MDAx", "pk-Q2xvdWRBY3RUZXN0S2V5MDAx", "keisk-abc"),
                new KeyType("Anthropic", AnthropicApiKey::parse, "sk-ant-api03-Q2xvdWRBY3RUZXN0S2V5", "sk-Q2xvdWRBY3RUZXN0S2V5MDAx", "sk-ant-abc"),
                new KeyType("Gemini", GeminiApiKey::parse, "AIzaSyQ2xvdWRBY3RUZXN0S2V5MDAxMDI", "sk-Q2xvdWRBY3RUZXN0S2V5MDAx", "AIzaSy123"),
                new KeyType("DeepSeek", DeepSeekApiKey::parse, "sk-0123456789abcdef0123456789abcdef", "AIzaSyQ2xvdWRBY3RUZXN0S2V5", "sk-abc123"));
    }

    @ParameterizedTest
    @MethodSource("keyTypes")
    void parsesAWellFormedKeyAndTrimsPastedWhiteSpace(KeyType type) {
        Object key = type.parse().apply("  " + type.good() + "\n");

        assertThat(key).extracting("key").isEqualTo(type.good());
        assertThat(key).extracting("fingerprint").isEqualTo(type.good().substring(type.good().length() - 4));
    }

    @ParameterizedTest
    @MethodSource("keyTypes")
    void toStringAndRedactedCopyHideTheKey(KeyType type) {
        Object key = type.parse().apply(type.good());

        assertThat(key.toString()).doesNotContain(type.good()).endsWith(type.good().substring(type.good().length() - 4) + "]");
        Object redacted = invoke(key, "redacted");
        assertThat(redacted).extracting("key").isEqualTo("REDACTED");
        assertThat(redacted.toString()).doesNotContain(type.good());
    }

    @ParameterizedTest
    @MethodSource("keyTypes")
    void rejectsAnotherProvidersPrefixNamingTheFieldWithoutEchoingTheKey(KeyType type) {
        assertThatIllegalArgumentException().isThrownBy(() -> type.parse().apply(type.wrongPrefix()))
                .withMessageContaining("'api_key'")
                .withMessageContaining("start with")
                .withMessageNotContaining(type.wrongPrefix());
    }

    @ParameterizedTest
    @MethodSource("keyTypes")
    void rejectsShortKeysInnerWhiteSpaceAndEmptyInput(KeyType type) {
        assertThatIllegalArgumentException().isThrownBy(() -> type.parse().apply(type.tooShort()))
                .withMessageContaining("'api_key'").withMessageContaining("too short");
        String spaced = type.good().substring(0, 10) + " " + type.good().substring(10);
        assertThatIllegalArgumentException().isThrownBy(() -> type.parse().apply(spaced))
                .withMessageContaining("'api_key'").withMessageContaining("spaces");
        assertThatIllegalArgumentException().isThrownBy(() -> type.parse().apply("   "))
                .withMessage("Missing required field 'api_key'");
        assertThatIllegalArgumentException().isThrownBy(() -> type.parse().apply(null))
                .withMessage("Missing required field 'api_key'");
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
