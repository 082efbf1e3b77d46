package com.cloudact.pipeline.engine;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.pipeline.PipelineDefinition;
import com.cloudact.model.pipeline.PipelinePath;
import java.util.Map;

/** One run to execute: the pipeline, for which org, with which starting variables. */
public record RunPlan(String runId, OrgSlug org, DatasetName orgDataset, PipelinePath path,
                      PipelineDefinition definition, Map<String, Object> variables) {
}
