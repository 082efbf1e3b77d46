package com.cloudact.frontend.apiclient;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.crypto.CredentialCipher;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The org API keys the frontend calls the API service with: decrypted from the app database, cached a minute. */
@Component
class OrgKeys {

    private final AppOrganizations organizations;
    private final CredentialCipher cipher;
    private final Cache<OrgSlug, String> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(1_000).build();

    OrgKeys(AppOrganizations organizations, CredentialCipher cipher) {
        this.organizations = organizations;
        this.cipher = cipher;
    }

    String keyOf(OrgSlug org) {
        return cache.get(org, slug -> organizations.encryptedApiKey(slug)
                .map(encrypted -> cipher.decryptString(encrypted, AppOrganizations.apiKeyContext(slug)))
                .orElseThrow(() -> new CloudActException(ErrorCode.ORG_NOT_FOUND,
                        "Organization " + slug + " has no API key yet; onboarding has not completed")));
    }

    void forget(OrgSlug org) {
        cache.invalidate(org);
    }
}
