package com.cloudact.api.admin;

/** Body of {@code POST /admin/bootstrap/sync}. */
record BootstrapSyncRequest(Boolean syncMissingTables, Boolean syncMissingColumns) {

    BootstrapSyncRequest {
        syncMissingTables = syncMissingTables == null || syncMissingTables;
        syncMissingColumns = syncMissingColumns != null && syncMissingColumns;
    }
}
