package com.cloudact.platform.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionalSqlTests {

    @Test
    void namedParametersBecomeQuestionMarksInOrder() {
        PositionalSql sql = PositionalSql.translate("SELECT * FROM t WHERE a = @a AND b > @b_2",
                Map.of("a", "x", "b_2", 5L));

        assertThat(sql.sql()).isEqualTo("SELECT * FROM t WHERE a = ? AND b > ?");
        assertThat(sql.values()).containsExactly("x", 5L);
    }

    @Test
    void aRepeatedNameIsBoundAtEveryUse() {
        PositionalSql sql = PositionalSql.translate("SELECT @org AS o WHERE x = @org OR y = @day OR z = @org",
                Map.of("org", "acme", "day", LocalDate.of(2026, 1, 1)));

        assertThat(sql.sql()).isEqualTo("SELECT ? AS o WHERE x = ? OR y = ? OR z = ?");
        assertThat(sql.values()).containsExactly("acme", "acme", LocalDate.of(2026, 1, 1), "acme");
    }

    @Test
    void namesInsideLiteralsQuotedIdentifiersAndCommentsAreLeftAlone() {
        String template = """
                SELECT '@a' AS lit, 'it''s @a' AS esc, "@a" AS ident, `@a` AS bq -- @a in a comment
                /* @a in a block */ , @a AS bound""";

        PositionalSql sql = PositionalSql.translate(template, Map.of("a", 1L));

        assertThat(sql.sql()).isEqualTo("""
                SELECT '@a' AS lit, 'it''s @a' AS esc, "@a" AS ident, `@a` AS bq -- @a in a comment
                /* @a in a block */ , ? AS bound""");
        assertThat(sql.values()).containsExactly(1L);
    }

    @Test
    void unnestOfAListExpandsToAMarkerList() {
        PositionalSql sql = PositionalSql.translate("SELECT * FROM t WHERE p IN UNNEST( @providers ) AND d = @d",
                Map.of("providers", List.of("aws", "gcp", "azure"), "d", 3L));

        assertThat(sql.sql()).isEqualTo("SELECT * FROM t WHERE p IN (?, ?, ?) AND d = ?");
        assertThat(sql.values()).containsExactly("aws", "gcp", "azure", 3L);
    }

    @Test
    void unnestIsRecognisedWhateverItsCase() {
        PositionalSql sql = PositionalSql.translate("SELECT 1 WHERE id in unnest(@ids)", Map.of("ids", List.of(1L, 2L)));

        assertThat(sql.sql()).isEqualTo("SELECT 1 WHERE id in (?, ?)");
        assertThat(sql.values()).containsExactly(1L, 2L);
    }

    @Test
    void anEmptyListBecomesNull() {
        PositionalSql sql = PositionalSql.translate("SELECT 1 WHERE id IN UNNEST(@ids)", Map.of("ids", List.of()));

        assertThat(sql.sql()).isEqualTo("SELECT 1 WHERE id IN (NULL)");
        assertThat(sql.values()).isEmpty();
    }

    @Test
    void aListOutsideUnnestIsBoundAsOneValue() {
        List<String> tags = List.of("a", "b");
        PositionalSql sql = PositionalSql.translate("SELECT list_contains(@tags, 'a')", Map.of("tags", tags));

        assertThat(sql.sql()).isEqualTo("SELECT list_contains(?, 'a')");
        assertThat(sql.values()).containsExactly(tags);
    }

    @Test
    void aNullValueIsBound() {
        Map<String, Object> params = new HashMap<>();
        params.put("maybe", null);

        PositionalSql sql = PositionalSql.translate("SELECT @maybe", params);

        assertThat(sql.sql()).isEqualTo("SELECT ?");
        assertThat(sql.values()).isEqualTo(Arrays.asList((Object) null));
    }

    @Test
    void anUnboundNameIsRejected() {
        assertThatThrownBy(() -> PositionalSql.translate("SELECT @a, @b", Map.of("a", 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@b");
    }

    @Test
    void anUnclosedUnnestIsRejected() {
        assertThatThrownBy(() -> PositionalSql.translate("SELECT 1 WHERE x IN UNNEST(@ids", Map.of("ids", List.of(1L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not closed");
    }

    @Test
    void unusedParametersAndAnAtSignBeforeANonNameAreLeftAlone() {
        PositionalSql sql = PositionalSql.translate("SELECT @ -5 AS absolute, @x", Map.of("x", 1L, "unused", 2L));

        assertThat(sql.sql()).isEqualTo("SELECT @ -5 AS absolute, ?");
        assertThat(sql.values()).containsExactly(1L);
    }
}
