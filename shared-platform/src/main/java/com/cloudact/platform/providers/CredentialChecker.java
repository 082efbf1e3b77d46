package com.cloudact.platform.providers;

/**
 * Checks that a provider credential works by making one read-only call to the provider's real API. Implementations
 * never throw for a bad credential or a failed call; every outcome is a {@link CheckResult}. Get one from
 * {@link CredentialCheckers#forProvider}.
 */
public interface CredentialChecker {

    /**
     * @param rawCredential the credential as the user gave it: an API key, or a JSON document for cloud providers
     */
    CheckResult check(String rawCredential);
}
