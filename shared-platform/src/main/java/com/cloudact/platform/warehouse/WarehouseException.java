package com.cloudact.platform.warehouse;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;

/** A warehouse operation failed; the message is the engine's, for logs and for callers that explain it. */
public class WarehouseException extends CloudActException {

    public WarehouseException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL_ERROR, message, cause);
    }

    protected WarehouseException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The first line of the engine's message, which is the useful part of DuckDB's and BigQuery's errors. */
    public String firstLine() {
        String message = getMessage() == null ? "" : getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
