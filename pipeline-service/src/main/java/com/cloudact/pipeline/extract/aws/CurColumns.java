package com.cloudact.pipeline.extract.aws;

import java.util.List;

/**
 * How AWS Cost and Usage Report headers map to {@code cloud_aws_billing_raw_daily}. Each raw column lists the
 * header names it may come from (CUR 1.0 {@code category/Column} and CUR 2.0 {@code category_column} match the
 * same entry, see {@link com.cloudact.pipeline.extract.BillingFile#key}); the first one present wins.
 */
final class CurColumns {

    enum Kind { TEXT, DECIMAL, TIMESTAMP }

    record Mapping(String rawColumn, Kind kind, boolean required, List<String> headers) {
    }

    static final List<Mapping> MAPPINGS = List.of(
            text("line_item_id", "identity/LineItemId"),
            text("invoice_id", "bill/InvoiceId"),
            text("invoicing_entity", "bill/InvoicingEntity"),
            text("billing_entity", "bill/BillingEntity"),
            text("bill_type", "bill/BillType"),
            required(Kind.TEXT, "payer_account_id", "bill/PayerAccountId"),
            required(Kind.TIMESTAMP, "billing_period_start", "bill/BillingPeriodStartDate"),
            required(Kind.TIMESTAMP, "billing_period_end", "bill/BillingPeriodEndDate"),
            required(Kind.TEXT, "linked_account_id", "lineItem/UsageAccountId"),
            text("linked_account_name", "lineItem/UsageAccountName"),
            required(Kind.TEXT, "line_item_type", "lineItem/LineItemType"),
            required(Kind.TIMESTAMP, "usage_start_time", "lineItem/UsageStartDate"),
            required(Kind.TIMESTAMP, "usage_end_time", "lineItem/UsageEndDate"),
            text("product_code", "lineItem/ProductCode"),
            text("usage_type", "lineItem/UsageType"),
            text("operation", "lineItem/Operation"),
            text("availability_zone", "lineItem/AvailabilityZone"),
            text("resource_id", "lineItem/ResourceId"),
            decimal("usage_amount", "lineItem/UsageAmount"),
            required(Kind.TEXT, "currency", "lineItem/CurrencyCode"),
            decimal("unblended_rate", "lineItem/UnblendedRate"),
            required(Kind.DECIMAL, "unblended_cost", "lineItem/UnblendedCost"),
            decimal("blended_rate", "lineItem/BlendedRate"),
            decimal("blended_cost", "lineItem/BlendedCost"),
            decimal("net_unblended_cost", "lineItem/NetUnblendedCost"),
            text("line_item_description", "lineItem/LineItemDescription"),
            text("tax_type", "lineItem/TaxType"),
            text("legal_entity", "lineItem/LegalEntity"),
            text("product_name", "product/ProductName"),
            text("service_code", "product/servicecode"),
            text("product_family", "product/productFamily"),
            text("region", "product/regionCode", "product/region"),
            text("location", "product/location"),
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

    /** CUR 1.0 spreads tags over one column each: {@code resourceTags/user:team}. */
    static final String TAG_PREFIX = "resourceTags/";
    static final String COST_CATEGORY_PREFIX = "costCategory/";

    private CurColumns() {
    }

    private static Mapping text(String column, String... headers) {
        return new Mapping(column, Kind.TEXT, false, List.of(headers));
    }

    private static Mapping decimal(String column, String... headers) {
        return new Mapping(column, Kind.DECIMAL, false, List.of(headers));
    }

    private static Mapping required(Kind kind, String column, String... headers) {
        return new Mapping(column, kind, true, List.of(headers));
    }
}
