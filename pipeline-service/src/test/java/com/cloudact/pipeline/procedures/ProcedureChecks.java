package com.cloudact.pipeline.procedures;

import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks of procedure files against the catalog, written generically so that they hold for every
 * procedure file present:
 * <ul>
 * <li>both dialect files exist and declare the same parameters in the same order;</li>
 * <li>every {@code @p_x} a file uses is one of its parameters;</li>
 * <li>every table named as {@code ${org}.t} / {@code ${central}.t} (DuckDB) or
 * {@code `{project_id}.%s.t`} / {@code `{project_id}.organizations.t`} (BigQuery) is a catalog table of that
 * kind;</li>
 * <li>every column of an {@code INSERT INTO t (...)} list exists in {@code t};</li>
 * <li>in the BigQuery file, every {@code alias.column} exists in what the alias stands for: a catalog table, or a
 * sub-query / CTE (its tables' columns plus the names it defines with {@code AS}); aliases of {@code UNNEST} are
 * struct elements and not checked.</li>
 * </ul>
 */
final class ProcedureChecks {

    private static final Pattern DUCKDB_TABLE = Pattern.compile("\\$\\{(org|central)}\\.([A-Za-z_]\\w*)");
    private static final Pattern BIGQUERY_TABLE = Pattern.compile("`\\{project_id}\\.(%s|organizations)\\.([A-Za-z_]\\w*)`");
    private static final Pattern PARAMETER_USE = Pattern.compile("(?<!@)@(p_[a-z0-9_]+)");
    private static final Pattern INSERT = Pattern.compile("INSERT\\s+INTO\\s+(\\S+)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS_REF = Pattern.compile("(?<![\\w.@`%])([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)\\b(?!\\s*\\()");
    private static final Pattern AS_NAME = Pattern.compile("\\bAS\\s+([A-Za-z_]\\w*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNNEST_ALIAS = Pattern.compile("UNNEST\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern CTE = Pattern.compile("(?:\\bWITH|,)\\s*([A-Za-z_]\\w*)\\s+AS\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Set<String> KEYWORDS = Set.of("ON", "WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL",
            "CROSS", "GROUP", "ORDER", "UNION", "USING", "WINDOW", "QUALIFY", "LIMIT", "HAVING", "SET", "AND", "OR",
            "AS", "SELECT", "FROM", "WHEN", "THEN", "ELSE", "END");

    private final TableCatalog catalog;

    ProcedureChecks(TableCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every problem of one procedure, given both its files' text (null when a file is missing). */
    List<String> check(String procedure, String duckdb, String bigquery) {
        List<String> problems = new ArrayList<>();
        if (duckdb == null || bigquery == null) {
            problems.add(procedure + ": the " + (duckdb == null ? "duckdb" : "bigquery") + " file is missing");
            return problems;
        }
        Optional<ProcedureContract> duck = contract(problems, () -> ProcedureContract.ofDuckDb(procedure, duckdb));
        Optional<ProcedureContract> big = contract(problems, () -> ProcedureContract.ofBigQuery(procedure, bigquery));
        if (duck.isPresent() && big.isPresent() && !duck.get().names().equals(big.get().names())) {
            problems.add(procedure + ": the parameter contracts differ: duckdb " + duck.get().names() + ", bigquery "
                    + big.get().names());
        }
        duck.ifPresent(c -> parametersUsed(problems, procedure + " (duckdb)", body(duckdb), c.names()));
        big.ifPresent(c -> {
            List<String> names = new ArrayList<>(c.names());
            names.add(ProcedureContract.DATASET_PARAMETER);
            parametersUsed(problems, procedure + " (bigquery)", stripComments(bigquery), names);
        });
        String duckSql = stripStrings(stripComments(duckdb));
        String bigSql = stripStrings(stripComments(bigquery));
        tables(problems, procedure + " (duckdb)", duckSql, DUCKDB_TABLE, "org");
        tables(problems, procedure + " (bigquery)", bigSql, BIGQUERY_TABLE, "%s");
        insertColumns(problems, procedure + " (duckdb)", duckSql, DUCKDB_TABLE, "org");
        insertColumns(problems, procedure + " (bigquery)", bigSql, BIGQUERY_TABLE, "%s");
        aliasColumns(problems, procedure + " (bigquery)", bigSql);
        return problems;
    }

    List<String> check(String procedure) {
        return check(procedure, read(Dialect.DUCKDB, procedure), read(Dialect.BIGQUERY, procedure));
    }

    private static String read(Dialect dialect, String procedure) {
        return ProcedureLibrary.names(dialect).contains(procedure) ? ProcedureLibrary.source(dialect, procedure) : null;
    }

    private static Optional<ProcedureContract> contract(List<String> problems,
                                                        java.util.function.Supplier<ProcedureContract> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private static void parametersUsed(List<String> problems, String where, String sql, List<String> declared) {
        Matcher m = PARAMETER_USE.matcher(sql);
        Set<String> unknown = new LinkedHashSet<>();
        while (m.find()) {
            if (!declared.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        unknown.forEach(p -> problems.add(where + ": uses @" + p + ", which is not a declared parameter"));
    }

    private void tables(List<String> problems, String where, String sql, Pattern pattern, String orgMarker) {
        Matcher m = pattern.matcher(sql);
        while (m.find()) {
            DatasetKind kind = m.group(1).equals(orgMarker) ? DatasetKind.ORG : DatasetKind.CENTRAL;
            Optional<TableSpec> table = catalog.find(m.group(2));
            if (table.isEmpty() || table.get().kind() != kind) {
                problems.add(where + ": " + m.group() + " is not a " + kind.name().toLowerCase(Locale.ROOT)
                        + " table of the catalog");
            }
        }
    }

    private void insertColumns(List<String> problems, String where, String sql, Pattern tablePattern, String orgMarker) {
        Matcher m = INSERT.matcher(sql);
        while (m.find()) {
            Matcher table = tablePattern.matcher(m.group(1));
            if (!table.find()) {
                problems.add(where + ": INSERT INTO " + m.group(1) + " does not name a catalog table");
                continue;
            }
            Optional<TableSpec> spec = catalog.find(table.group(2));
            if (spec.isEmpty()) {
                continue;
            }
            int open = m.end() - 1;
            String list = sql.substring(open + 1, closing(sql, open));
            for (String column : list.split(",")) {
                String name = column.strip();
                if (!name.isEmpty() && !has(spec.get(), name)) {
                    problems.add(where + ": INSERT INTO " + spec.get().name() + " names column " + name
                            + ", which the catalog does not have");
                }
            }
        }
    }

    private void aliasColumns(List<String> problems, String where, String sql) {
        Map<String, Set<String>> aliases = new HashMap<>();
        Set<String> opaque = new LinkedHashSet<>();
        Matcher table = BIGQUERY_TABLE.matcher(sql);
        while (table.find()) {
            Optional<String> alias = aliasAfter(sql, table.end());
            catalog.find(table.group(2)).ifPresent(spec -> alias.ifPresent(a -> aliases.put(a, columns(spec))));
        }
        Map<String, Set<String>> ctes = new LinkedHashMap<>();
        Matcher cte = CTE.matcher(sql);
        while (cte.find()) {
            int open = cte.end() - 1;
            String body = sql.substring(open, closing(sql, open) + 1);
            Set<String> columns = blockColumns(body);
            // A CTE reading an earlier one offers that one's columns too (SELECT x.* FROM earlier x).
            ctes.forEach((name, earlier) -> {
                if (reads(body, name)) {
                    columns.addAll(earlier);
                }
            });
            ctes.put(cte.group(1), columns);
        }
        aliases.putAll(ctes);
        ctes.forEach((name, columns) -> {
            Matcher use = Pattern.compile("\\b(?:FROM|JOIN)\\s+" + name + "\\b", Pattern.CASE_INSENSITIVE).matcher(sql);
            while (use.find()) {
                aliasAfter(sql, use.end()).ifPresent(alias -> aliases.put(alias, columns));
            }
        });
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) != '(') {
                continue;
            }
            int close = closing(sql, i);
            if (close < 0) {
                break;
            }
            String block = sql.substring(i + 1, close);
            boolean unnest = UNNEST_ALIAS.matcher(sql.substring(Math.max(0, i - 8), i + 1)).find();
            Optional<String> alias = aliasAfter(sql, close + 1);
            if (alias.isEmpty()) {
                continue;
            }
            if (unnest) {
                opaque.add(alias.get());
            } else if (block.strip().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                aliases.put(alias.get(), blockColumns(block));
            }
        }
        Matcher ref = ALIAS_REF.matcher(sql);
        Set<String> reported = new LinkedHashSet<>();
        while (ref.find()) {
            String alias = ref.group(1);
            String column = ref.group(2);
            if (opaque.contains(alias) || column.equals("*") || alias.equals("organizations")) {
                continue;
            }
            Set<String> known = aliases.get(alias);
            if (known == null) {
                if (reported.add(alias + ".")) {
                    problems.add(where + ": cannot tell what the alias " + alias + " (in " + ref.group()
                            + ") stands for");
                }
            } else if (!known.contains(column.toLowerCase(Locale.ROOT)) && reported.add(ref.group())) {
                problems.add(where + ": " + ref.group() + " names a column that " + alias + " does not have");
            }
        }
    }

    private static boolean reads(String block, String name) {
        return Pattern.compile("\\b(?:FROM|JOIN)\\s+" + name + "\\b", Pattern.CASE_INSENSITIVE).matcher(block).find();
    }

    /** Columns a sub-query offers: those of the catalog tables it reads, and the names it defines. */
    private Set<String> blockColumns(String block) {
        Set<String> columns = new LinkedHashSet<>();
        Matcher table = BIGQUERY_TABLE.matcher(block);
        while (table.find()) {
            catalog.find(table.group(2)).ifPresent(spec -> columns.addAll(columns(spec)));
        }
        Matcher as = AS_NAME.matcher(block);
        while (as.find()) {
            columns.add(as.group(1).toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    private static Optional<String> aliasAfter(String sql, int position) {
        Matcher m = Pattern.compile("\\G\\s*(?:AS\\s+)?([A-Za-z_]\\w*)", Pattern.CASE_INSENSITIVE).matcher(sql);
        m.region(position, sql.length());
        if (m.find() && !KEYWORDS.contains(m.group(1).toUpperCase(Locale.ROOT))) {
            return Optional.of(m.group(1));
        }
        return Optional.empty();
    }

    private static Set<String> columns(TableSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        spec.columnNames().forEach(c -> names.add(c.toLowerCase(Locale.ROOT)));
        return names;
    }

    private static boolean has(TableSpec spec, String column) {
        return spec.columnNames().stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    private static int closing(String sql, int open) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The SQL without its leading header comment (where the parameters are declared). */
    private static String body(String sql) {
        return stripComments(sql);
    }

    static String stripComments(String sql) {
        return sql.replaceAll("(?m)--.*$", "");
    }

    /** Single-quoted literals (also raw r'...') become empty, so their text is not read as SQL. */
    static String stripStrings(String sql) {
        return sql.replaceAll("'(?:[^'\\\\]|\\\\.|'')*'", "''");
    }
}
