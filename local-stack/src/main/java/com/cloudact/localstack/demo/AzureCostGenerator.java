package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes Azure EA cost details (actual cost), the CSV a Cost Management export delivers, one gzip file per billing
 * month: two subscriptions, daily usage per meter with tags, and a reserved-instance purchase at the start of each
 * month. The total is the sum of {@code Cost}.
 */
public final class AzureCostGenerator {

    static final List<String> HEADER = List.of("BillingAccountId", "BillingAccountName", "BillingPeriodStartDate",
            "BillingPeriodEndDate", "BillingProfileId", "BillingProfileName", "AccountOwnerId", "AccountName",
            "SubscriptionId", "SubscriptionName", "Date", "Product", "PartNumber", "MeterId", "ServiceFamily",
            "MeterCategory", "MeterSubCategory", "MeterRegion", "MeterName", "Quantity", "EffectivePrice", "Cost",
            "UnitPrice", "BillingCurrency", "ResourceLocation", "AvailabilityZone", "ConsumedService", "ResourceId",
            "ResourceName", "ServiceInfo1", "ServiceInfo2", "AdditionalInfo", "Tags", "InvoiceSectionId",
            "InvoiceSection", "CostCenter", "UnitOfMeasure", "ResourceGroup", "ReservationId", "ReservationName",
            "ProductOrderId", "ProductOrderName", "OfferId", "IsAzureCreditEligible", "Term", "PublisherName",
            "PlanName", "ChargeType", "Frequency", "PublisherType", "PayGPrice", "PricingModel",
            "CostAllocationRuleName", "benefitId", "benefitName");
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final String RESERVATION = "9b7c7a3e-2a44-4f0b-8d55-acme00000001";

    private record Subscription(String id, String name, String team, String env, String costCenter, double scale) {
    }

    private record Meter(String meterId, String family, String category, String subCategory, String name,
                         String product, String unit, BigDecimal price, double dailyQuantity, String consumedService,
                         String resourceType, String resourceName) {
    }

    private static final List<Subscription> SUBSCRIPTIONS = List.of(
            new Subscription("5f1c2d3e-4a5b-4c6d-8e9f-acme00000001", "Acme Production", "web", "prod", "CC-200", 1.3),
            new Subscription("6a2b3c4d-5e6f-4a7b-9c8d-acme00000002", "Acme Analytics", "data", "dev", "CC-300", 0.7));
    private static final List<Meter> METERS = List.of(
            new Meter("f31064a2-ed95-4e11-8b69-acme000000a1", "Compute", "Virtual Machines", "Dv5 Series", "D4s v5",
                    "Virtual Machines Dv5 Series - D4s v5 - East US", "1 Hour", new BigDecimal("0.192"), 48,
                    "Microsoft.Compute", "virtualMachines", "app-vm"),
            new Meter("aaaef613-418a-4a5f-af72-acme000000a2", "Storage", "Storage", "Premium SSD Managed Disks",
                    "P10 LRS Disk", "Premium SSD Managed Disks - P10 - LRS - East US", "1/Month",
                    new BigDecimal("0.6336"), 0.0666, "Microsoft.Compute", "disks", "app-disk"),
            new Meter("93e148e7-0eee-47f6-921e-acme000000a3", "Databases", "SQL Database", "General Purpose",
                    "vCore", "SQL Database General Purpose - Compute Gen5 - East US", "1 Hour", new BigDecimal("0.2522"),
                    48, "Microsoft.Sql", "servers", "app-sql"),
            new Meter("b1e7c1a2-4d3e-4f5a-9b8c-acme000000a4", "Networking", "Bandwidth", "Inter-Region",
                    "Standard Data Transfer Out", "Bandwidth - Data Transfer Out - Zone 1", "1 GB",
                    new BigDecimal("0.087"), 120, "Microsoft.Network", "publicIPAddresses", "app-ip"));

    private final long seed;

