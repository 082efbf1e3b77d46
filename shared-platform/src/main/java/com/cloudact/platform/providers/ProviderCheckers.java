package com.cloudact.platform.providers;

import com.cloudact.model.Provider;
import com.cloudact.platform.providers.aws.AwsKeys;
import java.util.Optional;

/** The credential checkers of one deployment: its provider endpoints, its guarded HTTP client, its AWS keys. */
public final class ProviderCheckers {

    private final ProviderEndpoints endpoints;
    private final SafeHttp http;
    private final Optional<AwsKeys> platformAwsKeys;

    public ProviderCheckers(ProviderEndpoints endpoints, SafeHttp http, Optional<AwsKeys> platformAwsKeys) {
        this.endpoints = endpoints;
        this.http = http;
        this.platformAwsKeys = platformAwsKeys;
    }

    public CredentialChecker forProvider(Provider provider) {
        return CredentialCheckers.forProvider(provider.id(), endpoints, http, platformAwsKeys);
    }
}
