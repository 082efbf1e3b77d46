package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes OCI cost reports ({@code reports/cost-csv}: {@code lineItem/…}, {@code product/…}, {@code cost/…} and one
 * {@code tags/…} column per tag), one gzip file per month: two compartments, daily lines per service and SKU.
 * The total is the sum of {@code cost/myCost}.
 */
public final class OciCostReportGenerator {

    static final List<String> HEADER = List.of("lineItem/referenceNo", "lineItem/tenantId",
            "lineItem/intervalUsageStart", "lineItem/intervalUsageEnd", "product/service", "product/compartmentId",
            "product/compartmentName", "product/region", "product/availabilityDomain", "product/resourceId",
            "usage/billedQuantity", "usage/billedQuantityOverage", "cost/subscriptionId", "cost/productSku",
            "product/Description", "cost/unitPrice", "cost/unitPriceOverage", "cost/myCost", "cost/myCostOverage",
            "cost/currencyCode", "cost/billingUnitReadable", "cost/skuUnitDescription", "cost/overageFlag",
            "lineItem/isCorrection", "lineItem/backreferenceNo", "tags/Oracle-Tags.CreatedBy", "tags/Acme.team",
            "tags/Acme.cost_center");
    static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaacmedemo0000000000000000000000000000000000000000";

    private record Compartment(String id, String name, String team, String costCenter, double scale) {
    }

    private record Sku(String service, String partNumber, String description, String unit, BigDecimal price,
                       double dailyQuantity, String resource) {
    }

    private static final List<Compartment> COMPARTMENTS = List.of(
            new Compartment("ocid1.compartment.oc1..aaaaaaaaacmeweb000000000000000000000000000000000000000", "web",
                    "web", "CC-200", 1.2),
            new Compartment("ocid1.compartment.oc1..aaaaaaaaacmedata00000000000000000000000000000000000000", "data",
                    "data", "CC-300", 0.8));
    private static final List<Sku> SKUS = List.of(
            new Sku("COMPUTE", "B97384", "Compute - Standard - E4 - OCPU", "OCPU Hours", new BigDecimal("0.025"), 96,
                    "ocid1.instance.oc1.iad.acmeapp"),
            new Sku("COMPUTE", "B97385", "Compute - Standard - E4 - Memory", "Gigabyte Hours", new BigDecimal("0.0015"),
                    768, "ocid1.instance.oc1.iad.acmeapp"),
            new Sku("BLOCK_STORAGE", "B91961", "Storage - Block Volume - Storage", "Gigabyte Storage Capacity Per Month",
                    new BigDecimal("0.0255"), 16.1, "ocid1.volume.oc1.iad.acmedata"),
            new Sku("OBJECT_STORAGE", "B91628", "Object Storage - Storage", "Gigabyte Storage Capacity Per Month",
                    new BigDecimal("0.0255"), 33.3, "ocid1.bucket.oc1.iad.acmeassets"),
            new Sku("DATABASE", "B92911", "Oracle Autonomous Transaction Processing - ECPU", "ECPU Per Hour",
                    new BigDecimal("0.336"), 48, "ocid1.autonomousdatabase.oc1.iad.acmeatp"));

    private final long seed;

    public OciCostReportGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes the cost reports for days {@code first}..{@code last} (inclusive) into {@code directory}. */
    public DemoCsv.Written write(LocalDate first, LocalDate last, Path directory) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<YearMonth, List<List<String>>> months = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        long n = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Compartment compartment : COMPARTMENTS) {
                for (Sku sku : SKUS) {
                    BigDecimal quantity = BigDecimal.valueOf(sku.dailyQuantity() * compartment.scale()
                            * (0.85 + random.nextDouble() * 0.3)).setScale(6, RoundingMode.HALF_UP);
                    BigDecimal cost = quantity.multiply(sku.price()).setScale(12, RoundingMode.HALF_UP);
                    total = total.add(cost);
                    months.computeIfAbsent(YearMonth.from(day), m -> new ArrayList<>()).add(List.of(
                            "acmeoci" + Long.toString(seed, 36) + "x" + Long.toString(++n, 36), TENANCY,
                            day + "T00:00Z", day.plusDays(1) + "T00:00Z", sku.service(), compartment.id(),
                            compartment.name(), "us-ashburn-1", "iad-ad-1", sku.resource() + "." + compartment.team(),
                            quantity.toPlainString(), "", "ocid1.organizationssubscription.oc1.iad.acme",
                            sku.partNumber(), sku.description(), sku.price().toPlainString(), "", cost.toPlainString(),
                            "", "USD", sku.unit(), sku.unit(), "false", "false", "", "default/ops@acme.example",
                            compartment.team(), compartment.costCenter()));
                }
            }
        }
        List<Path> files = new ArrayList<>();
        long rows = 0;
        for (Map.Entry<YearMonth, List<List<String>>> month : months.entrySet()) {
            Path file = directory.resolve("oci-cost-" + month.getKey() + ".csv.gz");
            DemoCsv.write(file, HEADER, month.getValue());
            files.add(file);
            rows += month.getValue().size();
        }
        return new DemoCsv.Written(files, rows, total);
    }
}
