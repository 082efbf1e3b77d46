package com.cloudact.pipeline.extract.genai;

import static com.cloudact.pipeline.extract.ExportColumn.bool;
import static com.cloudact.pipeline.extract.ExportColumn.decimal;
import static com.cloudact.pipeline.extract.ExportColumn.integer;
import static com.cloudact.pipeline.extract.ExportColumn.required;
import static com.cloudact.pipeline.extract.ExportColumn.text;
import static com.cloudact.pipeline.extract.ExportColumn.timestamp;

import com.cloudact.pipeline.extract.BillingExport;
import com.cloudact.pipeline.extract.ExportColumn;
import com.cloudact.pipeline.extract.RawSql;
import java.util.ArrayList;
import java.util.List;

/**
 * The three raw GenAI tables the {@code genai.usage} step writes, as {@link BillingExport}s of the CSV files it
 * writes itself: every CSV header is the raw column's own name, so the
 * {@link com.cloudact.pipeline.extract.BillingFileLoader} maps, types and lineage-stamps the rows exactly as it does
 * a provider's billing export. The slice date ({@code x_pipeline_run_date}) is the day of usage or cost, so a re-run
 * of a day replaces that day.
 */
enum GenAiRawTable implements BillingExport {

    PAYG_USAGE("genai_payg_usage_raw", "usage_date", true, List.of(
            required(ExportColumn.Kind.DATE, "usage_date", "usage_date"),
            required(ExportColumn.Kind.TEXT, "provider", "provider"),
            required(ExportColumn.Kind.TEXT, "model", "model"),
            text("region", "region"),
            text("project_id", "project_id"),
            text("service_tier", "service_tier"),
            text("context_tier", "context_tier"),
            integer("input_tokens", "input_tokens"),
            integer("cached_input_tokens", "cached_input_tokens"),
            integer("cache_write_5m_tokens", "cache_write_5m_tokens"),
            integer("cache_write_1h_tokens", "cache_write_1h_tokens"),
            integer("output_tokens", "output_tokens"),
            integer("reasoning_tokens", "reasoning_tokens"),
            integer("total_tokens", "total_tokens"),
            decimal("usage_quantity", "usage_quantity"),
            text("usage_unit", "usage_unit"),
            integer("request_count", "request_count"),
            bool("is_batch", "is_batch"),
            text("usage_source", "usage_source"),
            required(ExportColumn.Kind.TEXT, "x_genai_provider", "x_genai_provider"))),

    COMMITMENT_USAGE("genai_commitment_usage_raw", "usage_date", false, List.of(
            required(ExportColumn.Kind.DATE, "usage_date", "usage_date"),
            required(ExportColumn.Kind.TEXT, "provider", "provider"),
            required(ExportColumn.Kind.TEXT, "commitment_type", "commitment_type"),
            text("commitment_id", "commitment_id"),
            required(ExportColumn.Kind.TEXT, "model", "model"),
            required(ExportColumn.Kind.TEXT, "region", "region"),
            integer("provisioned_units", "provisioned_units"),
            integer("used_units", "used_units"),
            decimal("utilization_pct", "utilization_pct"),
            integer("tokens_processed", "tokens_processed"),
            integer("request_count", "request_count"),
            decimal("hours_active", "hours_active"))),

    PROVIDER_COSTS("genai_provider_costs_raw", "cost_date", true, List.of(
            required(ExportColumn.Kind.DATE, "cost_date", "cost_date"),
            required(ExportColumn.Kind.TEXT, "provider", "provider"),
            text("model", "model"),
            text("line_item", "line_item"),
            text("token_type", "token_type"),
            text("project_id", "project_id"),
            text("service_tier", "service_tier"),
            required(ExportColumn.Kind.DECIMAL, "amount", "amount"),
            required(ExportColumn.Kind.TEXT, "currency", "currency"),
            decimal("quantity", "quantity"),
            text("quantity_unit", "quantity_unit"),
            required(ExportColumn.Kind.TEXT, "cost_source", "cost_source"),
            required(ExportColumn.Kind.TEXT, "x_genai_provider", "x_genai_provider")));

    private final String table;
    private final String dateColumn;
    private final boolean rowIds;
    private final List<ExportColumn> columns;

    GenAiRawTable(String table, String dateColumn, boolean rowIds, List<ExportColumn> own) {
        this.table = table;
        this.dateColumn = dateColumn;
        this.rowIds = rowIds;
        List<ExportColumn> all = new ArrayList<>(own);
        GenAiRawFiles.Hierarchy.COLUMNS.forEach(column -> all.add(text(column, column)));
        all.add(timestamp(GenAiRawFiles.Hierarchy.VALIDATED_AT, GenAiRawFiles.Hierarchy.VALIDATED_AT));
        this.columns = List.copyOf(all);
    }

    /** The CSV header the step writes: every column's name, in order. */
    List<String> header() {
        return columns.stream().map(ExportColumn::rawColumn).toList();
    }

    String dateColumn() {
        return dateColumn;
    }

    @Override
    public String description() {
        return "GenAI usage written by the genai.usage step (" + table + ")";
    }

    @Override
    public String rawTable() {
        return table;
    }

    @Override
    public List<ExportColumn> columns() {
        return columns;
    }

    @Override
    public List<String> derived(RawSql sql) {
        return rowIds ? List.of(sql.uuid() + " AS x_ingestion_id") : List.of();
    }

    @Override
    public String accountColumn() {
        return "provider";
    }

    @Override
    public String sliceDate(RawSql sql) {
        return "m." + dateColumn;
    }

    @Override
    public String usageDate(RawSql sql) {
        return "m." + dateColumn;
    }
}
