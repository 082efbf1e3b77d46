package com.cloudact.pipeline.extract;

import com.cloudact.model.Lineage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

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
     * The columns whose values a load replaces as a whole: the lineage slice key. An export made of many files that
     * never restate each other's lines adds {@code x_source_file}, so that loading a file replaces only the lines
     * that same file brought before.
     */
    default List<String> sliceColumns() {
        return Lineage.SLICE_KEY;
    }

    /**
     * Headers starting with {@code prefix} (case-blind) become keys of a JSON object in {@code rawColumn}; the key is
     * the rest of the header. Only keys that {@code keys} accepts are gathered (all of them, unless told otherwise).
     * A file without such headers may hold the object whole in column {@code jsonHeader}.
     */
    record PrefixedJson(String rawColumn, String prefix, String jsonHeader, Predicate<String> keys) {

        public PrefixedJson(String rawColumn, String prefix) {
            this(rawColumn, prefix, null, key -> true);
        }

        public PrefixedJson(String rawColumn, String prefix, String jsonHeader) {
            this(rawColumn, prefix, jsonHeader, key -> true);
        }

        public PrefixedJson(String rawColumn, String prefix, Predicate<String> keys) {
            this(rawColumn, prefix, null, keys);
        }
    }
}
