package com.cloudact.pipeline.genai;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFile;
import com.cloudact.pipeline.extract.BillingFileLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code genai.infrastructure_usage}: loads the GPU/TPU hours file uploaded with the run ({@link GpuHoursExport})
 * into {@code genai_infrastructure_usage_raw}. Upload only: no cloud API reports GPU hours per instance type in a
 * form CloudAct could fetch with the org's billing credential, and the cloud bills already carry their cost. Outputs
 * the first and last day loaded as {@code start_date} / {@code end_date}, so the cost steps price exactly those.
 */
@Component
class GpuHoursLoadStep implements StepProcessor {

    private static final GpuHoursExport EXPORT = new GpuHoursExport();

    private final BillingFileLoader loader;

    GpuHoursLoadStep(BillingFileLoader loader) {
        this.loader = loader;
    }

    @Override
    public String type() {
        return "genai.infrastructure_usage";
    }

    @Override
    public StepResult run(StepContext context) {
        Path path = context.variable("input_file").map(Path.class::cast).orElseThrow(() -> new CloudActException(
                ErrorCode.BAD_REQUEST, "Upload a GPU/TPU hours CSV (multipart \"file\") with the run"));
        String name = context.variable("input_file_name").map(String::valueOf).orElse(path.getFileName().toString());
        BillingFileLoader.Loaded loaded = loader.load(EXPORT, List.of(BillingFile.open(path, name)),
                new BillingFileLoader.Target(context.orgDataset(), context.org().value(), context.pipelineId(),
                        context.runId(), context.variable("credential_id").map(String::valueOf).orElse(null)));
        return new StepResult(loaded.rows(), Map.of("rows_loaded", loaded.rows(), "start_date", loaded.firstSlice(),
                "end_date", loaded.lastSlice()));
    }
}
