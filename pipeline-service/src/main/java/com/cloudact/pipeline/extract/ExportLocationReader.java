package com.cloudact.pipeline.extract;

import com.cloudact.model.Provider;
import com.cloudact.platform.credentials.StoredCredential;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Reads a provider's billing export from where the provider writes it (an S3 bucket, a Blob container, an Object
 * Storage bucket, a BigQuery export table) with the org's stored credential, and writes the export's files for the
 * run's dates into a directory, in the same formats an upload may have. The loader then treats them as uploads.
 */
public interface ExportLocationReader {

    Provider provider();

    /**
     * @param metadata the credential's metadata (bucket, prefix, export table, ...), as the integration stored it
     * @return the files written, empty when the location holds no export for those dates
     */
    List<Path> download(Request request, Path directory) throws IOException, InterruptedException;

    /** What to read: with which credential (and its decrypted secret), where, for which days. */
    record Request(StoredCredential credential, String secret, Map<String, Object> metadata, LocalDate start,
                   LocalDate end) {

        @Override
        public String toString() {
            return "Request[credential=" + credential.credentialId() + ", start=" + start + ", end=" + end + "]";
        }
    }
}
