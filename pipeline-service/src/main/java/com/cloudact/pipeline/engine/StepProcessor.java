package com.cloudact.pipeline.engine;

/**
 * What a pipeline step of one {@code ps_type} does. Implementations are Spring beans; the
 * {@link ProcessorRegistry} finds them by {@link #type()}.
 */
public interface StepProcessor {

    String type();

    StepResult run(StepContext context) throws Exception;
}
