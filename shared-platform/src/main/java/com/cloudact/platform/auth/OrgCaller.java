package com.cloudact.platform.auth;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import java.util.List;

/** One organization, authenticated by its {@code X-API-Key}. */
public record OrgCaller(OrgSlug org, String apiKeyId, List<String> scopes) implements Caller {

    public OrgCaller {
        scopes = List.copyOf(scopes);
    }

    @Override
    public boolean isRoot() {
        return false;
    }

    /** Keys without scopes may do everything; a key with scopes must hold this one. */
    @Override
    public void requireScope(String scope) {
        if (!scopes.isEmpty() && !scopes.contains(scope)) {
            throw new CloudActException(ErrorCode.FORBIDDEN, "This API key lacks the scope " + scope);
        }
    }
}
