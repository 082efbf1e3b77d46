package com.cloudact.pipeline.extract.oci;

import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.BillingLoadStep;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.credentials.CredentialVault;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * {@code cloud.oci.cost_loader}: loads OCI cost reports (CSV or CSV.GZ) into {@code cloud_oci_billing_raw_daily},
 * from the uploaded file or from the tenancy's {@code bling} Object Storage namespace (the report files OCI wrote on
 * the run's days, see {@link OciCostReportReader}). Each file replaces only the lines it brought before
 * ({@link OciCostReportExport}).
 */
@Component
class OciCostLoadStep extends BillingLoadStep {

    private final OciCostReportExport export = new OciCostReportExport();
    private final OciCostReportReader reader;

    OciCostLoadStep(BillingFileLoader loader, CredentialVault vault, PipelineProperties properties, Clock clock,
                    OciCostReportReader reader) {
        super(loader, vault, properties, clock);
        this.reader = reader;
    }

    @Override
    public String type() {
        return "cloud.oci.cost_loader";
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
