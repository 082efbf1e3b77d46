package com.cloudact.platform.warehouse;

import com.cloudact.model.catalog.ColumnSpec;
import com.cloudact.model.catalog.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** How a dataset in the warehouse differs from what the catalog expects of it. */
public record DatasetDrift(List<String> tablesExisting, List<String> tablesMissing, List<String> tablesExtra,
                           Map<String, ColumnDrift> schemaDiffs) {

    public record ColumnDrift(List<String> missingColumns, List<String> extraColumns) {
    }

    public static DatasetDrift between(List<TableSpec> expected, Map<String, Set<String>> actual) {
        List<String> existing = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, ColumnDrift> diffs = new LinkedHashMap<>();
        Set<String> extra = new TreeSet<>(actual.keySet());
        for (TableSpec table : expected) {
            extra.remove(table.name());
            Set<String> columns = actual.get(table.name());
            if (columns == null) {
                missing.add(table.name());
                continue;
            }
            existing.add(table.name());
            Set<String> expectedColumns = new TreeSet<>();
            List<String> missingColumns = new ArrayList<>();
            for (ColumnSpec column : table.columns()) {
                String name = column.name().toLowerCase(Locale.ROOT);
                expectedColumns.add(name);
                if (!columns.contains(name)) {
                    missingColumns.add(column.name());
                }
            }
            List<String> extraColumns = columns.stream().filter(c -> !expectedColumns.contains(c)).sorted().toList();
            if (!missingColumns.isEmpty() || !extraColumns.isEmpty()) {
                diffs.put(table.name(), new ColumnDrift(missingColumns, extraColumns));
            }
        }
        return new DatasetDrift(existing, missing, List.copyOf(extra), diffs);
    }

    /** In sync: every expected table exists with every expected column. Extra tables or columns are harmless. */
    public boolean inSync() {
        return tablesMissing.isEmpty() && schemaDiffs.values().stream().allMatch(d -> d.missingColumns().isEmpty());
    }
}
