package com.cloudact.pipeline.genai;

import com.cloudact.model.DatasetName;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes GenAI usage and price rows straight into an org's tables, with the lineage every row must carry. */
final class GenAiRows {

    static final String DEFAULT_WRITER = "genai_default_pricing";
    private static final List<String> TABLES = List.of("genai_payg_usage_raw", "genai_payg_pricing",
            "genai_payg_costs_daily", "genai_commitment_usage_raw", "genai_commitment_pricing",
            "genai_commitment_costs_daily", "genai_infrastructure_usage_raw", "genai_infrastructure_pricing",
            "genai_infrastructure_costs_daily", "genai_usage_daily_unified", "genai_costs_daily_unified",
            "genai_provider_costs_raw", "cost_data_standard_1_3");

    private final Warehouse warehouse;
    private final DatasetName dataset;
    private final String org;

    GenAiRows(Warehouse warehouse, DatasetName dataset, String org) {
        this.warehouse = warehouse;
        this.dataset = dataset;
        this.org = org;
    }

    void clear() {
        for (String table : TABLES) {
            warehouse.execute(SqlText.of("DELETE FROM ${ds}." + table + " WHERE x_org_slug = @org").with("ds", dataset),
                    Map.of("org", org));
        }
    }

    /** A usage row of {@code genai_payg_usage_raw} (credential {@code cred-1} unless given). */
    void usage(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("x_genai_provider", row.get("provider"));
        row.putIfAbsent("x_credential_id", "cred-1");
        insert("genai_payg_usage_raw", row, (LocalDate) row.get("usage_date"), "genai/payg/" + row.get("provider"));
    }

    /** A shipped-default price row of {@code genai_payg_pricing} (x_pipeline_id genai_default_pricing). */
    void price(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("region", "global");
        row.putIfAbsent("status", "active");
        insert("genai_payg_pricing", row, LocalDate.of(2026, 1, 1), DEFAULT_WRITER);
    }

    void commitmentUsage(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("x_credential_id", "cred-1");
        insert("genai_commitment_usage_raw", row, (LocalDate) row.get("usage_date"), "genai/commitment/test");
    }

    void commitmentPrice(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("status", "active");
        insert("genai_commitment_pricing", row, LocalDate.of(2026, 1, 1), DEFAULT_WRITER);
    }

    void infrastructureUsage(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("x_credential_id", "upload");
        insert("genai_infrastructure_usage_raw", row, (LocalDate) row.get("usage_date"), "genai/infrastructure/gpu");
    }

    void infrastructurePrice(Map<String, Object> values) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.putIfAbsent("status", "active");
        insert("genai_infrastructure_pricing", row, LocalDate.of(2026, 1, 1), DEFAULT_WRITER);
    }

    /** A line of {@code genai_provider_costs_raw}: what the provider itself billed for a day. */
    void providerCost(String provider, LocalDate day, String amount) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cost_date", day);
        row.put("provider", provider);
        row.put("amount", new java.math.BigDecimal(amount));
        row.put("currency", "USD");
        row.put("cost_source", provider + ".costs");
        row.put("x_genai_provider", provider);
        insert("genai_provider_costs_raw", row, day, "genai/payg/" + provider);
    }

    /** A FOCUS row as a cloud billing pipeline writes it (only the columns the GenAI conversion looks at). */
    void cloudFocusRow(String cloud, LocalDate day, String cost) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("BilledCost", new java.math.BigDecimal(cost));
        row.put("EffectiveCost", new java.math.BigDecimal(cost));
        row.put("ListCost", new java.math.BigDecimal(cost));
        row.put("ContractedCost", new java.math.BigDecimal(cost));
        row.put("BillingAccountId", "acct");
        row.put("BillingCurrency", "USD");
        row.put("BillingPeriodStart", day.withDayOfMonth(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        row.put("BillingPeriodEnd", day.withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        row.put("ChargeCategory", "Usage");
        row.put("ChargeFrequency", "Usage-Based");
        row.put("ChargePeriodStart", day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        row.put("ChargePeriodEnd", day.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        row.put("HostProviderName", cloud);
        row.put("InvoiceIssuerName", cloud);
        row.put("ProviderName", cloud);
        row.put("PublisherName", cloud);
        row.put("ServiceCategory", "AI and Machine Learning");
        row.put("ServiceName", "Cloud AI");
        row.put("ServiceProviderName", cloud);
        row.put("ServiceSubcategory", "Generative AI");
        row.put("x_source_system", "cloud_" + cloud + "_billing_raw_daily");
        row.put("x_cost_type", "cloud");
        row.put("x_cloud_provider", cloud);
        insert("cost_data_standard_1_3", row, day, "cloud/" + cloud + "/cost/billing");
    }

    List<Row> query(String sql, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("org", org);
        return warehouse.query(SqlText.of(sql).with("ds", dataset), all);
    }

    private void insert(String table, Map<String, Object> values, LocalDate runDate, String writer) {
        Map<String, Object> row = new LinkedHashMap<>(values);
        Instant now = Instant.now();
        row.putIfAbsent("x_org_slug", org);
        row.putIfAbsent("x_pipeline_id", writer);
        if (!table.endsWith("_pricing")) {
            row.putIfAbsent("x_credential_id", "cred-1");
        }
        row.putIfAbsent("x_pipeline_run_date", runDate);
        row.putIfAbsent("x_run_id", "seed-run");
        row.putIfAbsent("x_ingested_at", now);
        row.putIfAbsent("x_ingestion_date", runDate);
        List<String> names = new ArrayList<>(row.keySet());
        Map<String, Object> params = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            params.put("v" + i, row.get(names.get(i)));
            placeholders.add("@v" + i);
        }
        warehouse.execute(SqlText.of("INSERT INTO ${ds}." + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", placeholders) + ")").with("ds", dataset), params);
    }
}
