package com.cloudact.pipeline.extract.azure;

import static com.cloudact.pipeline.extract.ExportColumn.bool;
import static com.cloudact.pipeline.extract.ExportColumn.date;
import static com.cloudact.pipeline.extract.ExportColumn.decimal;
import static com.cloudact.pipeline.extract.ExportColumn.json;
import static com.cloudact.pipeline.extract.ExportColumn.required;
import static com.cloudact.pipeline.extract.ExportColumn.text;

import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.ExportColumn;
import com.cloudact.pipeline.extract.RawSql;
import java.util.List;
import java.util.Locale;

/**
 * Azure Cost Management cost details, EA and MCA, in either of its two cost datasets: <em>actual</em>
 * ({@code ActualCost}: what the invoice shows, reservation and savings-plan purchases as lump {@code Purchase} lines,
 * the usage they cover at 0) or <em>amortized</em> ({@code AmortizedCost}: those purchases spread over the usage they
 * cover, plus {@code UnusedReservation}/{@code UnusedSavingsPlan} lines). Headers differ between agreements and
 * versions only in wording and casing (EA {@code CostInBillingCurrency}, {@code Cost} in older EA files, MCA
 * {@code costInBillingCurrency}; {@code Date}/{@code date}; {@code BillingCurrency}/{@code BillingCurrencyCode}), so
 * each column lists its names and is matched by {@link com.cloudact.pipeline.extract.BillingFile#key}. EA's
 * {@code Tags} (JSON without its braces) becomes a JSON object.
 *
 * <p><b>Slices.</b> Both datasets restate a whole billing month: a month-to-date export is written again every day
 * with the month so far, and a closed month is exported again after corrections. So a row's slice
 * ({@code x_pipeline_run_date}) is its billing month, and the two datasets key it by different days of that month:
 * actual by the month's first day, amortized by its last day. A newer actual export of September replaces September's
 * actual rows and never touches September's amortized rows, and the other way round; a file covering several months
 * replaces each of them. (A billing period that started on the last day of a month would make the two keys meet;
 * Azure's EA and MCA billing periods are calendar months.) The FOCUS conversion then reads both slices of a month
 * together, see {@code sp_cloud_azure_convert_to_focus}.
 */
final class AzureCostExport implements BillingExport {

    /** Which of the two Cost Management cost datasets a file holds. */
    enum Dataset {
        ACTUAL, AMORTIZED;

        /** As stored in {@code cost_dataset}. */
        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final List<ExportColumn> COLUMNS = List.of(
            required(ExportColumn.Kind.TEXT, "subscription_id", "SubscriptionId", "SubscriptionGuid"),
            text("subscription_name", "SubscriptionName"),
            text("resource_group", "ResourceGroup", "ResourceGroupName"),
            text("resource_id", "ResourceId", "InstanceId"),
            text("resource_name", "ResourceName"),
            text("resource_type", "ResourceType"),
            text("resource_location", "ResourceLocation", "ResourceLocationNormalized", "Location"),
            text("availability_zone", "AvailabilityZone"),
            text("service_name", "ServiceName"),
            text("service_tier", "ServiceTier"),
            text("service_family", "ServiceFamily"),
            text("meter_id", "MeterId"),
            text("meter_name", "MeterName"),
            text("meter_category", "MeterCategory"),
            text("meter_subcategory", "MeterSubCategory"),
            text("meter_region", "MeterRegion"),
            text("product_id", "ProductId"),
            text("part_number", "PartNumber"),
            text("product_name", "ProductName", "Product"),
            text("product_order_id", "ProductOrderId"),
            text("product_order_name", "ProductOrderName"),
            text("consumed_service", "ConsumedService"),
            required(ExportColumn.Kind.TEXT, "charge_type", "ChargeType"),
            required(ExportColumn.Kind.DATE, "billing_period_start", "BillingPeriodStartDate"),
            date("billing_period_end", "BillingPeriodEndDate"),
            required(ExportColumn.Kind.TIMESTAMP, "usage_start_time", "Date", "UsageDateTime", "UsageDate"),
            decimal("usage_quantity", "Quantity", "UsageQuantity"),
            text("unit_of_measure", "UnitOfMeasure"),
            required(ExportColumn.Kind.DECIMAL, "cost_in_billing_currency", "CostInBillingCurrency", "Cost",
                    "PreTaxCost"),
            decimal("cost_in_usd", "CostInUsd"),
            required(ExportColumn.Kind.TEXT, "billing_currency", "BillingCurrencyCode", "BillingCurrency", "Currency"),
            text("pricing_currency", "PricingCurrencyCode", "PricingCurrency"),
            decimal("exchange_rate", "ExchangeRatePricingToBilling"),
            decimal("effective_price", "EffectivePrice"),
            decimal("unit_price", "UnitPrice"),
            decimal("payg_price", "PayGPrice"),
            text("pricing_model", "PricingModel"),
            text("reservation_id", "ReservationId"),
            text("reservation_name", "ReservationName"),
            text("term", "Term"),
            text("frequency", "Frequency"),
            text("publisher_type", "PublisherType"),
            text("publisher_name", "PublisherName"),
            text("invoice_id", "InvoiceId"),
            text("invoice_section_id", "InvoiceSectionId"),
            text("invoice_section_name", "InvoiceSectionName", "InvoiceSection"),
            text("billing_account_id", "BillingAccountId"),
            text("billing_account_name", "BillingAccountName"),
            text("billing_profile_id", "BillingProfileId"),
            text("billing_profile_name", "BillingProfileName"),
            text("cost_center", "CostCenter"),
            text("cost_allocation_rule_name", "CostAllocationRuleName"),
            text("benefit_id", "BenefitId"),
            text("benefit_name", "BenefitName"),
            bool("is_azure_credit_eligible", "IsAzureCreditEligible"),
            decimal("azure_credit_applied", "AzureCreditApplied"),
            json("resource_tags_json", "Tags"),
            json("additional_info_json", "AdditionalInfo"),
            text("service_info_1", "ServiceInfo1"),
            text("service_info_2", "ServiceInfo2"));

    private final Dataset dataset;

    AzureCostExport(Dataset dataset) {
        this.dataset = dataset;
    }

    Dataset dataset() {
        return dataset;
    }

    @Override
    public String description() {
        return "an Azure cost details export";
    }

    @Override
    public String rawTable() {
        return "cloud_azure_billing_raw_daily";
    }

    @Override
    public List<ExportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> derived(RawSql sql) {
        return List.of(
                sql.date("m.usage_start_time") + " AS usage_date",
                "m.usage_start_time + INTERVAL 1 DAY AS usage_end_time",
                "'" + dataset.value() + "' AS cost_dataset",
                "'azure' AS x_cloud_provider",
                "m.subscription_id AS x_cloud_account_id",
                sql.uuid() + " AS x_ingestion_id");
    }

    /** The billing account: one file of cost details belongs to one, whatever subscriptions it lists. */
    @Override
    public String accountColumn() {
        return "billing_account_id";
    }

    @Override
    public String sliceDate(RawSql sql) {
        return dataset == Dataset.ACTUAL ? sql.monthStart("m.billing_period_start")
                : sql.monthEnd(sql.monthStart("m.billing_period_start"));
    }

    @Override
    public String usageDate(RawSql sql) {
        return sql.date("m.usage_start_time");
    }
}
