package com.cloudact.pipeline.extract.aws;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Lineage;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFile;
import com.cloudact.pipeline.extract.RawSql;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.StagedFile;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code cloud.aws.cur_loader}: loads an AWS Cost and Usage Report file (CSV or CSV.GZ) into
 * {@code cloud_aws_billing_raw_daily}. A CUR file restates its whole billing period, so the slice it replaces is
 * (org, pipeline, credential, billing period start): loading the same or a newer file for a period replaces that
 * period, in one transaction. Without a {@code credential_id} the credential is {@code upload_<payer account>}.
 */
@Component
class AwsCurLoadStep implements StepProcessor {

    static final String RAW_TABLE = "cloud_aws_billing_raw_daily";

    private final Warehouse warehouse;
    private final Clock clock;

    AwsCurLoadStep(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "cloud.aws.cur_loader";
    }

    @Override
    public StepResult run(StepContext context) {
        Path path = (Path) context.requiredVariable("input_file");
        String name = context.variable("input_file_name").map(String::valueOf).orElse(path.getFileName().toString());
        BillingFile file = BillingFile.open(path, name);
        RawSql sql = new RawSql(warehouse.dialect());
        Map<String, Object> params = new HashMap<>();
        List<String> select = new ArrayList<>();
        for (CurColumns.Mapping mapping : CurColumns.MAPPINGS) {
            var position = file.find(mapping.headers());
            if (position.isEmpty()) {
                if (mapping.required()) {
                    throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, name
                            + " is not an AWS CUR file: it lacks the required column " + mapping.headers().getFirst());
                }
                select.add("NULL AS " + mapping.rawColumn());
                continue;
            }
            String column = BillingFile.column(position.get());
            String expression = switch (mapping.kind()) {
                case TEXT -> sql.text(column);
                case DECIMAL -> sql.decimal(column);
                case TIMESTAMP -> sql.timestamp(column);
            };
            select.add(expression + " AS " + mapping.rawColumn());
        }
        select.add(sql.jsonObject(prefixed(file, CurColumns.TAG_PREFIX, "tag", params)) + " AS resource_tags_json");
        select.add(sql.jsonObject(prefixed(file, CurColumns.COST_CATEGORY_PREFIX, "cc", params)) + " AS cost_category_json");
        String payer = sql.text(BillingFile.column(file.find(List.of("bill/PayerAccountId")).orElseThrow()));
        String periodStart = sql.timestamp(BillingFile.column(file.find(List.of("bill/BillingPeriodStartDate")).orElseThrow()));
        String usageStart = sql.timestamp(BillingFile.column(file.find(List.of("lineItem/UsageStartDate")).orElseThrow()));
        select.add(sql.date(usageStart) + " AS usage_date");
        select.add("'aws' AS x_cloud_provider");
        select.add(payer + " AS x_cloud_account_id");
        select.add("@file_name AS x_source_file");
        select.add("@org AS " + Lineage.ORG_SLUG);
        select.add("@pipeline_id AS " + Lineage.PIPELINE_ID);
        select.add("COALESCE(@credential_id, 'upload_' || " + payer + ") AS " + Lineage.CREDENTIAL_ID);
        select.add(sql.date(periodStart) + " AS " + Lineage.PIPELINE_RUN_DATE);
        select.add("@run_id AS " + Lineage.RUN_ID);
        select.add("@now AS " + Lineage.INGESTED_AT);
        select.add(sql.date(usageStart) + " AS " + Lineage.INGESTION_DATE);
        params.put("file_name", name);
        params.put("org", context.org().value());
        params.put("pipeline_id", context.pipelineId());
        params.put("credential_id", context.variable("credential_id").map(String::valueOf).orElse(null));
        params.put("run_id", context.runId());
        params.put("now", clock.instant());

        TableRef target = TableRef.of(context.orgDataset(), context.configString("destination", RAW_TABLE));
        long rows;
        try (StagedFile staged = warehouse.stage(context.orgDataset(), path, file.format(), file.stagingColumns())) {
            rows = warehouse.replaceSlices(target, Lineage.SLICE_KEY,
                    SqlText.of("SELECT " + String.join(",\n  ", select) + "\nFROM " + staged.relation()), params);
        } catch (WarehouseException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                    name + " could not be loaded; nothing was changed: " + e.firstLine(), e);
        }
        if (rows == 0) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, name + " holds no line items");
        }
        Row periods = warehouse.query(SqlText.of("""
                SELECT MIN(x_pipeline_run_date) AS first_period, MAX(x_pipeline_run_date) AS last_period
                FROM ${org}.""" + target.table() + " WHERE x_org_slug = @org AND x_run_id = @run_id")
                .with("org", context.orgDataset()), Map.of("org", context.org().value(), "run_id", context.runId()))
                .getFirst();
        return new StepResult(rows, Map.of("rows_loaded", rows, "start_date", periods.date("first_period"),
                "end_date", periods.date("last_period")));
    }

    /** Columns {@code <prefix><key>}; each key is bound as a parameter {@code <name><n>}. */
    private static List<RawSql.KeyColumn> prefixed(BillingFile file, String prefix, String name, Map<String, Object> params) {
        List<RawSql.KeyColumn> entries = new ArrayList<>();
        for (int i = 0; i < file.headers().size(); i++) {
            String header = file.headers().get(i);
            if (header.regionMatches(true, 0, prefix, 0, prefix.length()) && header.length() > prefix.length()) {
                String parameter = name + entries.size();
                params.put(parameter, header.substring(prefix.length()));
                entries.add(new RawSql.KeyColumn(parameter, BillingFile.column(i)));
            }
        }
        return entries;
    }
}
