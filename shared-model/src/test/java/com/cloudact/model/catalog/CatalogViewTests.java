package com.cloudact.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.OrgSlug;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-org views of the catalog and the loader's checks of their SQL. */
class CatalogViewTests {

    /** Words of the views' SQL that are neither columns nor aliases. */
    private static final Set<String> SQL_WORDS = Set.of("select", "from", "where", "and", "as", "inner", "join",
            "on", "is", "null", "group", "by", "cast", "date", "count", "central");

    private final TableCatalog catalog = TableCatalog.load();

    @Test
    void theFourOrgViewsAreMaterializedAndRefreshedEveryFifteenMinutes() {
        assertThat(catalog.views()).extracting(ViewSpec::name).containsExactly("x_pipeline_exec_logs",
                "x_all_notifications", "x_notification_stats", "x_org_hierarchy");
        assertThat(catalog.views()).allSatisfy(view -> {
            assertThat(view.materialized()).as(view.name()).isTrue();
            assertThat(view.refreshMinutes()).as(view.name()).isEqualTo(15);
            assertThat(view.maxStalenessHours()).as(view.name()).isEqualTo(1);
            assertThat(view.description()).as(view.name()).isNotBlank();
            assertThat(view.sql()).as(view.name()).startsWith("SELECT").contains("org_slug = '{org_slug}'");
        });
    }

    @Test
    void viewsReadOnlyCentralTablesOfTheCatalog() {
        assertThat(catalog.views()).allSatisfy(view -> assertThat(view.centralTables()).as(view.name())
                .isNotEmpty()
                .allSatisfy(table -> assertThat(catalog.find(table)).as(view.name() + " reads " + table)
                        .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(DatasetKind.CENTRAL))));
        assertThat(view("x_pipeline_exec_logs").centralTables())
                .containsExactly("org_meta_pipeline_runs", "org_meta_step_logs");
        assertThat(view("x_all_notifications").centralTables()).containsExactly("org_notification_history");
        assertThat(view("x_notification_stats").centralTables()).containsExactly("org_notification_history");
        assertThat(view("x_org_hierarchy").centralTables()).containsExactly("org_hierarchy");
        assertThat(view("x_org_hierarchy").sql()).contains("end_date IS NULL");
    }

    @Test
    void viewsNameOnlyColumnsOfTheTablesTheyRead() {
        for (ViewSpec view : catalog.views()) {
            Set<String> columns = new HashSet<>();
            view.centralTables().forEach(t -> catalog.table(t).columnNames()
                    .forEach(c -> columns.add(c.toLowerCase(Locale.ROOT))));
            String sql = view.sql().replaceAll("'[^']*'", "").replaceAll("\\$\\{central}\\.\\w+", "");
            Set<String> aliases = new HashSet<>();
            Matcher as = Pattern.compile("(?i)\\bAS\\s+(\\w+)").matcher(sql);
            while (as.find()) {
                aliases.add(as.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher word = Pattern.compile("\\b([A-Za-z_]\\w*)\\b").matcher(sql);
            while (word.find()) {
                String w = word.group(1).toLowerCase(Locale.ROOT);
                if (!SQL_WORDS.contains(w) && !aliases.contains(w)) {
                    assertThat(columns).as(view.name() + " names " + w).contains(w);
                }
            }
        }
    }

    @Test
    void viewsAvoidWhatBigQueryMaterializedViewsRejectOrDuckDbLacks() {
        for (ViewSpec view : catalog.views()) {
            String sql = view.sql().toUpperCase(Locale.ROOT);
            assertThat(sql).as(view.name()).doesNotContain(" OVER", "LEFT ", "RIGHT ", "FULL ", "OUTER ",
                    "ORDER BY", "LIMIT", "CURRENT_", "SAFE_", "UNNEST", ";");
            assertThat(sql.split("\\bSELECT\\b", -1)).as(view.name() + " is one SELECT").hasSize(2);
        }
    }

    @Test
    void theOrgPlaceholderIsFilledWithTheValidatedSlugAndTheDatasetHoleIsKept() {
        String sql = view("x_org_hierarchy").sql(OrgSlug.of("Acme_Corp"));
        assertThat(sql).contains("org_slug = 'acme_corp'").contains("${central}.org_hierarchy")
                .doesNotContain("{org_slug}");
    }

    @Test
    void aViewReadingATableThatIsNotCentralIsRejected(@TempDir Path root) throws IOException {
        writeCatalog(root, "SELECT a FROM ${central}.o WHERE org_slug = '{org_slug}'");
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("${central}.o");
        writeCatalog(root, "SELECT a FROM ${central}.missing WHERE org_slug = '{org_slug}'");
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void aViewWithoutTheOrgFilterIsRejected(@TempDir Path root) throws IOException {
        writeCatalog(root, "SELECT a FROM ${central}.c");
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{org_slug}");
    }

    @Test
    void aViewWithAnotherPlaceholderIsRejected(@TempDir Path root) throws IOException {
        writeCatalog(root, "SELECT a FROM ${central}.c WHERE org_slug = '{org_slug}' AND a = '{project_id}'");
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{project_id}");
        writeCatalog(root, "SELECT a FROM ${central}.c JOIN ${org}.o ON 1 = 1 WHERE org_slug = '{org_slug}'");
        assertThatThrownBy(() -> load(root)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("${org}");
    }

    @Test
    void aValidViewLoadsAndACatalogWithoutViewsHasNone(@TempDir Path root) throws IOException {
        writeCatalog(root, "SELECT a FROM ${central}.c WHERE org_slug = '{org_slug}'");
        assertThat(load(root).views()).singleElement().satisfies(view -> {
            assertThat(view.name()).isEqualTo("v");
            assertThat(view.refreshMinutes()).isEqualTo(15);
            assertThat(view.centralTables()).containsExactly("c");
        });
        write(root, "catalog/catalog.yml", "central: [c]\norg: [o]\n");
        assertThat(load(root).views()).isEmpty();
    }

    private ViewSpec view(String name) {
        return catalog.views().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static void writeCatalog(Path root, String sql) throws IOException {
        write(root, "catalog/catalog.yml", "central: [c]\norg: [o]\nviews: [v]\n");
        write(root, "catalog/central/c.yml", "table: c\ncolumns:\n  - {name: a, type: STRING}\n"
                + "  - {name: org_slug, type: STRING}\n");
        write(root, "catalog/org/o.yml", "table: o\ncolumns:\n  - {name: a, type: STRING}\n");
        write(root, "catalog/views/v.yml", String.join("\n", List.of("view: v", "description: test view",
                "materialized: true", "refresh_minutes: 15", "max_staleness_hours: 1", "sql: |", "  " + sql, "")));
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static TableCatalog load(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return TableCatalog.load(loader);
        }
    }
}
