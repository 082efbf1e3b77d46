package com.cloudact.pipeline.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One provider's billing export format and the raw table it lands in. The {@link BillingFileLoader} maps a file's
 * headers to {@link #columns()} by name, then adds {@link #derived} values and the lineage columns.
 */
public interface BillingExport {

    /** What the file is, for error messages: "an AWS Cost and Usage Report". */
    String description();

    String rawTable();

    List<ExportColumn> columns();

    /** Families of columns gathered into one JSON object column, e.g. CUR's {@code resourceTags/*}. */
    default List<PrefixedJson> prefixedJson() {
        return List.of();
    }

    /**
     * Extra raw columns computed from the mapped ones, as {@code expression AS column} over the raw column names
     * (e.g. {@code usage_date}, {@code x_cloud_provider}, {@code x_cloud_account_id}).
     */
    List<String> derived(RawSql sql);

    /** The raw column naming the account, for the {@code upload_<account>} credential of uploaded files. */
    String accountColumn();

    /** The date of the slice a row belongs to ({@code x_pipeline_run_date}): what one export restates as a whole. */
    String sliceDate(RawSql sql);

    /** The day of usage ({@code x_ingestion_date}). */
    String usageDate(RawSql sql);

    /**
     * The file as the loader should stage it. A format whose cells need more than SQL to read (GCP's repeated
     * records, written as JSON or as Python literals) writes a rewritten copy into {@code scratch}, keeping the
     * file's display name; by default the file is staged as it came.
     */
    default BillingFile prepare(BillingFile file, Path scratch) throws IOException {
        return file;
    }

    /**
     * Headers starting with {@code prefix} (case-blind) become keys of a JSON object in {@code rawColumn}; the key is
     * the rest of the header.
     */
    record PrefixedJson(String rawColumn, String prefix) {
    }
}
