package com.cloudact.model.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The table catalog: every warehouse table CloudAct owns, defined once as data under {@code catalog/} on the
 * classpath. {@code catalog/catalog.yml} lists the tables per dataset kind; each table has its own file
 * ({@code catalog/central/<table>.yml} or {@code catalog/org/<table>.yml}); shared column blocks such as the
 * lineage fields live in {@code catalog/fragments/<name>.yml} and are pulled in with {@code include}. The optional
 * {@code views} list names per-org views over central tables, one file each ({@code catalog/views/<view>.yml}).
 */
public final class TableCatalog {

    private static final String ROOT = "catalog/";
    private static final Pattern ANY_DATASET_HOLE = Pattern.compile("\\$\\{(\\w*)}");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("(?<!\\$)\\{\\w*}");

    private final Map<String, TableSpec> tables;
    private final List<ViewSpec> views;

    private TableCatalog(Map<String, TableSpec> tables, List<ViewSpec> views) {
        this.tables = tables;
        this.views = List.copyOf(views);
    }

    /** Loads the catalog shipped in shared-model. */
    public static TableCatalog load() {
        return load(TableCatalog.class.getClassLoader());
    }

    public static TableCatalog load(ClassLoader classLoader) {
        Map<String, Object> index = readYaml(classLoader, ROOT + "catalog.yml");
        Map<String, TableSpec> tables = new LinkedHashMap<>();
        for (DatasetKind kind : DatasetKind.values()) {
            for (String tableName : strings(index.get(kind.name().toLowerCase(Locale.ROOT)))) {
                String path = ROOT + kind.name().toLowerCase(Locale.ROOT) + "/" + tableName + ".yml";
                TableSpec table = parseTable(classLoader, path, kind);
                if (!table.name().equals(tableName)) {
                    throw new IllegalStateException(path + " defines table '" + table.name() + "'");
                }
                if (tables.putIfAbsent(tableName, table) != null) {
                    throw new IllegalStateException("Table listed twice in the catalog: " + tableName);
                }
            }
        }
        List<ViewSpec> views = new ArrayList<>();
        Set<String> viewNames = new HashSet<>();
        for (String viewName : strings(index.get("views"))) {
            String path = ROOT + "views/" + viewName + ".yml";
            ViewSpec view = parseView(classLoader, path, tables);
            if (!view.name().equals(viewName)) {
                throw new IllegalStateException(path + " defines view '" + view.name() + "'");
            }
            if (!viewNames.add(viewName) || tables.containsKey(viewName)) {
                throw new IllegalStateException("View listed twice or named like a table: " + viewName);
            }
            views.add(view);
        }
        return new TableCatalog(tables, views);
    }

    /** The per-org views, in catalog order. */
    public List<ViewSpec> views() {
        return views;
    }

    public List<TableSpec> tables(DatasetKind kind) {
        return tables.values().stream().filter(t -> t.kind() == kind).toList();
    }

    public Optional<TableSpec> find(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public TableSpec table(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("No table '" + name + "' in the catalog"));
    }

    /** The columns of a fragment, for code that needs a column block on its own (e.g. the lineage fields). */
    public static List<ColumnSpec> fragment(String name) {
        return fragment(TableCatalog.class.getClassLoader(), name);
    }

    private static List<ColumnSpec> fragment(ClassLoader classLoader, String name) {
        String path = ROOT + "fragments/" + name + ".yml";
        return parseColumns(classLoader, path, readYaml(classLoader, path));
    }

