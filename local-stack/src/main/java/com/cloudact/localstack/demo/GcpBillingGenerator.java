package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a GCP Cloud Billing standard export, flattened to CSV the way a BigQuery export table reads when its nested
 * fields are spelled out ({@code service.description}, {@code usage.amount}, labels and credits as JSON arrays),
 * one gzip file per invoice month: two projects, daily lines per service, a sustained-use credit on Compute Engine
 * and the month's tax. The total is what the invoice shows: cost plus credits.
 */
public final class GcpBillingGenerator {

    static final List<String> HEADER = List.of("billing_account_id", "service.id", "service.description", "sku.id",
            "sku.description", "usage_start_time", "usage_end_time", "project.id", "project.name", "project.labels",
            "project.ancestry_numbers", "labels", "system_labels", "location.location", "location.country",
            "location.region", "location.zone", "export_time", "cost", "currency", "currency_conversion_rate",
            "usage.amount", "usage.unit", "usage.amount_in_pricing_units", "usage.pricing_unit", "credits",
            "invoice.month", "cost_type");
    static final String BILLING_ACCOUNT = "01A2B3-C4D5E6-F7A8B9";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00:00'");

    private record Project(String id, String name, String team, String env, double scale) {
    }

    private record Sku(String serviceId, String service, String skuId, String sku, String unit, String pricingUnit,
                       double unitsPerPricingUnit, BigDecimal price, double dailyUnits) {
    }

    private static final List<Project> PROJECTS = List.of(
            new Project("acme-web-prod", "Acme Web", "web", "prod", 1.4),
            new Project("acme-data-dev", "Acme Data", "data", "dev", 0.6));
    private static final List<Sku> SKUS = List.of(
            new Sku("6F81-5844-456A", "Compute Engine", "CP-COMPUTEENGINE-E2-CORE", "E2 Instance Core running in Americas",
                    "seconds", "hour", 3600, new BigDecimal("0.021811"), 48 * 3600),
            new Sku("6F81-5844-456A", "Compute Engine", "CP-COMPUTEENGINE-E2-RAM", "E2 Instance Ram running in Americas",
                    "byte-seconds", "gibibyte hour", 3600.0 * 1073741824, new BigDecimal("0.002923"), 192.0 * 3600 * 1073741824),
            new Sku("95FF-2EF5-5EA1", "Cloud Storage", "E5F0-6A5D-7BAD", "Standard Storage US Multi-region",
                    "byte-seconds", "gibibyte month", 2.6784e15, new BigDecimal("0.026"), 950.0 * 1073741824 * 86400),
            new Sku("24E6-581D-38E5", "BigQuery", "3362-E469-6BEF", "Analysis", "bytes", "tebibyte",
                    1.099511627776e12, new BigDecimal("6.25"), 0.4 * 1.099511627776e12),
            new Sku("9662-B51E-5089", "Cloud SQL", "SQL-PG-VCPU", "Cloud SQL for PostgreSQL: Zonal - vCPU in Americas",
                    "seconds", "hour", 3600, new BigDecimal("0.0413"), 48 * 3600));

    private final long seed;

    public GcpBillingGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes the export for usage days {@code first}..{@code last} (inclusive) into {@code directory}. */
    public DemoCsv.Written write(LocalDate first, LocalDate last, Path directory) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<YearMonth, List<List<String>>> months = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Project project : PROJECTS) {
                for (Sku sku : SKUS) {
                    double units = sku.dailyUnits() * project.scale() * (0.85 + random.nextDouble() * 0.3);
                    double pricingUnits = units / sku.unitsPerPricingUnit();
                    BigDecimal cost = sku.price().multiply(BigDecimal.valueOf(pricingUnits)).setScale(6, RoundingMode.HALF_UP);
                    BigDecimal credit = sku.skuId().equals("CP-COMPUTEENGINE-E2-CORE")
                            ? cost.multiply(new BigDecimal("-0.2")).setScale(6, RoundingMode.HALF_UP) : BigDecimal.ZERO;
                    total = total.add(cost).add(credit);
                    months.computeIfAbsent(YearMonth.from(day), m -> new ArrayList<>()).add(line(project, sku, day,
                            cost, credit, units, pricingUnits, "regular"));
                }
            }
        }
        List<Path> files = new ArrayList<>();
        long rows = 0;
        for (Map.Entry<YearMonth, List<List<String>>> month : months.entrySet()) {
            BigDecimal subtotal = month.getValue().stream().map(l -> new BigDecimal(l.get(18)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal tax = subtotal.multiply(new BigDecimal("0.06")).setScale(2, RoundingMode.HALF_UP);
            total = total.add(tax);
            month.getValue().add(line(PROJECTS.getFirst(), SKUS.getFirst(), month.getKey().atDay(1), tax, BigDecimal.ZERO,
                    0, 0, "tax"));
            Path file = directory.resolve("gcp-billing-" + month.getKey() + ".csv.gz");
            DemoCsv.write(file, HEADER, month.getValue());
            files.add(file);
            rows += month.getValue().size();
        }
        return new DemoCsv.Written(files, rows, total);
    }

    private static List<String> line(Project project, Sku sku, LocalDate day, BigDecimal cost, BigDecimal credit,
                                     double units, double pricingUnits, String costType) {
        String credits = credit.signum() == 0 ? "[]" : "[{\"name\":\"Sustained Usage Discount\",\"amount\":"
                + credit.toPlainString() + ",\"full_name\":\"Sustained Usage Discount\",\"id\":\"" + sku.skuId()
                + "-SUD\",\"type\":\"SUSTAINED_USAGE_DISCOUNT\"}]";
        boolean tax = costType.equals("tax");
        return List.of(BILLING_ACCOUNT, sku.serviceId(), tax ? "Invoice" : sku.service(), tax ? "" : sku.skuId(),
                tax ? "Tax" : sku.sku(), TIME.format(day.atStartOfDay()), TIME.format(day.plusDays(1).atStartOfDay()),
                project.id(), project.name(), "[{\"key\":\"env\",\"value\":\"" + project.env() + "\"}]", "/123456789/"
                        + project.id().hashCode() + "/",
                "[{\"key\":\"team\",\"value\":\"" + project.team() + "\"},{\"key\":\"cost_center\",\"value\":\"CC-"
                        + (project.team().equals("web") ? "200" : "300") + "\"}]", "[]", "us-central1", "US",
                "us-central1", tax ? "" : "us-central1-a", TIME.format(day.plusDays(2).atStartOfDay()),
                cost.toPlainString(), "USD", "1.0", tax ? "" : Double.toString(units), tax ? "" : sku.unit(),
                tax ? "" : Double.toString(pricingUnits), tax ? "" : sku.pricingUnit(), credits,
                YearMonth.from(day).toString().replace("-", ""), costType);
    }
}
