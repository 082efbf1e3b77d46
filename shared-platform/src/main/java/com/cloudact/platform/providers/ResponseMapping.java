package com.cloudact.platform.providers;

import com.cloudact.platform.providers.internal.ProviderError;

/**
 * Turns a provider's HTTP status into a {@link CheckResult}, as api.md §5.1 fixes it: 2xx valid; 401 invalid;
 * 403 forbidden; 400 invalid with the provider's own message; 429 rate limited; 3xx and anything else unreachable.
 * Messages are built here; the checker scrubs secrets from them afterwards.
 */
final class ResponseMapping {

    private ResponseMapping() {
    }

    /**
     * @param provider display name, e.g. "OpenAI"
     * @param subject  what was checked, e.g. "API key", used as "Invalid API key"
     */
    static CheckResult forError(String provider, String subject, int status, ProviderError error) {
        String detail = error.hasMessage() ? " (" + provider + " said: " + error.message() + ")" : "";
        if (status == 401) {
            return CheckResult.of(ConnectionStatus.INVALID, "Invalid " + subject);
        }
        if (status == 403) {
            return CheckResult.of(ConnectionStatus.FORBIDDEN, "The " + subject + " lacks required permissions" + detail);
        }
        if (status == 400) {
            return CheckResult.of(ConnectionStatus.INVALID, error.hasMessage()
                    ? provider + " rejected the " + subject + ": " + error.message()
                    : provider + " rejected the " + subject + " (400)");
        }
        if (status == 429) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, provider + " rate limited, try again later");
        }
        if (status >= 300 && status < 400) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE,
                    provider + " answered with a redirect (" + status + "); redirects are refused");
        }
        return CheckResult.of(ConnectionStatus.UNREACHABLE, provider + " API error: " + status + detail);
    }
}
