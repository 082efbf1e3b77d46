package com.cloudact.pipeline.extract;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credential a step reads a provider with: the one the run's trigger named ({@code credential_id}), else the
 * org's usable one of that provider. An expired or not validated credential is refused, whichever way it was found.
 * Every step that reads a provider with the org's credential (billing export loaders, GenAI usage) asks here, so
 * "which credential does this run use" has one answer.
 */
public final class RunCredentials {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CredentialVault vault;
    private final Clock clock;

    public RunCredentials(CredentialVault vault, Clock clock) {
        this.vault = vault;
        this.clock = clock;
    }

    /**
     * @param withoutOne what the user can do when the org has no usable credential, appended to the error
     *                   ("upload a billing file with the run, or set up the integration")
     */
    public StoredCredential resolve(StepContext context, Provider provider, String withoutOne) {
        String name = provider.displayName();
        Optional<String> named = context.variable("credential_id").map(String::valueOf);
        StoredCredential credential = named
                .map(id -> vault.current(context.org()).stream()
                        .filter(c -> c.credentialId().equals(id) && c.provider() == provider).findFirst()
                        .orElseThrow(() -> new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                                "No current " + name + " credential " + id)))
                .orElseGet(() -> vault.usable(context.org(), provider).orElseThrow(() ->
                        new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "No usable " + name
                                + " integration: " + withoutOne)));
        if (!credential.isUsable(clock.instant())) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The " + name + " credential "
                    + credential.credentialId() + " is " + (credential.isExpired(clock.instant()) ? "expired"
                    : credential.validationStatus()));
        }
        return credential;
    }

    /** The plaintext secret of the credential. */
    public String secret(StoredCredential credential) {
        return vault.decrypt(credential);
    }

    /** The credential's metadata (bucket, export table, organization id ...) as the integration stored it. */
    public static Map<String, Object> metadata(StoredCredential credential) {
        return credential.metadataJson() == null ? Map.of()
                : JSON.readValue(credential.metadataJson(), new TypeReference<Map<String, Object>>() { });
    }
}
