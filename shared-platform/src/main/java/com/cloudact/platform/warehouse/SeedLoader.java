package com.cloudact.platform.warehouse;

import com.cloudact.model.CsvLine;
import com.cloudact.model.DatasetName;
import com.cloudact.model.catalog.TableSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a reference table from its seed CSV (first line: column names) in one transaction, so readers see
 * either the old rows or the new ones.
 */
public final class SeedLoader {

    private SeedLoader() {
    }

    /** @return the number of rows the table now holds */
    public static int load(Warehouse warehouse, DatasetName dataset, TableSpec table) {
        String seed = table.seed().orElseThrow(() -> new IllegalArgumentException(table.name() + " has no seed"));
        List<List<String>> rows = read(seed);
        List<String> header = rows.removeFirst();
        for (String column : header) {
            if (!table.hasColumn(column)) {
                throw new IllegalStateException(seed + ": column " + column + " is not in table " + table.name());
            }
        }
        Map<String, Object> params = new HashMap<>();
        List<String> tuples = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new IllegalStateException(seed + ": line " + (r + 2) + " has " + row.size() + " fields");
            }
            List<String> markers = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String name = "v" + r + "_" + c;
                params.put(name, row.get(c));
                markers.add("@" + name);
            }
            tuples.add("(" + String.join(", ", markers) + ")");
        }
        String target = "${ds}." + table.name();
        StringBuilder script = new StringBuilder("DELETE FROM " + target + " WHERE TRUE;\n");
        if (!tuples.isEmpty()) {
            script.append("INSERT INTO ").append(target).append(" (").append(String.join(", ", header))
                    .append(") VALUES\n").append(String.join(",\n", tuples)).append(";");
        }
        warehouse.executeScript(SqlText.of(script.toString()).with("ds", dataset), params);
        return rows.size();
    }

    /** A CSV resource on the classpath as records, blank lines skipped (the first record is the header). */
    public static List<List<String>> read(String resource) {
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Seed file missing: " + resource);
            }
            List<List<String>> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(CsvLine.parse(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
