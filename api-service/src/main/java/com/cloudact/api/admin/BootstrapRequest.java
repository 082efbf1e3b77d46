package com.cloudact.api.admin;

/** Body of {@code POST /admin/bootstrap}; both flags default to false. */
record BootstrapRequest(boolean forceRecreateDataset, boolean forceRecreateTables) {
}
