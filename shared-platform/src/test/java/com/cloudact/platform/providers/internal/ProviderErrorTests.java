package com.cloudact.platform.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderErrorTests {

    @Test
    void readsTheNestedErrorShapeOfOpenAiAnthropicAndGoogle() {
        assertThat(ProviderError.from("{\"error\":{\"message\":\"Bad\",\"type\":\"invalid_request_error\",\"code\":\"x_code\"}}"))
                .isEqualTo(new ProviderError("x_code", "Bad"));
        assertThat(ProviderError.from("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"))
                .isEqualTo(new ProviderError("authentication_error", "invalid x-api-key"));
        assertThat(ProviderError.from("{\"error\":{\"code\":400,\"message\":\"API key not valid.\",\"status\":\"INVALID_ARGUMENT\"}}"))
                .isEqualTo(new ProviderError("INVALID_ARGUMENT", "API key not valid."));
    }

    @Test
    void readsOAuthOciAndAwsShapes() {
        assertThat(ProviderError.from("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"))
                .isEqualTo(new ProviderError("invalid_grant", "Invalid JWT Signature."));
        assertThat(ProviderError.from("{\"code\":\"NotAuthenticated\",\"message\":\"Nope\"}"))
                .isEqualTo(new ProviderError("NotAuthenticated", "Nope"));
        assertThat(ProviderError.from("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                + "<Message>User &amp; role &lt;x&gt;</Message></Error></ErrorResponse>"))
                .isEqualTo(new ProviderError("AccessDenied", "User & role <x>"));
    }

    @Test
    void cutsLongMessagesAndDropsControlCharacters() {
        ProviderError error = ProviderError.from("{\"error\":{\"message\":\"line1\\nline2\\t" + "x".repeat(500) + "\"}}");

        assertThat(error.message()).startsWith("line1 line2 x").hasSize(200).endsWith("…");
    }

    @Test
    void anUnreadableBodyGivesNothing() {
        assertThat(ProviderError.from("<html>502 Bad Gateway</html>")).isEqualTo(new ProviderError("", ""));
        assertThat(ProviderError.from("not json")).isEqualTo(new ProviderError("", ""));
        assertThat(ProviderError.from(null)).isEqualTo(new ProviderError("", ""));
    }
}
