package com.cloudact.pipeline.extract.genai;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Writes what a {@link GenAiUsageSource} reported as CSV files in the columns of {@link GenAiRawTable}, one file per
 * table, every value quoted. Values from the provider only ever travel as file content, never as SQL text.
 */
final class GenAiRawFiles {

    /**
     * The credential's default hierarchy allocation, stamped on every row (pipelines.md §3.1: GenAI rows take the
     * credential's {@code default_x_hierarchy_*}); all null when it has none.
     */
    record Hierarchy(String entityId, String entityName, String levelCode, String path, String pathNames,
                     Instant validatedAt) {

        /** The raw columns, in the order of {@link #values()} (the validation time last). */
        static final List<String> COLUMNS = List.of("x_hierarchy_entity_id", "x_hierarchy_entity_name",
                "x_hierarchy_level_code", "x_hierarchy_path", "x_hierarchy_path_names");
        static final String VALIDATED_AT = "x_hierarchy_validated_at";

        static final Hierarchy NONE = new Hierarchy(null, null, null, null, null, null);

        List<Object> values() {
            return Arrays.asList(entityId, entityName, levelCode, path, pathNames, validatedAt);
        }
    }

    private GenAiRawFiles() {
    }

    static Path usage(List<GenAiUsage> rows, Hierarchy hierarchy, Path file) throws IOException {
        return write(GenAiRawTable.PAYG_USAGE, rows, u -> Arrays.asList(u.usageDate(), u.provider(), u.model(),
                u.region(), u.projectId(), u.serviceTier(), u.contextTier(), u.inputTokens(),
                u.cachedInputTokens(), u.cacheWrite5mTokens(), u.cacheWrite1hTokens(), u.outputTokens(),
                u.reasoningTokens(), u.totalTokens(), u.usageQuantity(), u.usageUnit(), u.requestCount(),
                u.isBatch(), u.usageSource(), u.provider()), hierarchy, file);
    }

    static Path commitments(List<GenAiCommitmentUsage> rows, Hierarchy hierarchy, Path file) throws IOException {
        return write(GenAiRawTable.COMMITMENT_USAGE, rows, c -> Arrays.asList(c.usageDate(), c.provider(),
                c.commitmentType(), c.commitmentId(), c.model(), c.region(), c.provisionedUnits(),
                c.usedUnits(), c.utilizationPct() == null ? null : BigDecimal.valueOf(c.utilizationPct()),
                c.tokensProcessed(), c.requestCount(), BigDecimal.valueOf(c.hoursActive())), hierarchy, file);
    }

    static Path costs(List<GenAiProviderCost> rows, Hierarchy hierarchy, Path file) throws IOException {
        return write(GenAiRawTable.PROVIDER_COSTS, rows, c -> Arrays.asList(c.costDate(), c.provider(), c.model(),
                c.lineItem(), c.tokenType(), c.projectId(), c.serviceTier(), c.amount(),
                c.currency(), c.quantity(), c.quantityUnit(), c.costSource(), c.provider()), hierarchy, file);
    }

    private static <T> Path write(GenAiRawTable table, List<T> rows, Function<T, List<Object>> values,
                                  Hierarchy hierarchy, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(line(new ArrayList<>(table.header())));
            for (T row : rows) {
                List<Object> cells = new ArrayList<>(values.apply(row));
                cells.addAll(hierarchy.values());
                out.write(line(cells));
            }
        }
        return file;
    }

    private static String line(List<?> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append('\n').toString();
    }

    private static String cell(Object value) {
        String text = switch (value) {
            case null -> "";
            case BigDecimal decimal -> decimal.toPlainString();
            case LocalDate date -> date.toString();
            default -> String.valueOf(value);
        };
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
