package com.cloudact.platform.warehouse;

import com.cloudact.model.ErrorCode;

/** A concurrent transaction changed the same rows first; the operation may be retried. */
public class WriteConflictException extends WarehouseException {

    public WriteConflictException(String message, Throwable cause) {
        super(ErrorCode.WRITE_CONFLICT, message, cause);
    }
}
