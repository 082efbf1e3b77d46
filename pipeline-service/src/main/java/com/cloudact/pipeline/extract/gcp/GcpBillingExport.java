package com.cloudact.pipeline.extract.gcp;

import static com.cloudact.pipeline.extract.ExportColumn.decimal;
import static com.cloudact.pipeline.extract.ExportColumn.json;
import static com.cloudact.pipeline.extract.ExportColumn.required;
import static com.cloudact.pipeline.extract.ExportColumn.text;
import static com.cloudact.pipeline.extract.ExportColumn.timestamp;

import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.BillingFile;
import com.cloudact.pipeline.extract.ExportColumn;
import com.cloudact.pipeline.extract.RawSql;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The GCP Cloud Billing export to BigQuery, standard ({@code gcp_billing_export_v1_*}) and detailed
 * ({@code gcp_billing_export_resource_v1_*}) usage cost tables, as a file: the table flattened the way BigQuery and
 * the {@link GcpBillingExportReader} write it, nested fields as {@code service.id}, {@code usage.amount_in_pricing_units},
 * {@code invoice.month}, repeated fields ({@code labels}, {@code credits}, ...) as JSON array text or as the Python
 * literals of a pandas CSV. Optional columns the file lacks are NULL; the detailed export only adds columns
 * ({@code resource.*}, {@code price.*}).
 *
 * <p><b>Slices are usage days.</b> A line's slice ({@code x_pipeline_run_date}) is the UTC day of its
 * {@code usage_start_time}, not its invoice month. GCP keeps adding lines to a usage day for days after it (late
 * usage, credits, corrections, all with a later {@code export_time}), but a line never moves to another usage day, so
 * the complete set of a day's lines is what restates it: re-reading the usage days whose newest {@code export_time}
 * changed replaces exactly the rows that changed, and a daily run moves days, not a whole month. An invoice-month
 * slice would be just as correct but would re-read and rewrite up to a month of lines (millions for a large
 * account) for every late line. Consequently a file must hold all lines of each usage day it covers; a file holding
 * only part of a day replaces that whole day.
 */
final class GcpBillingExport implements BillingExport {

    private static final List<ExportColumn> COLUMNS = List.of(
            required(ExportColumn.Kind.TEXT, "billing_account_id", "billing_account_id"),
            text("service_id", "service.id"),
            text("service_description", "service.description"),
            text("sku_id", "sku.id"),
            text("sku_description", "sku.description"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_start_time", "usage_start_time"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_end_time", "usage_end_time"),
            timestamp("export_time", "export_time"),
            text("project_id", "project.id"),
            text("project_name", "project.name"),
            text("project_number", "project.number"),
            text("project_ancestry_numbers", "project.ancestry_numbers"),
            json("project_ancestors_json", "project.ancestors"),
            json("project_labels_json", "project.labels"),
            text("location_location", "location.location"),
            text("location_country", "location.country"),
            text("location_region", "location.region"),
            text("location_zone", "location.zone"),
            text("resource_name", "resource.name"),
            text("resource_global_name", "resource.global_name"),
            required(ExportColumn.Kind.DECIMAL, "cost", "cost"),
            required(ExportColumn.Kind.TEXT, "currency", "currency"),
            decimal("currency_conversion_rate", "currency_conversion_rate"),
            decimal("usage_amount", "usage.amount"),
            text("usage_unit", "usage.unit"),
            decimal("usage_amount_in_pricing_units", "usage.amount_in_pricing_units"),
            text("usage_pricing_unit", "usage.pricing_unit"),
            text("cost_type", "cost_type"),
            decimal("credits_total", GcpExportFile.CREDITS_TOTAL),
            json("credits_json", "credits"),
            decimal("cost_at_list", "cost_at_list"),
            decimal("cost_at_effective_price_default", "cost_at_effective_price_default"),
            decimal("cost_at_list_consumption_model", "cost_at_list_consumption_model"),
            decimal("price_effective_price", "price.effective_price"),
            decimal("price_list_price", "price.list_price"),
            text("price_unit", "price.unit"),
            decimal("price_tier_start_amount", "price.tier_start_amount"),
            decimal("price_pricing_unit_quantity", "price.pricing_unit_quantity"),
            text("invoice_month", "invoice.month"),
            text("invoice_publisher_type", "invoice.publisher_type"),
            text("transaction_type", "transaction_type"),
            text("seller_name", "seller_name"),
            json("labels_json", "labels"),
            json("system_labels_json", "system_labels"),
            json("tags_json", "tags"));

    @Override
    public String description() {
        return "a GCP Cloud Billing export (standard or detailed usage cost, flattened)";
    }

    @Override
    public String rawTable() {
        return "cloud_gcp_billing_raw_daily";
    }

    @Override
    public List<ExportColumn> columns() {
        return COLUMNS;
    }

    /** {@code adjustment_info.id/.description/.mode/.type} and {@code consumption_model.id/.description}. */
    @Override
    public List<PrefixedJson> prefixedJson() {
        return List.of(new PrefixedJson("adjustment_info_json", "adjustment_info."),
                new PrefixedJson("consumption_model_json", "consumption_model."));
    }

    @Override
    public List<String> derived(RawSql sql) {
        return List.of(sql.date("m.usage_start_time") + " AS usage_date", "'gcp' AS x_cloud_provider",
                "m.billing_account_id AS x_cloud_account_id");
    }

    @Override
    public String accountColumn() {
        return "billing_account_id";
    }

    @Override
    public String sliceDate(RawSql sql) {
        return sql.date("m.usage_start_time");
    }

    @Override
    public String usageDate(RawSql sql) {
        return sql.date("m.usage_start_time");
    }

    @Override
    public BillingFile prepare(BillingFile file, Path scratch) throws IOException {
        return GcpExportFile.rewrite(file, scratch);
    }
}
