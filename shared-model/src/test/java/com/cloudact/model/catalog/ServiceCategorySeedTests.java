package com.cloudact.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.CsvLine;
import com.cloudact.model.Provider;
import com.cloudact.model.ProviderCategory;
import com.cloudact.model.focus.FocusSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed of {@code ref_service_categories} only maps to FOCUS values that FocusSpec allows. */
class ServiceCategorySeedTests {

    private static List<String> header;
    private static List<List<String>> rows;

    @BeforeAll
    static void readSeed() throws IOException {
        String seed = TableCatalog.load().table("ref_service_categories").seed().orElseThrow();
        try (InputStream in = ServiceCategorySeedTests.class.getClassLoader().getResourceAsStream(seed)) {
            assertThat(in).as(seed).isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            header = CsvLine.parse(lines.getFirst());
            rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(CsvLine.parse(line));
            }
        }
    }

    @Test
    void headerNamesTheTablesColumns() {
        assertThat(header).containsExactlyElementsOf(
                TableCatalog.load().table("ref_service_categories").columnNames());
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).hasSize(header.size()));
    }

    @Test
    void everyCategoryIsAnAllowedFocusServiceCategory() {
        Set<String> allowed = FocusSpec.get().column("ServiceCategory").orElseThrow().allowedValues();
        assertThat(rows).allSatisfy(row -> assertThat(row.get(2)).as(row.toString()).isIn(allowed));
    }

    @Test
    void everySubcategoryIsAllowedForItsCategory() {
        assertThat(rows).allSatisfy(row -> assertThat(FocusSpec.get().isAllowedSubcategory(row.get(2), row.get(3)))
                .as(row.toString()).isTrue());
    }

    @Test
    void noProviderServiceCodeIsListedTwice() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = rows.stream().map(row -> row.get(0) + "/" + row.get(1))
                .filter(key -> !seen.add(key)).toList();
        assertThat(duplicates).isEmpty();
    }

    @Test
    void everyProviderIsAKnownCloudProviderId() {
        assertThat(rows).allSatisfy(row -> assertThat(Provider.find(row.get(0)))
                .as(row.toString())
                .hasValueSatisfying(p -> {
                    assertThat(p.id()).isEqualTo(row.get(0));
                    assertThat(p.category()).isEqualTo(ProviderCategory.CLOUD);
                }));
    }

    @Test
    void noFieldIsBlankOrPadded() {
        assertThat(rows).allSatisfy(row -> assertThat(row).allSatisfy(field ->
                assertThat(field).isNotBlank().isEqualTo(field.strip())));
    }
}
