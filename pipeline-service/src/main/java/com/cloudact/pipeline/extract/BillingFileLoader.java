package com.cloudact.pipeline.extract;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Lineage;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.StagedFile;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Loads billing export files into their raw table: headers mapped by name, values typed, lineage added, and the
 * slices the files cover ({@link BillingExport#sliceColumns()}) replaced in one transaction (so a re-run, or a newer
 * export of the same period, never duplicates rows, and a bad file changes nothing). Several files of one export
 * are loaded as one.
 */
@Component
public class BillingFileLoader {

    private final Warehouse warehouse;
    private final Clock clock;

    public BillingFileLoader(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /** Where the rows go and the lineage they carry. */
    public record Target(DatasetName dataset, String orgSlug, String pipelineId, String runId, String credentialId) {
    }

    /** What was loaded: rows, and the first and last slice dates (the range later steps convert). */
    public record Loaded(long rows, LocalDate firstSlice, LocalDate lastSlice) {
    }

    public Loaded load(BillingExport export, List<BillingFile> files, Target target) {
        if (files.isEmpty()) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "No billing file to load");
        }
        RawSql sql = new RawSql(warehouse.dialect());
        Map<String, Object> params = new HashMap<>();
        List<StagedFile> staged = new ArrayList<>();
        try {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                BillingFile file = files.get(i);
                List<String> select = mapped(export, file, sql, params, "f" + i + "_");
                StagedFile stagedFile = warehouse.stage(target.dataset(), file.path(), file.format(), file.stagingColumns());
                staged.add(stagedFile);
                params.put("file" + i, file.displayName());
                select.add("@file" + i + " AS x_source_file");
                parts.add("SELECT " + String.join(", ", select) + " FROM " + stagedFile.relation());
            }
            List<String> outer = new ArrayList<>(List.of("m.*"));
            outer.addAll(export.derived(sql));
            outer.add("@org AS " + Lineage.ORG_SLUG);
            outer.add("@pipeline_id AS " + Lineage.PIPELINE_ID);
            outer.add("COALESCE(@credential_id, 'upload_' || COALESCE(m." + export.accountColumn() + ", 'unknown')) AS "
                    + Lineage.CREDENTIAL_ID);
            outer.add(export.sliceDate(sql) + " AS " + Lineage.PIPELINE_RUN_DATE);
            outer.add("@run_id AS " + Lineage.RUN_ID);
            outer.add("@now AS " + Lineage.INGESTED_AT);
            outer.add(export.usageDate(sql) + " AS " + Lineage.INGESTION_DATE);
            params.put("org", target.orgSlug());
            params.put("pipeline_id", target.pipelineId());
            params.put("credential_id", target.credentialId());
            params.put("run_id", target.runId());
            params.put("now", clock.instant());
            TableRef table = TableRef.of(target.dataset(), export.rawTable());
            SqlText source = SqlText.of("SELECT " + String.join(",\n  ", outer) + "\nFROM (\n"
                    + String.join("\nUNION ALL\n", parts) + "\n) m");
            long rows = replace(table, export.sliceColumns(), source, params, files);
            if (rows == 0) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, name(files) + " holds no billing lines");
            }
            return slices(target, table, rows);
        } finally {
            staged.forEach(StagedFile::close);
        }
    }

    /** The file's columns as the raw table's, typed; every header is matched by name, never pasted into SQL. */
    private static List<String> mapped(BillingExport export, BillingFile file, RawSql sql, Map<String, Object> params,
                                       String parameterPrefix) {
        List<String> select = new ArrayList<>();
        for (ExportColumn column : export.columns()) {
            Optional<Integer> position = file.find(column.headers());
            Optional<Integer> json = column.inJson() == null ? Optional.empty()
                    : file.find(List.of(column.inJson().header()));
            if (position.isEmpty() && json.isPresent()) {
                select.add(typed(column.kind(), sql.jsonMember(BillingFile.column(json.get()), column.inJson().key()),
                        sql) + " AS " + column.rawColumn());
                continue;
            }
            if (position.isEmpty()) {
                if (column.required()) {
                    throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, file.displayName() + " is not "
                            + export.description() + ": it lacks the required column " + column.headers().getFirst());
                }
                select.add("NULL AS " + column.rawColumn());
                continue;
            }
            select.add(typed(column.kind(), BillingFile.column(position.get()), sql) + " AS " + column.rawColumn());
        }
        for (BillingExport.PrefixedJson family : export.prefixedJson()) {
            List<RawSql.KeyColumn> entries = new ArrayList<>();
            for (int i = 0; i < file.headers().size(); i++) {
                String header = file.headers().get(i);
                String prefix = family.prefix();
                if (header.length() > prefix.length() && header.regionMatches(true, 0, prefix, 0, prefix.length())
                        && family.keys().test(header.substring(prefix.length()))) {
                    String parameter = parameterPrefix + family.rawColumn() + entries.size();
                    params.put(parameter, header.substring(prefix.length()));
                    entries.add(new RawSql.KeyColumn(parameter, BillingFile.column(i)));
                }
            }
            Optional<Integer> whole = family.jsonHeader() == null ? Optional.empty()
                    : file.find(List.of(family.jsonHeader()));
            select.add((entries.isEmpty() && whole.isPresent() ? sql.text(BillingFile.column(whole.get()))
                    : sql.jsonObject(entries)) + " AS " + family.rawColumn());
        }
        return select;
    }

    /** A staged text column (or text expression) as a value of the kind. */
    private static String typed(ExportColumn.Kind kind, String staged, RawSql sql) {
        return switch (kind) {
            case TEXT -> sql.text(staged);
            case DECIMAL -> sql.decimal(staged);
            case TIMESTAMP -> sql.timestamp(staged);
            case DATE -> sql.date(sql.timestamp(staged));
            case BOOL -> sql.bool(staged);
            case JSON -> sql.json(staged);
            case INTEGER -> sql.integer(staged);
        };
    }

    private long replace(TableRef table, List<String> sliceColumns, SqlText source, Map<String, Object> params,
                         List<BillingFile> files) {
        try {
            return warehouse.replaceSlices(table, sliceColumns, source, params);
        } catch (WarehouseException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                    name(files) + " could not be loaded; nothing was changed: " + e.firstLine(), e);
        }
    }

    private Loaded slices(Target target, TableRef table, long rows) {
        Row range = warehouse.query(SqlText.of("SELECT MIN(" + Lineage.PIPELINE_RUN_DATE + ") AS first_slice, MAX("
                        + Lineage.PIPELINE_RUN_DATE + ") AS last_slice FROM ${ds}." + table.table()
                        + " WHERE x_org_slug = @org AND x_run_id = @run_id").with("ds", target.dataset()),
                Map.of("org", target.orgSlug(), "run_id", target.runId())).getFirst();
        return new Loaded(rows, range.date("first_slice"), range.date("last_slice"));
    }

    private static String name(List<BillingFile> files) {
        return files.size() == 1 ? files.getFirst().displayName() : files.size() + " files (" + files.getFirst().displayName() + ", ...)";
    }
}
