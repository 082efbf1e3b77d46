package com.cloudact.api.admin;

import java.util.List;
import java.util.Map;

/** What a non-destructive sync added: SUCCESS, or PARTIAL when some tables failed. */
record BootstrapSyncResult(String status, List<String> tablesCreated, Map<String, List<String>> columnsAdded,
                           List<String> errors, String message) {
}
