package com.cloudact.pipeline.genai;

import static com.cloudact.pipeline.extract.ExportColumn.decimal;
import static com.cloudact.pipeline.extract.ExportColumn.required;
import static com.cloudact.pipeline.extract.ExportColumn.text;

import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.ExportColumn;
import com.cloudact.pipeline.extract.RawSql;
import java.util.List;

/**
 * CloudAct's GPU/TPU hours file: a CSV with one line per instance (or instance group) and day. Headers (case and
 * punctuation do not matter; the first name listed is the documented one):
 * <pre>
 * usage_date        required  YYYY-MM-DD, the UTC day of use
 * provider          required  gcp_gpu, gcp_tpu, aws_gpu or azure_gpu (the price list's provider ids)
 * resource_type     required  gpu or tpu
 * instance_type     required  e.g. a2-highgpu-1g, p5.48xlarge, Standard_ND96isr_H100_v5, v5litepod-8
 * region            required  the cloud region, e.g. us-central1, us-east-1, eastus
 * instance_id                 the instance (or group) the line is about
 * gpu_type                    A100, H100, L4, TPU v5e ... (else the price list's)
 * instance_count              instances of that type in the line (default 1)
 * hours_used                  hours each instance ran that day
 * gpu_hours                   GPU (or TPU chip) hours; default hours_used x instance_count x the type's GPU count
 * pricing_type                on_demand (default), spot, preemptible, reserved_1yr, reserved_3yr, committed_1yr, committed_3yr
 * avg_gpu_utilization_pct, avg_memory_utilization_pct   0..100
 * </pre>
 * A load replaces the rows of the days the file covers for the same pipeline and credential (or upload account,
 * {@code upload_<provider>}), so loading a corrected file again never duplicates hours.
 */
final class GpuHoursExport implements BillingExport {

    private static final List<ExportColumn> COLUMNS = List.of(
            required(ExportColumn.Kind.DATE, "usage_date", "usage_date", "date", "day"),
            required(ExportColumn.Kind.TEXT, "provider", "provider"),
            required(ExportColumn.Kind.TEXT, "resource_type", "resource_type"),
            required(ExportColumn.Kind.TEXT, "instance_type", "instance_type", "machine_type", "vm_size"),
            required(ExportColumn.Kind.TEXT, "region", "region", "location"),
            text("instance_id", "instance_id"),
            text("gpu_type", "gpu_type", "accelerator_type"),
            decimal("instance_count", "instance_count", "instances"),
            decimal("hours_used", "hours_used", "hours"),
            decimal("gpu_hours", "gpu_hours"),
            text("pricing_type", "pricing_type", "purchase_option"),
            decimal("avg_gpu_utilization_pct", "avg_gpu_utilization_pct", "gpu_utilization_pct"),
            decimal("avg_memory_utilization_pct", "avg_memory_utilization_pct", "memory_utilization_pct"));

    @Override
    public String description() {
        return "a CloudAct GPU/TPU hours file";
    }

    @Override
    public String rawTable() {
        return "genai_infrastructure_usage_raw";
    }

    @Override
    public List<ExportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> derived(RawSql sql) {
        return List.of();
    }

    @Override
    public String accountColumn() {
        return "provider";
    }

    @Override
    public String sliceDate(RawSql sql) {
        return "m.usage_date";
    }

    @Override
    public String usageDate(RawSql sql) {
        return "m.usage_date";
    }
}
