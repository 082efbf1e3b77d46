package com.cloudact.pipeline.extract.aws;

import static com.cloudact.pipeline.extract.ExportColumn.decimal;
import static com.cloudact.pipeline.extract.ExportColumn.required;
import static com.cloudact.pipeline.extract.ExportColumn.text;

import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.ExportColumn;
import com.cloudact.pipeline.extract.RawSql;
import java.util.List;

/**
 * The AWS Cost and Usage Report, CUR 1.0 ({@code category/Column} headers) and CUR 2.0 / Data Exports
 * ({@code category_column}); both match the same entries (see {@code BillingFile#key}), and CUR 2.0's map columns
 * ({@code product}, {@code resource_tags}, {@code cost_category}) fill what CUR 1.0 spreads over columns. A CUR file
 * restates its whole billing period, so the slice a row belongs to is its billing period's start.
 */
final class AwsCurExport implements BillingExport {

    private static final List<ExportColumn> COLUMNS = List.of(
            text("line_item_id", "identity/LineItemId"),
            text("invoice_id", "bill/InvoiceId"),
            text("invoicing_entity", "bill/InvoicingEntity"),
            text("billing_entity", "bill/BillingEntity"),
            text("bill_type", "bill/BillType"),
            required(ExportColumn.Kind.TEXT, "payer_account_id", "bill/PayerAccountId"),
            required(ExportColumn.Kind.TIMESTAMP, "billing_period_start", "bill/BillingPeriodStartDate"),
            required(ExportColumn.Kind.TIMESTAMP, "billing_period_end", "bill/BillingPeriodEndDate"),
            required(ExportColumn.Kind.TEXT, "linked_account_id", "lineItem/UsageAccountId"),
            text("linked_account_name", "lineItem/UsageAccountName"),
            required(ExportColumn.Kind.TEXT, "line_item_type", "lineItem/LineItemType"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_start_time", "lineItem/UsageStartDate"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_end_time", "lineItem/UsageEndDate"),
            text("product_code", "lineItem/ProductCode"),
            text("usage_type", "lineItem/UsageType"),
            text("operation", "lineItem/Operation"),
            text("availability_zone", "lineItem/AvailabilityZone"),
            text("resource_id", "lineItem/ResourceId"),
            decimal("usage_amount", "lineItem/UsageAmount"),
            required(ExportColumn.Kind.TEXT, "currency", "lineItem/CurrencyCode"),
            decimal("unblended_rate", "lineItem/UnblendedRate"),
            required(ExportColumn.Kind.DECIMAL, "unblended_cost", "lineItem/UnblendedCost"),
            decimal("blended_rate", "lineItem/BlendedRate"),
            decimal("blended_cost", "lineItem/BlendedCost"),
            decimal("net_unblended_cost", "lineItem/NetUnblendedCost"),
            text("line_item_description", "lineItem/LineItemDescription"),
            text("tax_type", "lineItem/TaxType"),
            text("legal_entity", "lineItem/LegalEntity"),
            text("product_name", "product/ProductName").orInJson("product", "product_name"),
            text("service_code", "product/servicecode"),
            text("product_family", "product/productFamily"),
            text("region", "product/regionCode", "product/region"),
            text("location", "product/location").orInJson("product", "location"),
            text("product_sku", "product/sku"),
            text("purchase_option", "pricing/purchaseOption", "product/purchaseOption"),
            text("pricing_rate_code", "pricing/RateCode"),
            text("pricing_rate_id", "pricing/RateId"),
            text("pricing_term", "pricing/term"),
            text("pricing_unit", "pricing/unit"),
            decimal("public_on_demand_cost", "pricing/publicOnDemandCost"),
            decimal("public_on_demand_rate", "pricing/publicOnDemandRate"),
            text("reservation_arn", "reservation/ReservationARN"),
            decimal("reservation_effective_cost", "reservation/EffectiveCost"),
            decimal("reservation_unused_amortized_upfront_fee", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"),
            decimal("reservation_unused_recurring_fee", "reservation/UnusedRecurringFee"),
            decimal("reservation_total_reserved_units", "reservation/TotalReservedUnits"),
            text("savings_plan_arn", "savingsPlan/SavingsPlanARN"),
            decimal("savings_plan_effective_cost", "savingsPlan/SavingsPlanEffectiveCost"),
            decimal("savings_plan_total_commitment_to_date", "savingsPlan/TotalCommitmentToDate"),
            decimal("savings_plan_used_commitment", "savingsPlan/UsedCommitment"),
            decimal("discount_total", "discount/TotalDiscount"));

    @Override
    public String description() {
        return "an AWS Cost and Usage Report";
    }

    @Override
    public String rawTable() {
        return "cloud_aws_billing_raw_daily";
    }

    @Override
    public List<ExportColumn> columns() {
        return COLUMNS;
    }

    /**
     * CUR 1.0 spreads tags and cost categories over one column each ({@code resourceTags/user:team}); CUR 2.0 keeps
     * each family in one map column ({@code resource_tags}, {@code cost_category}).
     */
    @Override
    public List<PrefixedJson> prefixedJson() {
        return List.of(new PrefixedJson("resource_tags_json", "resourceTags/", "resource_tags"),
                new PrefixedJson("cost_category_json", "costCategory/", "cost_category"));
    }

    @Override
    public List<String> derived(RawSql sql) {
        return List.of(sql.date("m.usage_start_time") + " AS usage_date", "'aws' AS x_cloud_provider",
                "m.payer_account_id AS x_cloud_account_id");
    }

    @Override
    public String accountColumn() {
        return "payer_account_id";
    }

    @Override
    public String sliceDate(RawSql sql) {
        return sql.date("m.billing_period_start");
    }

    @Override
    public String usageDate(RawSql sql) {
        return sql.date("m.usage_start_time");
    }
}
