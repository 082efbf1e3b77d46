package com.cloudact.pipeline.extract.aws;

import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.BillingLoadStep;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.credentials.CredentialVault;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * {@code cloud.aws.cur_loader}: loads an AWS Cost and Usage Report (CUR 1.0 or 2.0; CSV, CSV.GZ or Parquet) into
 * {@code cloud_aws_billing_raw_daily}, from the uploaded file or from the customer's S3 bucket. Each billing period
 * it covers is replaced as a whole.
 */
@Component
class AwsCurLoadStep extends BillingLoadStep {

    private final AwsCurExport export = new AwsCurExport();
    private final S3CurReader reader;

    AwsCurLoadStep(BillingFileLoader loader, CredentialVault vault, PipelineProperties properties, Clock clock,
                   S3CurReader reader) {
        super(loader, vault, properties, clock);
        this.reader = reader;
    }

    @Override
    public String type() {
        return "cloud.aws.cur_loader";
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
