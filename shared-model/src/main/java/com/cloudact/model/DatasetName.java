package com.cloudact.model;

import java.util.regex.Pattern;

/**
 * A warehouse dataset (a BigQuery dataset, a DuckDB schema). Only the central dataset and per-org datasets built
 * from a validated {@link OrgSlug} exist, so a dataset name is always safe to place in SQL as an identifier.
 */
public record DatasetName(String value) {

    private static final Pattern SAFE = Pattern.compile("^[a-z0-9_]{1,100}$");
    public static final DatasetName CENTRAL = new DatasetName("organizations");

    public DatasetName {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("Unsafe dataset name: " + value);
        }
    }

    public static DatasetName forOrg(OrgSlug org, DeploymentEnv env) {
        return new DatasetName(org.value() + "_" + env.suffix());
    }

    @Override
    public String toString() {
        return value;
    }
}
