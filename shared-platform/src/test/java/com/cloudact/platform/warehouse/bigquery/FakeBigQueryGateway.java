package com.cloudact.platform.warehouse.bigquery;

import com.cloudact.platform.warehouse.WarehouseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for BigQuery at the SDK edge: it records every call, answers INFORMATION_SCHEMA queries from the
 * tables it was told about, and otherwise answers with whatever {@link #answer} gives.
 */
final class FakeBigQueryGateway implements BigQueryGateway {

    private static final Pattern COLUMNS_QUERY = Pattern.compile("FROM `([^`]+)\\.([^`.]+)`\\.INFORMATION_SCHEMA\\.COLUMNS");

    record Call(String sql, Map<String, ?> params) {
    }

    record Load(String dataset, String table, Path file, boolean parquet, boolean gzip, List<String> columns) {
    }

    final Set<String> datasets = new HashSet<>();
    final Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
    final List<String> createdDatasets = new ArrayList<>();
    final List<String> deletedDatasets = new ArrayList<>();
    final List<String> deletedTables = new ArrayList<>();
    final List<Call> queries = new ArrayList<>();
    final List<Call> dryRuns = new ArrayList<>();
    final List<Load> loads = new ArrayList<>();
    Function<String, QueryOutcome> answer = sql -> new QueryOutcome(List.of(), 0);
    List<String> dryRunColumns = List.of();
    String failWhenSqlContains;

    void table(String dataset, String table, String... columns) {
        datasets.add(dataset);
        tables.computeIfAbsent(dataset, d -> new LinkedHashMap<>()).put(table, List.of(columns));
    }

    /** The statements sent, without the INFORMATION_SCHEMA lookups. */
    List<String> statements() {
        return queries.stream().map(Call::sql).filter(sql -> !COLUMNS_QUERY.matcher(sql).find()).toList();
    }

    @Override
    public boolean datasetExists(String dataset) {
        return datasets.contains(dataset);
    }

    @Override
    public void createDataset(String dataset, String location) {
        createdDatasets.add(dataset + "@" + location);
        datasets.add(dataset);
    }

    @Override
    public void deleteDataset(String dataset) {
        deletedDatasets.add(dataset);
        datasets.remove(dataset);
        tables.remove(dataset);
    }

    @Override
    public void deleteTable(String dataset, String table) {
        deletedTables.add(dataset + "." + table);
    }

    @Override
    public QueryOutcome query(String sql, Map<String, ?> params) {
        queries.add(new Call(sql, params));
        if (failWhenSqlContains != null && sql.contains(failWhenSqlContains)) {
            throw new WarehouseException("Invalid table definition\nsecond line of detail", null);
        }
        Matcher m = COLUMNS_QUERY.matcher(sql);
        if (m.find()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            tables.getOrDefault(m.group(2), Map.of()).forEach((table, columns) ->
                    columns.forEach(column -> rows.add(Map.of("table_name", table, "column_name", column))));
            return new QueryOutcome(rows, 0);
        }
        return answer.apply(sql);
    }

    @Override
    public List<String> dryRunColumns(String sql, Map<String, ?> params) {
        dryRuns.add(new Call(sql, params));
        return dryRunColumns;
    }

    @Override
    public void loadFile(String dataset, String table, Path file, boolean parquet, boolean gzip,
                         List<String> columnNames) {
        loads.add(new Load(dataset, table, file, parquet, gzip, columnNames));
    }

    @Override
    public List<String> columnNames(String dataset, String table) {
        return loads.stream().filter(l -> l.dataset().equals(dataset) && l.table().equals(table))
                .map(Load::columns).findFirst().orElse(List.of());
    }
}
