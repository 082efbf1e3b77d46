package com.cloudact.platform.providers;

/**
 * The outcome of checking a provider credential. The set is fixed: every checker answers with one of these, and
 * each says what the user should look at next.
 */
public enum ConnectionStatus {

    /** The provider accepted the credential and answered a read-only call. Nothing to do. */
    VALID,

    /**
     * The provider rejected the credential (HTTP 401, or a 400 naming the credential). Check that the key or secret
     * was copied whole, has not been revoked or rotated, and belongs to this provider.
     */
    INVALID,

    /**
     * The provider knows the credential but it lacks a permission the check needs (HTTP 403). Check the roles or
     * scopes granted to the key, service account, principal or user.
     */
    FORBIDDEN,

    /**
     * The credential failed CloudAct's own format checks, so nothing was sent. Check the field named in the
     * message: a missing field, a wrong prefix, a truncated key or a mangled JSON file.
     */
    MALFORMED,

    /**
     * The provider could not be asked: network error, timeout, rate limit, redirect or a 5xx answer. The credential
     * may be fine; try again later, and check the provider's status page if it persists.
     */
    UNREACHABLE,

    /**
     * CloudAct refused to send the request because the target address is not allowed (a private, loopback or
     * metadata address, or a non-provider host). Check the endpoint fields of the credential, such as a token URI.
     */
    BLOCKED,

    /**
     * The credential could not be checked yet, for example because the check needs CloudAct's own platform
     * credentials and they are not configured. It will be checked later; nothing is wrong with it as far as known.
     */
    PENDING
}
