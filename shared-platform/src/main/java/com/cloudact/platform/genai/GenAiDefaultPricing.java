package com.cloudact.platform.genai;

import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.SeedLoader;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The default GenAI price list CloudAct ships ({@code genai/pricing/{flow}.csv} in shared-model: one row per price,
 * each with its source and the day it was read) and its copy in an org's pricing tables. Rows seeded from it carry
 * {@link #WRITER} as their {@code x_pipeline_id}; custom rows and overrides are the org's own.
 */
public final class GenAiDefaultPricing {

    /** The {@code x_pipeline_id} of price rows that came from the shipped list. */
    public static final String WRITER = "genai_default_pricing";

    private final Warehouse warehouse;
    private final TableCatalog catalog;

    public GenAiDefaultPricing(Warehouse warehouse, TableCatalog catalog) {
        this.warehouse = warehouse;
        this.catalog = catalog;
    }

    /** The shipped rows of a flow, as column → text (header order kept). */
    public static List<Map<String, String>> rows(GenAiFlow flow) {
        List<List<String>> records = SeedLoader.read(resource(flow));
        List<String> header = records.removeFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() != header.size()) {
                throw new IllegalStateException(resource(flow) + ": line " + (r + 2) + " has " + record.size()
                        + " fields, the header " + header.size());
            }
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), record.get(c).isEmpty() ? null : record.get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Copies the shipped prices of a flow into an org's pricing table, in one script.
     *
     * @param replace true: the org's default rows (and the overrides set on them) are replaced by the shipped ones;
     *                false: only shipped prices the org does not have yet (by {@link GenAiFlow#priceKey()}) are added
     * @return the number of shipped rows written
     */
    public int seed(DatasetName dataset, String orgSlug, GenAiFlow flow, boolean replace, String runId, Instant now) {
        TableSpec table = catalog.table(flow.pricingTable());
        List<Map<String, String>> rows = rows(flow);
        if (rows.isEmpty()) {
            return 0;
        }
        List<String> columns = new ArrayList<>(rows.getFirst().keySet());
        for (String column : columns) {
            if (!table.hasColumn(column)) {
                throw new IllegalStateException(resource(flow) + ": column " + column + " is not in " + table.name());
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgSlug);
        params.put("writer", WRITER);
        params.put("run_id", runId);
        params.put("now", now);
        params.put("today", LocalDate.ofInstant(now, ZoneOffset.UTC));
        List<String> selects = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String name = "p" + r + "_" + c;
                params.put(name, rows.get(r).get(columns.get(c)));
                values.add(cast("@" + name, table.column(columns.get(c)).orElseThrow()) + " AS " + columns.get(c));
            }
            selects.add("SELECT " + String.join(", ", values));
        }
        String target = "${ds}." + table.name();
        String lineage = "x_org_slug, x_pipeline_id, x_credential_id, x_pipeline_run_date, x_run_id, x_ingested_at, x_ingestion_date";
        String missing = replace ? "" : " WHERE NOT EXISTS (SELECT 1 FROM " + target + " t WHERE t.x_org_slug = @org AND "
                + flow.priceKey().stream().map(k -> "t." + k + " IS NOT DISTINCT FROM s." + k)
                .collect(Collectors.joining(" AND ")) + ")";
        boolean hasStatus = columns.contains("status");
        StringBuilder script = new StringBuilder();
        if (replace) {
            script.append("DELETE FROM ").append(target).append(" WHERE x_org_slug = @org AND x_pipeline_id = @writer;\n");
        }
        script.append("INSERT INTO ").append(target).append(" (").append(String.join(", ", columns))
                .append(hasStatus ? "" : ", status").append(", is_override, last_updated, ").append(lineage)
                .append(")\nSELECT s.*").append(hasStatus ? "" : ", 'active'")
                .append(", FALSE, @now, @org, @writer, NULL, @today, @run_id, @now, @today FROM (\n")
                .append(String.join("\nUNION ALL\n", selects)).append("\n) s").append(missing).append(";");
        long before = replace ? 0 : seeded(dataset, table, orgSlug);
        warehouse.executeScript(SqlText.of(script.toString()).with("ds", dataset), params);
        return (int) (seeded(dataset, table, orgSlug) - before);
    }

    private long seeded(DatasetName dataset, TableSpec table, String orgSlug) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table.name()
                        + " WHERE x_org_slug = @org AND x_pipeline_id = @writer").with("ds", dataset),
                Map.of("org", orgSlug, "writer", WRITER)).getFirst().longValue("n");
    }

    /** A text parameter as the column's type (shipped CSV values are text). */
    private String cast(String parameter, ColumnSpec column) {
        return "CAST(" + parameter + " AS " + warehouse.dialect().sqlType(column) + ")";
    }

    private static String resource(GenAiFlow flow) {
        return "genai/pricing/" + flow.id() + ".csv";
    }
}
