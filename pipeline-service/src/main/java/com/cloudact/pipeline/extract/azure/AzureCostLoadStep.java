package com.cloudact.pipeline.extract.azure;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.BillingFile;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.BillingLoadStep;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.credentials.CredentialVault;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code cloud.azure.cost_loader}: loads Azure cost details (EA or MCA; CSV, CSV.GZ or Parquet) into
 * {@code cloud_azure_billing_raw_daily}, from the uploaded file or from the customer's Blob export container. Each
 * billing month a file covers is replaced as a whole, separately for the actual and the amortized dataset.
 *
 * <p>Which dataset the files hold: the run's {@code cost_dataset} variable ({@code actual} or {@code amortized}) when
 * given; for files read from Blob storage, the export's type in its manifest (the reader files them under
 * {@code ActualCost/} or {@code AmortizedCost/}); for an upload, {@code amortized} when its name says so
 * ({@code amortized}/{@code amortised}), else {@code actual}, the Cost Management default.
 */
@Component
class AzureCostLoadStep extends BillingLoadStep {

    private static final AzureCostExport ACTUAL = new AzureCostExport(AzureCostExport.Dataset.ACTUAL);
    private static final AzureCostExport AMORTIZED = new AzureCostExport(AzureCostExport.Dataset.AMORTIZED);

    private final AzureBlobExportReader reader;

    AzureCostLoadStep(BillingFileLoader loader, CredentialVault vault, PipelineProperties properties, Clock clock,
                      AzureBlobExportReader reader) {
        super(loader, vault, properties, clock);
        this.reader = reader;
    }

    @Override
    public String type() {
        return "cloud.azure.cost_loader";
    }

    @Override
    protected BillingExport export() {
        return ACTUAL;
    }

    @Override
    protected BillingExport export(StepContext context, List<BillingFile> files) {
        Optional<String> named = context.variable("cost_dataset").map(String::valueOf).filter(s -> !s.isBlank());
        if (named.isPresent()) {
            return switch (named.get().strip().toLowerCase(Locale.ROOT)) {
                case "actual", "actualcost" -> ACTUAL;
                case "amortized", "amortised", "amortizedcost" -> AMORTIZED;
                default -> throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                        "cost_dataset must be actual or amortized, not " + named.get());
            };
        }
        Set<AzureCostExport> found = files.stream().map(AzureCostLoadStep::datasetOf).collect(Collectors.toSet());
        if (found.size() > 1) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "One run loads one Azure cost dataset; "
                    + "these files mix actual and amortized cost");
        }
        return found.iterator().next();
    }

    private static AzureCostExport datasetOf(BillingFile file) {
        Path parent = file.path().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        if (folder.equals(AzureBlobExportReader.folderOf(AzureCostExport.Dataset.AMORTIZED))) {
            return AMORTIZED;
        }
        if (folder.equals(AzureBlobExportReader.folderOf(AzureCostExport.Dataset.ACTUAL))) {
            return ACTUAL;
        }
        String name = file.displayName().toLowerCase(Locale.ROOT);
        return name.contains("amortized") || name.contains("amortised") ? AMORTIZED : ACTUAL;
    }

    @Override
    protected ExportLocationReader reader() {
        return reader;
    }
}
