package com.cloudact.model;

import java.util.List;

/** Names of the lineage columns every pipeline-written per-org table carries (catalog fragment {@code lineage}). */
public final class Lineage {

    public static final String ORG_SLUG = "x_org_slug";
    public static final String PIPELINE_ID = "x_pipeline_id";
    public static final String CREDENTIAL_ID = "x_credential_id";
    public static final String PIPELINE_RUN_DATE = "x_pipeline_run_date";
    public static final String RUN_ID = "x_run_id";
    public static final String INGESTED_AT = "x_ingested_at";
    public static final String INGESTION_DATE = "x_ingestion_date";
    public static final String SOURCE_SYSTEM = "x_source_system";

    /** The idempotency key: a re-run replaces exactly the rows with these four values. */
    public static final List<String> SLICE_KEY = List.of(ORG_SLUG, PIPELINE_ID, CREDENTIAL_ID, PIPELINE_RUN_DATE);

    private Lineage() {
    }
}
