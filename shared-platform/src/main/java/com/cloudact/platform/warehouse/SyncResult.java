package com.cloudact.platform.warehouse;

import java.util.List;
import java.util.Map;

/** What a dataset sync did. */
public record SyncResult(boolean datasetCreated, List<String> tablesCreated, List<String> tablesExisting,
                         Map<String, List<String>> columnsAdded, List<String> errors) {

    public boolean succeeded() {
        return errors.isEmpty();
    }
}
