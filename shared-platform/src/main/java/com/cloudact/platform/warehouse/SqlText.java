package com.cloudact.platform.warehouse;

import com.cloudact.model.DatasetName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL with two kinds of holes. {@code ${name}} is a dataset, filled by the warehouse with its own quoting
 * ({@code "acme_local"} in DuckDB, {@code `project.acme_prod`} in BigQuery) from a validated {@link DatasetName};
 * {@code @name} is a value, always bound as a query parameter. Nothing else is ever pasted into SQL.
 */
public record SqlText(String template, Map<String, DatasetName> datasets) {

    private static final Pattern DATASET_HOLE = Pattern.compile("\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)}");

    public SqlText {
        datasets = Map.copyOf(datasets);
    }

    public static SqlText of(String template) {
        return new SqlText(template, Map.of());
    }

    /** Reads SQL kept beside a class, e.g. {@code SqlText.resource(getClass(), "summary.sql")}. */
    public static SqlText resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource not found next to " + anchor.getName() + ": " + name);
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SqlText with(String name, DatasetName dataset) {
        Map<String, DatasetName> all = new LinkedHashMap<>(datasets);
        all.put(name, dataset);
        return new SqlText(template, all);
    }

    /** The template with every dataset hole replaced by {@code quote.apply(dataset)}. */
    public String render(java.util.function.Function<DatasetName, String> quote) {
        Matcher m = DATASET_HOLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            DatasetName dataset = datasets.get(m.group(1));
            if (dataset == null) {
                throw new IllegalArgumentException("SQL names dataset ${" + m.group(1) + "} but none was given");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(quote.apply(dataset)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
