package com.cloudact.pipeline.extract.gcp;

import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.BillingLoadStep;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.credentials.CredentialVault;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * {@code cloud.gcp.billing_loader}: loads the GCP Cloud Billing export (standard or detailed; CSV, CSV.GZ or Parquet
 * with the table flattened) into {@code cloud_gcp_billing_raw_daily}, from the uploaded file or from the customer's
 * BigQuery export table. Each usage day it covers is replaced as a whole (see {@link GcpBillingExport}).
 */
@Component
class GcpBillingLoadStep extends BillingLoadStep {

    private final GcpBillingExport export = new GcpBillingExport();
    private final GcpBillingExportReader reader;

    GcpBillingLoadStep(BillingFileLoader loader, CredentialVault vault, PipelineProperties properties, Clock clock,
                       GcpBillingExportReader reader) {
        super(loader, vault, properties, clock);
        this.reader = reader;
    }

    @Override
    public String type() {
        return "cloud.gcp.billing_loader";
    }

    @Override
    protected BillingExport export() {
        return export;
    }

    @Override
    protected ExportLocationReader reader() {
        return reader;
    }
}
