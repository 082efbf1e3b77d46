package com.cloudact.localstack.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the demo's GenAI usage as the providers' APIs answer it: JSON pages, one per line (JSON Lines), chained
 * by the provider's paging fields. A pipeline run given such a file parses it exactly as it parses live answers.
 */
final class DemoPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What a GenAI generator wrote: its file, the usage rows in it, what that usage costs at list prices, and the
     * part of it FOCUS shows: all of it for a provider that invoices directly; for one billed through a cloud, only
     * the days of months without that cloud's own bill (the bill is the invoice otherwise).
     */
    record Written(Path file, long rows, BigDecimal total, BigDecimal focusTotal) {

        Written(Path file, long rows, BigDecimal total) {
            this(file, rows, total, total);
        }
    }

    private DemoPages() {
    }

    /**
     * Splits day buckets into pages of {@code perPage} buckets and lets {@code page} build each page from its
     * buckets and the cursor of the next page (null on the last one).
     */
    static <B> List<Object> paged(List<B> buckets, int perPage, String cursorPrefix,
                                  BiFunction<List<B>, String, Object> page) {
        List<Object> pages = new ArrayList<>();
        for (int from = 0; from < buckets.size(); from += perPage) {
            int to = Math.min(buckets.size(), from + perPage);
            String next = to < buckets.size() ? cursorPrefix + to : null;
            pages.add(page.apply(buckets.subList(from, to), next));
        }
        return pages;
    }

    static void write(Path file, List<?> pages) {
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Object page : pages) {
                    writer.write(JSON.writeValueAsString(page));
                    writer.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object with its members in the order given (null values kept, as the providers send them). */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
