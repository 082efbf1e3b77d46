package com.cloudact.pipeline.extract.azure;

import com.cloudact.model.CsvLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Azure fixture files and totals computed from them with plain Java (no DuckDB, no loader code), so the FOCUS
 * figures are checked against an independent reading of the file.
 */
final class AzureFixtures {

    static final String ACTUAL = "ea-actual-small-finops-toolkit.csv";
    static final String AMORTIZED = "ea-amortized-small-finops-toolkit.csv";

    private AzureFixtures() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(AzureFixtures.class.getResource("/fixtures/billing/azure/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's records as header → value maps (byte-order mark dropped, quotes undone). */
    static List<Map<String, String>> records(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = CsvLine.parse(lines.getFirst().replace("\uFEFF", ""));
            List<Map<String, String>> records = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> values = CsvLine.parse(line);
                if (values.size() != header.size()) {
                    throw new IllegalStateException("A record of " + values.size() + " fields: " + line);
                }
                Map<String, String> record = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    record.put(header.get(i), values.get(i));
                }
                records.add(record);
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sum of the Cost column over the records that pass, per key. */
    static Map<String, BigDecimal> costBy(Path file, Function<Map<String, String>, String> key,
                                          Predicate<Map<String, String>> filter) {
        Map<String, BigDecimal> sums = new HashMap<>();
        for (Map<String, String> record : records(file)) {
            if (filter.test(record)) {
                sums.merge(key.apply(record), new BigDecimal(record.get("Cost")), BigDecimal::add);
            }
        }
        sums.replaceAll((k, v) -> v.stripTrailingZeros());
        return sums;
    }

    static BigDecimal cost(Path file, Predicate<Map<String, String>> filter) {
        return costBy(file, r -> "", filter).getOrDefault("", BigDecimal.ZERO);
    }

}