    private static TableSpec parseTable(ClassLoader classLoader, String path, DatasetKind kind) {
        Map<String, Object> doc = readYaml(classLoader, path);
        String name = (String) doc.get("table");
        List<ColumnSpec> columns = parseColumns(classLoader, path, doc);
        Set<String> seen = new HashSet<>();
        for (ColumnSpec column : columns) {
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(path + ": column '" + column.name() + "' is defined twice");
            }
        }
        Optional<Partitioning> partitioning = Optional.ofNullable(map(doc.get("partition"))).map(p -> new Partitioning(
                (String) p.get("field"),
                Partitioning.Granularity.valueOf(String.valueOf(p.getOrDefault("type", "DAY"))),
                p.get("expiration_days") == null ? null : ((Number) p.get("expiration_days")).intValue()));
        TableSpec table = new TableSpec(name, kind, (String) doc.get("description"), columns, partitioning,
                strings(doc.get("clustering")), strings(doc.get("primary_key")),
                Optional.ofNullable((String) doc.get("seed")).map(seed -> ROOT + "seeds/" + seed));
        partitioning.ifPresent(p -> {
            ColumnType type = table.column(p.field())
                    .orElseThrow(() -> new IllegalStateException(path + ": partition field " + p.field() + " missing"))
                    .type();
            if (type != ColumnType.DATE && type != ColumnType.TIMESTAMP) {
                throw new IllegalStateException(path + ": partition field must be a DATE or TIMESTAMP");
            }
        });
        table.seed().ifPresent(seed -> {
            if (classLoader.getResource(seed) == null) {
                throw new IllegalStateException(path + ": seed file " + seed + " is missing");
            }
        });
        for (String field : concat(table.clustering(), table.primaryKey())) {
            if (!table.hasColumn(field)) {
                throw new IllegalStateException(path + ": clustering/key field " + field + " is not a column");
            }
        }
        return table;
    }

    private static ViewSpec parseView(ClassLoader classLoader, String path, Map<String, TableSpec> tables) {
        Map<String, Object> doc = readYaml(classLoader, path);
        ViewSpec view;
        try {
            view = new ViewSpec((String) doc.get("view"), (String) doc.get("description"), (String) doc.get("sql"),
                    !Boolean.FALSE.equals(doc.get("materialized")), intValue(doc.get("refresh_minutes")),
                    intValue(doc.get("max_staleness_hours")));
        } catch (RuntimeException e) {
            throw new IllegalStateException(path + ": bad view: " + e.getMessage(), e);
        }
        if (!view.sql().contains(ViewSpec.ORG_SLUG_PLACEHOLDER)) {
            throw new IllegalStateException(path + ": the SQL must filter to the org with "
                    + ViewSpec.ORG_SLUG_PLACEHOLDER);
        }
        Matcher holes = ANY_DATASET_HOLE.matcher(view.sql());
        while (holes.find()) {
            if (!holes.group(1).equals("central")) {
                throw new IllegalStateException(path + ": unknown dataset ${" + holes.group(1) + "}; only ${central}");
            }
        }
        Matcher placeholders = ANY_PLACEHOLDER.matcher(view.sql().replace(ViewSpec.ORG_SLUG_PLACEHOLDER, ""));
        if (placeholders.find()) {
            throw new IllegalStateException(path + ": unknown placeholder " + placeholders.group()
                    + "; only " + ViewSpec.ORG_SLUG_PLACEHOLDER);
        }
        Set<String> read = view.centralTables();
        if (read.isEmpty()) {
            throw new IllegalStateException(path + ": the SQL reads no ${central} table");
        }
        for (String table : read) {
            TableSpec spec = tables.get(table);
            if (spec == null || spec.kind() != DatasetKind.CENTRAL) {
                throw new IllegalStateException(path + ": reads ${central}." + table
                        + ", which is not a central table of the catalog");
            }
        }
        return view;
    }

    private static int intValue(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** A {@code columns} list; an item {@code - include: <fragment>} puts the fragment's columns in its place. */
    private static List<ColumnSpec> parseColumns(ClassLoader classLoader, String path, Map<String, Object> doc) {
        List<ColumnSpec> columns = new ArrayList<>();
        Object raw = doc.get("columns");
        if (raw == null) {
            return columns;
        }
        for (Object item : (List<?>) raw) {
            Map<String, Object> c = map(item);
            if (c.containsKey("include")) {
                columns.addAll(fragment(classLoader, String.valueOf(c.get("include"))));
                continue;
            }
            try {
                columns.add(new ColumnSpec((String) c.get("name"), ColumnType.valueOf(String.valueOf(c.get("type"))),
                        Boolean.TRUE.equals(c.get("required")), Boolean.TRUE.equals(c.get("repeated")),
                        (String) c.get("description")));
            } catch (RuntimeException e) {
                throw new IllegalStateException(path + ": bad column " + c + ": " + e.getMessage(), e);
            }
        }
        return columns;
    }

    static Map<String, Object> readYaml(ClassLoader classLoader, String path) {
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Catalog file missing from the classpath: " + path);
            }
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return map(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
