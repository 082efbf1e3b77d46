package com.cloudact.pipeline.extract.oci;

import static com.cloudact.pipeline.extract.ExportColumn.bool;
import static com.cloudact.pipeline.extract.ExportColumn.decimal;
import static com.cloudact.pipeline.extract.ExportColumn.required;
import static com.cloudact.pipeline.extract.ExportColumn.text;

import com.cloudact.model.Lineage;
import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.ExportColumn;
import com.cloudact.pipeline.extract.RawSql;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI cost report ({@code reports/cost-csv/*.csv.gz}): {@code lineItem/…}, {@code product/…}, {@code usage/…} and
 * {@code cost/…} columns, then one {@code tags/…} column per tag. {@code cost/myCost} is the customer's cost of the
 * line, overage included ({@code cost/myCostOverage} is the overage part of it); a correction is a new line with
 * {@code lineItem/isCorrection} set whose {@code lineItem/backreferenceNo} names the {@code lineItem/referenceNo} it
 * corrects.
 *
 * <p>Tags: a header {@code tags/<namespace>.<key>} is a defined tag, one without a dot ({@code tags/<key>}) a freeform
 * tag; they go to {@code defined_tags_json} and {@code freeform_tags_json}, and all of them to {@code tags_json}.
 *
 * <p>Slices: OCI writes a new report file every few hours, each with the lines metered since the last one plus late
 * lines of earlier days, and never restates a line of another file. A day's lines are therefore spread over several
 * files, and a file touches several days. The slice date is the day of usage, and the report file is part of the
 * slice ({@link #sliceColumns()}): loading a file replaces exactly the lines that file brought before, so a re-run
 * is idempotent and a later file (or another uploaded one) never deletes lines another file holds.
 */
final class OciCostReportExport implements BillingExport {

    static final String SOURCE_FILE = "x_source_file";

    private static final List<ExportColumn> COLUMNS = List.of(
            text("reference_no", "lineItem/referenceNo"),
            required(ExportColumn.Kind.TEXT, "tenancy_id", "lineItem/tenantId"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_start_time", "lineItem/intervalUsageStart"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_end_time", "lineItem/intervalUsageEnd"),
            text("service_name", "product/service"),
            text("compartment_id", "product/compartmentId"),
            text("compartment_name", "product/compartmentName"),
            text("region", "product/region"),
            text("availability_domain", "product/availabilityDomain"),
            text("resource_id", "product/resourceId"),
            decimal("usage_quantity", "usage/billedQuantity"),
            decimal("usage_quantity_overage", "usage/billedQuantityOverage"),
            text("subscription_id", "cost/subscriptionId"),
            text("sku_part_number", "cost/productSku"),
            text("sku_name", "product/Description"),
            decimal("unit_price", "cost/unitPrice"),
            decimal("unit_price_overage", "cost/unitPriceOverage"),
            required(ExportColumn.Kind.DECIMAL, "cost", "cost/myCost"),
            decimal("my_cost", "cost/myCost"),
            decimal("my_cost_overage", "cost/myCostOverage"),
            required(ExportColumn.Kind.TEXT, "currency", "cost/currencyCode"),
            text("unit", "cost/billingUnitReadable"),
            text("sku_unit_description", "cost/skuUnitDescription"),
            text("overage_flag", "cost/overageFlag"),
            bool("is_correction", "lineItem/isCorrection"),
            text("backreference_no", "lineItem/backreferenceNo", "lineItem/backReference"));

    @Override
    public String description() {
        return "an OCI cost report";
    }

    @Override
    public String rawTable() {
        return "cloud_oci_billing_raw_daily";
    }

    @Override
    public List<ExportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<PrefixedJson> prefixedJson() {
        return List.of(new PrefixedJson("freeform_tags_json", "tags/", key -> !key.contains(".")),
                new PrefixedJson("defined_tags_json", "tags/", key -> key.contains(".")),
                new PrefixedJson("tags_json", "tags/"));
    }

    @Override
    public List<String> derived(RawSql sql) {
        return List.of(sql.date("m.usage_start_time") + " AS usage_date", "'oci' AS x_cloud_provider",
                "m.tenancy_id AS x_cloud_account_id");
    }

    @Override
    public String accountColumn() {
        return "tenancy_id";
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
    public List<String> sliceColumns() {
        List<String> columns = new ArrayList<>(Lineage.SLICE_KEY);
        columns.add(SOURCE_FILE);
        return List.copyOf(columns);
    }
}
