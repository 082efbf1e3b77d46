package com.cloudact.model.catalog;

import com.cloudact.model.OrgSlug;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-org view as the catalog defines it ({@code catalog/views/<name>.yml}), created in every org dataset.
 * {@code sql} is one SELECT that DuckDB and BigQuery both accept; it reads central tables as
 * {@code ${central}.<table>} (a dataset hole of {@code SqlText}) and filters to the org with
 * {@code org_slug = '{org_slug}'}, the only other placeholder, which {@link #sql(OrgSlug)} fills.
 */
public record ViewSpec(String name, String description, String sql, boolean materialized, int refreshMinutes,
                       int maxStalenessHours) {

    /** The org placeholder, quotes included: it is replaced by a validated slug in quotes. */
    public static final String ORG_SLUG_PLACEHOLDER = "'{org_slug}'";

    private static final Pattern CENTRAL_TABLE = Pattern.compile("\\$\\{central}\\.(\\w+)");

    public ViewSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        if (!TableSpec.IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("View name is not a plain identifier: " + name);
        }
        if (refreshMinutes < 0 || maxStalenessHours < 0) {
            throw new IllegalArgumentException("View " + name + ": refresh and staleness must not be negative");
        }
        description = description == null ? "" : description;
        sql = sql.strip();
    }

    /** The SQL for one org: the org placeholder replaced, {@code ${central}} left for the warehouse to fill. */
    public String sql(OrgSlug org) {
        return sql.replace(ORG_SLUG_PLACEHOLDER, "'" + org.value() + "'");
    }

    /** The central tables the SQL reads ({@code ${central}.<table>}), in alphabetical order. */
    public Set<String> centralTables() {
        Set<String> names = new TreeSet<>();
        Matcher m = CENTRAL_TABLE.matcher(sql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
