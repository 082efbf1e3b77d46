package com.cloudact.pipeline.extract;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step that loads one provider's billing export into its raw table: the file uploaded with the run, or else the
 * export read from the provider's export location with the org's credential for the run's dates (yesterday by
 * default). Subclasses name the step type, the export format and the reader.
 */
public abstract class BillingLoadStep implements StepProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BillingLoadStep.class);

    private final BillingFileLoader loader;
    private final RunCredentials credentials;
    private final Path workDirectory;
    private final Clock clock;

    protected BillingLoadStep(BillingFileLoader loader, CredentialVault vault, PipelineProperties properties,
                              Clock clock) {
        this.loader = loader;
        this.credentials = new RunCredentials(vault, clock);
        this.workDirectory = properties.workDirectory();
        this.clock = clock;
    }

    protected abstract BillingExport export();

    /**
     * The export format of these files; by default always {@link #export()}. A provider whose files of one format
     * differ in meaning (Azure's actual and amortized cost datasets) chooses per run.
     */
    protected BillingExport export(StepContext context, List<BillingFile> files) {
        return export();
    }

    protected abstract ExportLocationReader reader();

    @Override
    public StepResult run(StepContext context) throws IOException, InterruptedException {
        Optional<Object> upload = context.variable("input_file");
        if (upload.isPresent()) {
            Path path = (Path) upload.get();
            String name = context.variable("input_file_name").map(String::valueOf)
                    .orElse(path.getFileName().toString());
            return load(context, List.of(BillingFile.open(path, name)),
                    context.variable("credential_id").map(String::valueOf).orElse(null));
        }
        StoredCredential credential = credentials.resolve(context, reader().provider(),
                "upload a billing file with the run, or set up the integration");
        Path directory = Files.createDirectories(workDirectory.resolve(context.runId()).resolve(context.stepId()));
        try {
            LocalDate start = context.dateVariable("start_date").orElseGet(this::yesterday);
            LocalDate end = context.dateVariable("end_date").orElse(start);
            List<Path> downloaded = reader().download(new ExportLocationReader.Request(credential,
                    credentials.secret(credential), RunCredentials.metadata(credential), start, end), directory);
            if (downloaded.isEmpty()) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The " + reader().provider().displayName()
                        + " export location holds no billing export for " + start + (end.equals(start) ? "" : " to " + end));
            }
            return load(context, downloaded.stream().map(p -> BillingFile.open(p, p.getFileName().toString())).toList(),
                    credential.credentialId());
        } finally {
            delete(directory);
        }
    }

    private StepResult load(StepContext context, List<BillingFile> files, String credentialId) throws IOException {
        Path scratch = Files.createDirectories(workDirectory.resolve(context.runId()).resolve(context.stepId() + "-prepared"));
        try {
            BillingExport export = export(context, files);
            List<BillingFile> prepared = new ArrayList<>();
            for (BillingFile file : files) {
                prepared.add(export.prepare(file, scratch));
            }
            BillingFileLoader.Loaded loaded = loader.load(export, prepared, new BillingFileLoader.Target(
                    context.orgDataset(), context.org().value(), context.pipelineId(), context.runId(), credentialId));
            return new StepResult(loaded.rows(), Map.of("rows_loaded", loaded.rows(), "start_date", loaded.firstSlice(),
                    "end_date", loaded.lastSlice()));
        } finally {
            delete(scratch);
        }
    }

    private LocalDate yesterday() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /** Downloads are secrets' neighbours: removed whatever happened; a failure to remove is only logged. */
    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the download folder {}: {}", directory, e.getMessage());
        }
    }
}