    public AzureCostGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes the cost details for days {@code first}..{@code last} (inclusive) into {@code directory}. */
    public DemoCsv.Written write(LocalDate first, LocalDate last, Path directory) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<YearMonth, List<List<String>>> months = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Subscription subscription : SUBSCRIPTIONS) {
                for (Meter meter : METERS) {
                    BigDecimal quantity = BigDecimal.valueOf(meter.dailyQuantity() * subscription.scale()
                            * (0.85 + random.nextDouble() * 0.3)).setScale(6, RoundingMode.HALF_UP);
                    BigDecimal cost = quantity.multiply(meter.price()).setScale(10, RoundingMode.HALF_UP);
                    total = total.add(cost);
                    months.computeIfAbsent(YearMonth.from(day), m -> new ArrayList<>())
                            .add(usage(subscription, meter, day, quantity, cost));
                }
            }
        }
        List<Path> files = new ArrayList<>();
        long rows = 0;
        for (Map.Entry<YearMonth, List<List<String>>> month : months.entrySet()) {
            BigDecimal purchase = new BigDecimal("73.00");
            total = total.add(purchase);
            month.getValue().add(purchase(month.getKey(), purchase));
            Path file = directory.resolve("azure-cost-" + month.getKey() + ".csv.gz");
            DemoCsv.write(file, HEADER, month.getValue());
            files.add(file);
            rows += month.getValue().size();
        }
        return new DemoCsv.Written(files, rows, total);
    }

    private static List<String> usage(Subscription subscription, Meter meter, LocalDate day, BigDecimal quantity,
                                      BigDecimal cost) {
        Map<String, String> line = base(YearMonth.from(day), subscription, day);
        String group = "rg-" + subscription.team() + "-" + subscription.env();
        line.put("Product", meter.product());
        line.put("PartNumber", "AAA-" + Math.abs(meter.meterId().hashCode() % 100000));
        line.put("MeterId", meter.meterId());
        line.put("ServiceFamily", meter.family());
        line.put("MeterCategory", meter.category());
        line.put("MeterSubCategory", meter.subCategory());
        line.put("MeterRegion", "US East");
        line.put("MeterName", meter.name());
        line.put("Quantity", quantity.toPlainString());
        line.put("EffectivePrice", meter.price().toPlainString());
        line.put("Cost", cost.toPlainString());
        line.put("UnitPrice", meter.price().toPlainString());
        line.put("ResourceLocation", "eastus");
        line.put("ConsumedService", meter.consumedService());
        line.put("ResourceId", "/subscriptions/" + subscription.id() + "/resourceGroups/" + group + "/providers/"
                + meter.consumedService() + "/" + meter.resourceType() + "/" + subscription.team() + "-"
                + meter.resourceName());
        line.put("ResourceName", subscription.team() + "-" + meter.resourceName());
        line.put("Tags", "\"team\": \"" + subscription.team() + "\",\"env\": \"" + subscription.env()
                + "\",\"cost_center\": \"" + subscription.costCenter() + "\"");
        line.put("CostCenter", subscription.costCenter());
        line.put("UnitOfMeasure", meter.unit());
        line.put("ResourceGroup", group);
        line.put("ChargeType", "Usage");
        line.put("Frequency", "UsageBased");
        line.put("PayGPrice", meter.price().toPlainString());
        line.put("PricingModel", "OnDemand");
        return List.copyOf(line.values());
    }

    private static List<String> purchase(YearMonth month, BigDecimal amount) {
        Map<String, String> line = base(month, SUBSCRIPTIONS.getFirst(), month.atDay(1));
        line.put("Product", "Reserved VM Instance, Standard_D4s_v5, US East, 1 Year");
        line.put("MeterId", "00000000-0000-0000-0000-000000000000");
        line.put("ServiceFamily", "Compute");
        line.put("MeterCategory", "Virtual Machines");
        line.put("Quantity", "1");
        line.put("EffectivePrice", amount.toPlainString());
        line.put("Cost", amount.toPlainString());
        line.put("UnitPrice", amount.toPlainString());
        line.put("ConsumedService", "Microsoft.Capacity");
        line.put("ResourceId", "/providers/Microsoft.Capacity/reservationOrders/" + RESERVATION + "/reservations/");
        line.put("UnitOfMeasure", "1 Hour");
        line.put("ReservationId", RESERVATION);
        line.put("ReservationName", "VM_RI_D4s_v5_acme");
        line.put("ProductOrderId", RESERVATION);
        line.put("ProductOrderName", "Reserved VM Instance, Standard_D4s_v5, US East, 1 Year");
        line.put("Term", "12");
        line.put("ChargeType", "Purchase");
        line.put("Frequency", "Recurring");
        line.put("PricingModel", "Reservation");
        return List.copyOf(line.values());
    }

    private static Map<String, String> base(YearMonth month, Subscription subscription, LocalDate day) {
        Map<String, String> line = new LinkedHashMap<>();
        HEADER.forEach(h -> line.put(h, ""));
        line.put("BillingAccountId", "8611537");
        line.put("BillingAccountName", "Acme Demo EA");
        line.put("BillingPeriodStartDate", US_DATE.format(month.atDay(1)));
        line.put("BillingPeriodEndDate", US_DATE.format(month.atEndOfMonth()));
        line.put("BillingProfileId", "8611537");
        line.put("BillingProfileName", "Acme Demo EA");
        line.put("AccountOwnerId", "cloud@acme.example");
        line.put("AccountName", "Acme Cloud Team");
        line.put("SubscriptionId", subscription.id());
        line.put("SubscriptionName", subscription.name());
        line.put("Date", US_DATE.format(day));
        line.put("BillingCurrency", "USD");
        line.put("InvoiceSectionId", "ACME");
        line.put("InvoiceSection", "acme");
        line.put("OfferId", "MS-AZR-0017P");
        line.put("IsAzureCreditEligible", "True");
        line.put("PublisherName", "Microsoft");
        line.put("PublisherType", "Azure");
        return line;
    }
}
