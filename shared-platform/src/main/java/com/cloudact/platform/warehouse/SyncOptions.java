package com.cloudact.platform.warehouse;

/** What a dataset sync may create. It never drops anything. */
public record SyncOptions(boolean createMissingTables, boolean addMissingColumns) {

    public static final SyncOptions FULL = new SyncOptions(true, true);
}
