package com.cloudact.pipeline.engine;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.pipeline.PipelineDefinition;
import com.cloudact.model.pipeline.PipelineDefinitionParser;
import com.cloudact.model.pipeline.PipelinePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Pipeline definitions on the classpath, {@code pipelines/{category}/[{provider}/]{domain}/{pipeline}.yml},
 * parsed and checked once, with every step's {@code ps_type} known to this service.
 */
@Component
public class PipelineDefinitions {

    private final ProcessorRegistry processors;
    private final Map<String, PipelineDefinition> cache = new ConcurrentHashMap<>();

    PipelineDefinitions(ProcessorRegistry processors) {
        this.processors = processors;
    }

    public PipelineDefinition get(PipelinePath path) {
        return cache.computeIfAbsent(path.fileIdentifier(), this::load);
    }

    private PipelineDefinition load(String fileIdentifier) {
        String resource = "pipelines/" + fileIdentifier + ".yml";
        try (InputStream in = PipelineDefinitions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new CloudActException(ErrorCode.PIPELINE_NOT_FOUND, "No pipeline " + fileIdentifier);
            }
            PipelineDefinition definition = PipelineDefinitionParser.parse(in, resource);
            definition.steps().forEach(step -> processors.find(step.psType()).orElseThrow(() ->
                    new IllegalStateException(resource + ": step " + step.stepId() + " has unknown ps_type "
                            + step.psType())));
            return definition;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
