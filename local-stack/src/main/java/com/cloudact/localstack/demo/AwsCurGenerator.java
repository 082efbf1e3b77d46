package com.cloudact.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a realistic AWS Cost and Usage Report (CUR 1.0 CSV, {@code category/Column} headers, one gzip file per
 * billing month as AWS delivers them) for a demo organization: three accounts, a dozen services with weekday
 * rhythm and growth, tagged resources, a reserved instance with its monthly fee, a savings plan, tax and a
 * promotional credit. The same seed and dates always give the same files, and the generator reports the exact
 * total of {@code lineItem/UnblendedCost} it wrote.
 */
public final class AwsCurGenerator {

    public static final List<String> HEADER = List.of("identity/LineItemId", "identity/TimeInterval",
            "bill/InvoiceId", "bill/InvoicingEntity", "bill/BillingEntity", "bill/BillType", "bill/PayerAccountId",
            "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate", "lineItem/UsageAccountId",
            "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/ProductCode",
            "lineItem/UsageType", "lineItem/Operation", "lineItem/AvailabilityZone", "lineItem/ResourceId",
            "lineItem/UsageAmount", "lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost",
            "lineItem/BlendedRate", "lineItem/BlendedCost", "lineItem/LineItemDescription", "lineItem/TaxType",
            "lineItem/LegalEntity", "product/ProductName", "product/productFamily", "product/region",
            "product/location", "product/servicecode", "product/sku", "pricing/RateCode", "pricing/RateId",
            "pricing/publicOnDemandCost", "pricing/publicOnDemandRate", "pricing/term", "pricing/unit",
            "reservation/EffectiveCost", "reservation/ReservationARN", "reservation/TotalReservedUnits",
            "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee",
            "savingsPlan/SavingsPlanARN", "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate",
            "savingsPlan/UsedCommitment", "resourceTags/user:team", "resourceTags/user:env",
            "resourceTags/user:cost_center");

    private static final int UNBLENDED_COST = HEADER.indexOf("lineItem/UnblendedCost");
    static final String PAYER = "111122223333";
    private static final String LEGAL_ENTITY = "Amazon Web Services, Inc.";
    private static final String RI_ARN = "arn:aws:ec2:us-east-1:111122223333:reserved-instances/7f3c2b1a-demo";
    private static final String SP_ARN = "arn:aws:savingsplans::111122223333:savingsplan/3d9e8f7a-demo";
    private static final BigDecimal RI_HOURLY = new BigDecimal("0.0624");
    private static final BigDecimal SP_HOURLY_COMMITMENT = new BigDecimal("0.50");

    private record Account(String id, String team, String env, String costCenter) {
    }

    private record Service(String productCode, String productName, String family, String usageType,
                           String operation, String unit, BigDecimal rate, double baseDailyUsage,
                           boolean weekdayHeavy, String region, String location) {
    }

    private static final List<Account> ACCOUNTS = List.of(
            new Account(PAYER, "platform", "shared", "CC-100"),
            new Account("444455556666", "checkout", "prod", "CC-200"),
            new Account("777788889999", "data", "dev", "CC-300"));

