package com.cloudact.pipeline.extract.gcp;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.util.regex.Pattern;

/**
 * The customer's billing export table, {@code project.dataset.table} as the integration's metadata
 * {@code billing_export_table} names it. BigQuery cannot take a table name as a query parameter, so each part is
 * checked against BigQuery's naming rules (a narrower set: letters, digits, {@code _} and {@code -}, and a final
 * {@code *} of a wildcard table) before the name goes, quoted, into a statement; a name that is anything else (a
 * partition decorator {@code $...} included) is refused and never sent.
 */
public record ExportTable(String project, String dataset, String table) {

    /** A project id, optionally domain-scoped ({@code example.com:my-project}). */
    private static final Pattern PROJECT = Pattern.compile("([a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    /** A table, or a wildcard table ({@code gcp_billing_export_v1_*}) whose {@code *} ends the name. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_-]{1,1024}\\*?");

    public static ExportTable parse(Object metadataValue) {
        String name = metadataValue == null ? "" : String.valueOf(metadataValue).strip();
        int tableDot = name.lastIndexOf('.');
        int datasetDot = tableDot < 0 ? -1 : name.lastIndexOf('.', tableDot - 1);
        if (datasetDot <= 0) {
            throw refused(name);
        }
        ExportTable table = new ExportTable(name.substring(0, datasetDot), name.substring(datasetDot + 1, tableDot),
                name.substring(tableDot + 1));
        if (!PROJECT.matcher(table.project).matches() || !DATASET.matcher(table.dataset).matches()
                || !TABLE.matcher(table.table).matches()) {
            throw refused(name);
        }
        return table;
    }

    /** The table as a quoted BigQuery identifier. */
    public String sql() {
        return "`" + project + "." + dataset + "." + table + "`";
    }

    @Override
    public String toString() {
        return project + "." + dataset + "." + table;
    }

    private static CloudActException refused(String name) {
        return new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The GCP integration's metadata."
                + "billing_export_table (or detailed_export_table) must name the billing export table as"
                + " project.dataset.table (letters, digits, _ and -), e.g."
                + " my-project.billing.gcp_billing_export_v1_0123AB_4567CD_89EF01"
                + (name.isEmpty() ? "" : "; it is \"" + (name.length() > 120 ? name.substring(0, 120) + "..." : name) + "\""));
    }
}
