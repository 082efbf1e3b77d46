package com.cloudact.pipeline.engine;

/**
 * Lets a running pipeline be cancelled from outside. The engine asks between levels, before every attempt and
 * while a step runs (every {@code poll-interval}); a step that is running when the answer turns true is
 * interrupted.
 */
@FunctionalInterface
public interface RunControl {

    RunControl NONE = () -> false;

    boolean cancelRequested();
}
