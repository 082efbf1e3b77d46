package com.cloudact.platform.auth;

/**
 * Who is calling: the platform operator with the root key, or one organization with its API key. A controller
 * asks for the kind it accepts as a parameter ({@link RootCaller}, {@link OrgCaller} or either as
 * {@code Caller}); the {@link CallerArgumentResolver} authenticates the request and enforces that an org caller
 * only reaches its own {@code {org_slug}}.
 */
public sealed interface Caller permits RootCaller, OrgCaller {

    boolean isRoot();

    /** Refuses (403) a key whose scopes do not include {@code scope}; the root key and unscoped keys may all. */
    default void requireScope(String scope) {
    }
}
