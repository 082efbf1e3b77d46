package com.cloudact.platform.auth;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.platform.apikey.ApiKeys;

/** Checks {@code X-CA-Root-Key} against the configured root key, in constant time. */
public final class RootKeyVerifier {

    private final String rootKey;

    public RootKeyVerifier(String rootKey) {
        this.rootKey = rootKey == null || rootKey.isBlank() ? null : rootKey;
    }

    public RootCaller verify(String presented) {
        if (presented == null || presented.isBlank()) {
            throw new CloudActException(ErrorCode.ROOT_KEY_REQUIRED, "Root API key required (X-CA-Root-Key header)");
        }
        if (rootKey == null) {
            throw new CloudActException(ErrorCode.SERVICE_UNAVAILABLE, "Root API key is not configured on this service");
        }
        if (!ApiKeys.constantTimeEquals(presented, rootKey)) {
            throw new CloudActException(ErrorCode.INVALID_ROOT_KEY, "Invalid root API key");
        }
        return new RootCaller();
    }

    public boolean matches(String presented) {
        return rootKey != null && presented != null && ApiKeys.constantTimeEquals(presented, rootKey);
    }
}
