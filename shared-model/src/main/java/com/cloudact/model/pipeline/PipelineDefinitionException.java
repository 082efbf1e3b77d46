package com.cloudact.model.pipeline;

/** A pipeline YAML file that does not describe a runnable pipeline. */
public class PipelineDefinitionException extends RuntimeException {

    public PipelineDefinitionException(String message) {
        super(message);
    }
}
