package com.cloudact.platform.warehouse;

/** A file made readable from SQL; {@link #relation()} is a FROM-clause expression in the warehouse's dialect. */
public interface StagedFile extends AutoCloseable {

    String relation();

    @Override
    void close();
}