    private static final List<Service> SERVICES = List.of(
            new Service("AmazonEC2", "Amazon Elastic Compute Cloud", "Compute Instance", "BoxUsage:m6i.large",
                    "RunInstances", "Hrs", new BigDecimal("0.096"), 72, false, "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonEC2", "Amazon Elastic Compute Cloud", "Storage", "EBS:VolumeUsage.gp3",
                    "CreateVolume-Gp3", "GB-Mo", new BigDecimal("0.08"), 60, false, "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonS3", "Amazon Simple Storage Service", "Storage", "TimedStorage-ByteHrs",
                    "StandardStorage", "GB-Mo", new BigDecimal("0.023"), 95, false, "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonS3", "Amazon Simple Storage Service", "API Request", "Requests-Tier1", "PutObject",
                    "Requests", new BigDecimal("0.000005"), 180000, true, "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonRDS", "Amazon Relational Database Service", "Database Instance",
                    "InstanceUsage:db.r6g.large", "CreateDBInstance:0014", "Hrs", new BigDecimal("0.225"), 24, false,
                    "us-east-1", "US East (N. Virginia)"),
            new Service("AWSLambda", "AWS Lambda", "Serverless", "Lambda-GB-Second", "Invoke", "Lambda-GB-Second",
                    new BigDecimal("0.0000166667"), 410000, true, "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonDynamoDB", "Amazon DynamoDB", "Amazon DynamoDB PayPerRequest Throughput",
                    "ReadRequestUnits", "GetItem", "ReadRequestUnits", new BigDecimal("0.00000025"), 9500000, true,
                    "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonCloudWatch", "AmazonCloudWatch", "Metric", "CW:MetricMonitorUsage", "MetricStorage",
                    "Metrics", new BigDecimal("0.01"), 160, false, "us-east-1", "US East (N. Virginia)"),
            new Service("AWSDataTransfer", "AWS Data Transfer", "Data Transfer", "DataTransfer-Out-Bytes",
                    "", "GB", new BigDecimal("0.09"), 38, true, "us-east-1", "US East (N. Virginia)"),
            new Service("AmazonCloudFront", "Amazon CloudFront", "Data Transfer", "US-DataTransfer-Out-Bytes",
                    "GET", "GB", new BigDecimal("0.085"), 55, true, "global", "Global"),
            new Service("AmazonEKS", "Amazon Elastic Container Service for Kubernetes", "Compute",
                    "AmazonEKS-Hours:perCluster", "CreateOperation", "Hours", new BigDecimal("0.10"), 24, false,
                    "us-east-1", "US East (N. Virginia)"),
            new Service("AWSQueueService", "Amazon Simple Queue Service", "API Request", "Requests-RBP",
                    "ReceiveMessage", "Requests", new BigDecimal("0.0000004"), 2600000, true, "us-east-1",
                    "US East (N. Virginia)"));

    private final long seed;
    private final int fleetSize;

    public AwsCurGenerator(long seed) {
        this(seed, 1);
    }

    /**
     * @param fleetSize how many resources each account runs of each service; each gets its own daily line, so the
     *                  file grows with it (benchmarks use it to write a million lines)
     */
    public AwsCurGenerator(long seed, int fleetSize) {
        this.seed = seed;
        this.fleetSize = fleetSize;
    }

