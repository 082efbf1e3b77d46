package com.cloudact.api.admin;

import java.time.Instant;
import java.util.List;

/** What a bootstrap created. */
record BootstrapResult(String status, boolean datasetCreated, List<String> tablesCreated, List<String> tablesExisted,
                       int totalTables, String message, SchemaValidation schemaValidation) {

    record SchemaValidation(boolean valid, List<String> errors, List<String> warnings, int tablesValidated,
                            Instant validationTimestamp) {
    }
}
