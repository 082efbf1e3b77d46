package com.cloudact.platform.providers;

import java.util.Map;
import java.util.Objects;

/**
 * What a credential check found.
 *
 * @param status  one of the fixed {@link ConnectionStatus} values
 * @param message a human-readable sentence for the user; never contains a secret
 * @param facts   non-secret metadata learned on the way, such as {@code project_id} or {@code account_id}
 */
public record CheckResult(ConnectionStatus status, String message, Map<String, String> facts) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        facts = Map.copyOf(facts);
    }

    public static CheckResult of(ConnectionStatus status, String message) {
        return new CheckResult(status, message, Map.of());
    }

    public static CheckResult valid(String message, Map<String, String> facts) {
        return new CheckResult(ConnectionStatus.VALID, message, facts);
    }

    public boolean isValid() {
        return status == ConnectionStatus.VALID;
    }
}