    /** Writes the CUR for usage days {@code first}..{@code last} (inclusive) into {@code directory}. */
    public DemoCsv.Written write(LocalDate first, LocalDate last, Path directory) {
        Map<YearMonth, List<List<String>>> months = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        long[] counter = {0};
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long dayIndex = ChronoUnit.DAYS.between(first, day);
            for (Account account : ACCOUNTS) {
                for (Service service : SERVICES) {
                    for (int resource = 0; resource < fleetSize; resource++) {
                        BigDecimal usage = usage(service, account, day, dayIndex, random);
                        BigDecimal cost = usage.multiply(service.rate()).setScale(10, RoundingMode.HALF_UP);
                        add(months, day, usageLine(++counter[0], account, service, day, usage, cost, resource));
                    }
                }
            }
            // Reserved m6i.large in the checkout account: 24 covered hours a day.
            add(months, day, reservedUsage(++counter[0], day));
            // Savings plan covering Fargate-like compute in the data account: usage, negation and daily fee.
            BigDecimal covered = new BigDecimal(String.format("%.4f", 9.5 + random.nextDouble() * 2.5));
            BigDecimal onDemand = covered.multiply(new BigDecimal("0.9")).setScale(10, RoundingMode.HALF_UP);
            BigDecimal spEffective = onDemand.multiply(new BigDecimal("0.72")).setScale(10, RoundingMode.HALF_UP);
            add(months, day, savingsPlanLine(++counter[0], day, "SavingsPlanCoveredUsage", covered, onDemand, spEffective));
            add(months, day, savingsPlanLine(++counter[0], day, "SavingsPlanNegation", covered, onDemand.negate(),
                    BigDecimal.ZERO));
            BigDecimal commitment = SP_HOURLY_COMMITMENT.multiply(BigDecimal.valueOf(24));
            add(months, day, savingsPlanFee(++counter[0], day, commitment, spEffective));
        }
        for (YearMonth month : months.keySet()) {
            LocalDate periodFirst = month.atDay(1);
            BigDecimal monthUsage = sum(months.get(month));
            BigDecimal riFee = RI_HOURLY.multiply(BigDecimal.valueOf(24L * month.lengthOfMonth()));
            months.get(month).add(riFeeLine(++counter[0], periodFirst, month, riFee));
            BigDecimal credit = new BigDecimal("-25.00");
            months.get(month).add(monthlyLine(++counter[0], periodFirst, month, "Credit", "AmazonEC2",
                    "Amazon Elastic Compute Cloud", credit, "AWS Promotional Credit"));
            BigDecimal tax = monthUsage.add(riFee).add(credit).multiply(new BigDecimal("0.0725"))
                    .setScale(2, RoundingMode.HALF_UP);
            months.get(month).add(monthlyLine(++counter[0], periodFirst, month, "Tax", "AmazonEC2",
                    "Amazon Elastic Compute Cloud", tax, "Tax for product code AmazonEC2"));
        }
        List<Path> files = new ArrayList<>();
        long rows = 0;
        try {
            Files.createDirectories(directory);
            for (Map.Entry<YearMonth, List<List<String>>> month : months.entrySet()) {
                Path file = directory.resolve("aws-cur-" + month.getKey() + ".csv.gz");
                DemoCsv.write(file, HEADER, month.getValue());
                files.add(file);
                rows += month.getValue().size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BigDecimal written = months.values().stream().map(AwsCurGenerator::sum).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new DemoCsv.Written(files, rows, written);
    }

    private static BigDecimal sum(List<List<String>> lines) {
        return lines.stream().map(line -> new BigDecimal(line.get(UNBLENDED_COST)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal usage(Service service, Account account, LocalDate day, long dayIndex,
                                    SplittableRandom random) {
        double weekday = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                ? (service.weekdayHeavy() ? 0.55 : 0.9) : 1.0;
        double accountScale = switch (account.env()) {
            case "prod" -> 1.6;
            case "dev" -> 0.45;
            default -> 0.8;
        };
        double growth = 1.0 + dayIndex * 0.004;
        double noise = 0.85 + random.nextDouble() * 0.3;
        double amount = service.baseDailyUsage() * weekday * accountScale * growth * noise;
        return BigDecimal.valueOf(amount).setScale(6, RoundingMode.HALF_UP);
    }

    private List<String> usageLine(long n, Account account, Service service, LocalDate day, BigDecimal usage,
                                   BigDecimal cost, int resource) {
        Map<String, String> line = base(n, day, day.plusDays(1), account.id(), "Usage", service.productCode(),
                service.productName());
        line.put("lineItem/UsageType", service.usageType());
        line.put("lineItem/Operation", service.operation());
        line.put("lineItem/AvailabilityZone", service.region().equals("global") ? "" : service.region() + "a");
        line.put("lineItem/ResourceId", resourceId(service, account) + (resource == 0 ? "" : "-" + resource));
        line.put("lineItem/UsageAmount", usage.toPlainString());
        line.put("lineItem/UnblendedRate", service.rate().toPlainString());
        line.put("lineItem/UnblendedCost", cost.toPlainString());
        line.put("lineItem/BlendedRate", service.rate().toPlainString());
        line.put("lineItem/BlendedCost", cost.toPlainString());
        line.put("lineItem/LineItemDescription", "$" + service.rate().toPlainString() + " per " + service.unit()
                + " for " + service.usageType());
        line.put("product/productFamily", service.family());
        line.put("product/region", service.region());
        line.put("product/location", service.location());
        line.put("product/sku", sku(service));
        line.put("pricing/RateCode", sku(service) + ".JRTCKXETXF.6YS6EN2CT7");
        line.put("pricing/RateId", Long.toString(1_000_000L + Math.abs(sku(service).hashCode() % 900_000)));
        line.put("pricing/publicOnDemandCost", cost.toPlainString());
        line.put("pricing/publicOnDemandRate", service.rate().toPlainString());
        line.put("pricing/term", "OnDemand");
        line.put("pricing/unit", service.unit());
        line.put("resourceTags/user:team", account.team());
        line.put("resourceTags/user:env", account.env());
        line.put("resourceTags/user:cost_center", account.costCenter());
        return values(line);
    }

    private List<String> reservedUsage(long n, LocalDate day) {
        Map<String, String> line = base(n, day, day.plusDays(1), "444455556666", "DiscountedUsage", "AmazonEC2",
                "Amazon Elastic Compute Cloud");
        BigDecimal hours = BigDecimal.valueOf(24);
        line.put("lineItem/UsageType", "BoxUsage:m6i.large");
        line.put("lineItem/Operation", "RunInstances");
        line.put("lineItem/AvailabilityZone", "us-east-1b");
        line.put("lineItem/ResourceId", "i-0reserved0checkout1");
        line.put("lineItem/UsageAmount", hours.toPlainString());
        line.put("lineItem/UnblendedRate", "0");
        line.put("lineItem/UnblendedCost", "0");
        line.put("lineItem/LineItemDescription", "USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), m6i.large instance");
        line.put("product/productFamily", "Compute Instance");
        line.put("product/region", "us-east-1");
        line.put("product/location", "US East (N. Virginia)");
        line.put("pricing/publicOnDemandCost", hours.multiply(new BigDecimal("0.096")).toPlainString());
        line.put("pricing/publicOnDemandRate", "0.096");
        line.put("pricing/term", "Reserved");
        line.put("pricing/unit", "Hrs");
        line.put("reservation/EffectiveCost", hours.multiply(RI_HOURLY).toPlainString());
        line.put("reservation/ReservationARN", RI_ARN);
        line.put("resourceTags/user:team", "checkout");
        line.put("resourceTags/user:env", "prod");
        line.put("resourceTags/user:cost_center", "CC-200");
        return values(line);
    }

    private List<String> savingsPlanLine(long n, LocalDate day, String type, BigDecimal usage, BigDecimal cost,
                                         BigDecimal effective) {
        Map<String, String> line = base(n, day, day.plusDays(1), "777788889999", type, "AmazonECS",
                "Amazon Elastic Container Service");
        line.put("lineItem/UsageType", "Fargate-vCPU-Hours:perCPU");
        line.put("lineItem/Operation", "FargateTask");
        line.put("lineItem/ResourceId", "arn:aws:ecs:us-east-1:777788889999:cluster/analytics");
        line.put("lineItem/UsageAmount", usage.toPlainString());
        line.put("lineItem/UnblendedRate", "0.9");
        line.put("lineItem/UnblendedCost", cost.toPlainString());
        line.put("lineItem/LineItemDescription", type.equals("SavingsPlanNegation")
                ? "SavingsPlanNegation used by AccountId : 777788889999 and UsageSku : FARGATEVCPU"
                : "Fargate vCPU hours covered by Compute Savings Plan");
        line.put("product/productFamily", "Compute");
        line.put("product/region", "us-east-1");
        line.put("product/location", "US East (N. Virginia)");
        line.put("pricing/publicOnDemandCost", type.equals("SavingsPlanNegation") ? "0" : cost.toPlainString());
        line.put("pricing/publicOnDemandRate", "0.9");
        line.put("pricing/term", "OnDemand");
        line.put("pricing/unit", "hours");
        line.put("savingsPlan/SavingsPlanARN", SP_ARN);
        line.put("savingsPlan/SavingsPlanEffectiveCost", effective.toPlainString());
        line.put("resourceTags/user:team", "data");
        line.put("resourceTags/user:env", "dev");
        line.put("resourceTags/user:cost_center", "CC-300");
        return values(line);
    }

    private List<String> savingsPlanFee(long n, LocalDate day, BigDecimal commitment, BigDecimal used) {
        Map<String, String> line = base(n, day, day.plusDays(1), PAYER, "SavingsPlanRecurringFee",
                "ComputeSavingsPlans", "Savings Plans for AWS Compute usage");
        line.put("lineItem/UsageType", "ComputeSP:1yrNoUpfront");
        line.put("lineItem/Operation", "");
        line.put("lineItem/ResourceId", SP_ARN);
        line.put("lineItem/UsageAmount", "24");
        line.put("lineItem/UnblendedRate", SP_HOURLY_COMMITMENT.toPlainString());
        line.put("lineItem/UnblendedCost", commitment.toPlainString());
        line.put("lineItem/LineItemDescription", "1 year No Upfront Compute Savings Plan");
        line.put("pricing/unit", "Hrs");
        line.put("savingsPlan/SavingsPlanARN", SP_ARN);
        line.put("savingsPlan/TotalCommitmentToDate", commitment.toPlainString());
        line.put("savingsPlan/UsedCommitment", used.min(commitment).toPlainString());
        return values(line);
    }

    private List<String> riFeeLine(long n, LocalDate periodFirst, YearMonth month, BigDecimal fee) {
        Map<String, String> line = base(n, periodFirst, month.plusMonths(1).atDay(1), PAYER, "RIFee", "AmazonEC2",
                "Amazon Elastic Compute Cloud");
        line.put("lineItem/UsageType", "HeavyUsage:m6i.large");
        line.put("lineItem/Operation", "RunInstances");
        line.put("lineItem/UsageAmount", Integer.toString(24 * month.lengthOfMonth()));
        line.put("lineItem/UnblendedRate", RI_HOURLY.toPlainString());
        line.put("lineItem/UnblendedCost", fee.toPlainString());
        line.put("lineItem/LineItemDescription", "USD 0.0624 hourly fee per Linux/UNIX (Amazon VPC), m6i.large");
        line.put("pricing/unit", "Hrs");
        line.put("reservation/ReservationARN", RI_ARN);
        line.put("reservation/TotalReservedUnits", Integer.toString(24 * month.lengthOfMonth()));
        line.put("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "0");
        line.put("reservation/UnusedRecurringFee", "0");
        return values(line);
    }

    private List<String> monthlyLine(long n, LocalDate periodFirst, YearMonth month, String type, String productCode,
                                     String productName, BigDecimal cost, String description) {
        Map<String, String> line = base(n, periodFirst, month.plusMonths(1).atDay(1), PAYER, type, productCode,
                productName);
        line.put("lineItem/UsageAmount", "1");
        line.put("lineItem/UnblendedCost", cost.toPlainString());
        line.put("lineItem/BlendedCost", cost.toPlainString());
        line.put("lineItem/LineItemDescription", description);
        line.put("lineItem/TaxType", type.equals("Tax") ? "US Sales Tax" : "");
        return values(line);
    }

    private Map<String, String> base(long n, LocalDate start, LocalDate end, String account, String type,
                                     String productCode, String productName) {
        YearMonth month = YearMonth.from(start);
        Map<String, String> line = new LinkedHashMap<>();
        HEADER.forEach(h -> line.put(h, ""));
        line.put("identity/LineItemId", "demo" + Long.toString(seed, 36) + "x" + Long.toString(n, 36));
        line.put("identity/TimeInterval", start + "T00:00:00Z/" + end + "T00:00:00Z");
        line.put("bill/InvoicingEntity", LEGAL_ENTITY);
        line.put("bill/BillingEntity", "AWS");
        line.put("bill/BillType", "Anniversary");
        line.put("bill/PayerAccountId", PAYER);
        line.put("bill/BillingPeriodStartDate", month.atDay(1) + "T00:00:00.000Z");
        line.put("bill/BillingPeriodEndDate", month.plusMonths(1).atDay(1) + "T00:00:00.000Z");
        line.put("lineItem/UsageAccountId", account);
        line.put("lineItem/LineItemType", type);
        line.put("lineItem/UsageStartDate", start + "T00:00:00.000Z");
        line.put("lineItem/UsageEndDate", end + "T00:00:00.000Z");
        line.put("lineItem/ProductCode", productCode);
        line.put("lineItem/CurrencyCode", "USD");
        line.put("lineItem/LegalEntity", LEGAL_ENTITY);
        line.put("product/ProductName", productName);
        line.put("product/servicecode", productCode);
        return line;
    }

    private static String resourceId(Service service, Account account) {
        return switch (service.productCode()) {
            case "AmazonEC2" -> service.unit().equals("Hrs") ? "i-0" + account.id().substring(0, 6) + "web"
                    : "vol-0" + account.id().substring(0, 6) + "data";
            case "AmazonS3" -> account.team() + "-assets-" + account.env();
            case "AmazonRDS" -> "arn:aws:rds:us-east-1:" + account.id() + ":db:" + account.team() + "-db";
            case "AWSLambda" -> "arn:aws:lambda:us-east-1:" + account.id() + ":function:" + account.team() + "-api";
            case "AmazonDynamoDB" -> "arn:aws:dynamodb:us-east-1:" + account.id() + ":table/" + account.team();
            case "AmazonEKS" -> "arn:aws:eks:us-east-1:" + account.id() + ":cluster/" + account.team();
            default -> "";
        };
    }

    private static String sku(Service service) {
        return Integer.toHexString((service.productCode() + service.usageType()).hashCode()).toUpperCase();
    }

    private static List<String> values(Map<String, String> line) {
        return List.copyOf(line.values());
    }

    private static void add(Map<YearMonth, List<List<String>>> months, LocalDate day, List<String> line) {
        months.computeIfAbsent(YearMonth.from(day), m -> new ArrayList<>()).add(line);
    }
}
