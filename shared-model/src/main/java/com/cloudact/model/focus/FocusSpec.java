package com.cloudact.model.focus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The FOCUS 1.3 Cost and Usage column set with the values FOCUS allows, read from the same data file the table
 * catalog uses for {@code cost_data_standard_1_3}, so the two cannot drift apart.
 */
public final class FocusSpec {

    public static final String VERSION = "1.3";
    private static final String RESOURCE = "catalog/fragments/focus_1_3.yml";
    private static final FocusSpec INSTANCE = read();

    private final List<FocusColumn> columns;
    private final Map<String, Set<String>> subcategories;

    private FocusSpec(List<FocusColumn> columns, Map<String, Set<String>> subcategories) {
        this.columns = columns;
        this.subcategories = subcategories;
    }

    public static FocusSpec get() {
        return INSTANCE;
    }

    public List<FocusColumn> columns() {
        return columns;
    }

    public Optional<FocusColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Columns whose values FOCUS restricts to a fixed list. */
    public List<FocusColumn> enumeratedColumns() {
        return columns.stream().filter(c -> !c.allowedValues().isEmpty()).toList();
    }

    /** Whether {@code subcategory} is allowed under {@code category}, including {@code Other (<Category>)}. */
    public boolean isAllowedSubcategory(String category, String subcategory) {
        Set<String> allowed = subcategories.get(category);
        return allowed != null && (allowed.contains(subcategory) || subcategory.equals(otherSubcategory(category)));
    }

    public Map<String, Set<String>> subcategories() {
        return subcategories;
    }

    public static String otherSubcategory(String category) {
        return "Other".equals(category) ? "Other" : "Other (" + category + ")";
    }

    @SuppressWarnings("unchecked")
    private static FocusSpec read() {
        try (InputStream in = FocusSpec.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<FocusColumn> columns = ((List<Map<String, Object>>) doc.get("columns")).stream()
                    .map(c -> new FocusColumn((String) c.get("name"), String.valueOf(c.get("type")),
                            FocusColumn.Level.valueOf(String.valueOf(c.get("level"))),
                            Boolean.TRUE.equals(c.get("required")),
                            c.get("allowed") == null ? Set.of()
                                    : Set.copyOf(((List<Object>) c.get("allowed")).stream().map(String::valueOf).toList())))
                    .toList();
            Map<String, Set<String>> subcategories = new LinkedHashMap<>();
            ((Map<String, List<Object>>) doc.get("service_subcategories")).forEach((category, values) ->
                    subcategories.put(category, values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet())));
            return new FocusSpec(columns, subcategories);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One FOCUS column: its catalog type, its FOCUS level, whether CloudAct always fills it, its allowed values. */
    public record FocusColumn(String name, String type, Level level, boolean required, Set<String> allowedValues) {

        public enum Level { M, C, R }
    }
}
