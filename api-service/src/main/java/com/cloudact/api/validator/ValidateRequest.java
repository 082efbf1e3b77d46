package com.cloudact.api.validator;

import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /validator/validate/{org}}. {@code source} is {@code integration} (the default: the run reads
 * the provider with a stored credential, which must be valid) or {@code upload} (the run imports a file the
 * caller supplied, so no integration is needed). {@code include_credentials} is accepted for the reference's
 * clients but must be false: secrets never leave the API; the pipeline service decrypts them itself.
 */
record ValidateRequest(@NotBlank @Size(max = 200) String pipelineId,
                       @AssertFalse(message = "must be false: credentials are never returned over HTTP")
                       boolean includeCredentials,
                       @Pattern(regexp = "integration|upload", message = "must be integration or upload") String source) {

    boolean fromUpload() {
        return "upload".equals(source);
    }
}
