package com.cloudact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvLineTests {

    @Test
    void splitsPlainFieldsAtCommas() {
        assertThat(CsvLine.parse("aws,AmazonEC2,Compute,Virtual Machines"))
                .containsExactly("aws", "AmazonEC2", "Compute", "Virtual Machines");
    }

    @Test
    void keepsCommasInsideQuotedFields() {
        assertThat(CsvLine.parse("1,\"Amazon Web Services, Inc.\",0.07"))
                .containsExactly("1", "Amazon Web Services, Inc.", "0.07");
    }

    @Test
    void doubledQuotesInsideQuotesAreOneQuote() {
        assertThat(CsvLine.parse("\"say \"\"hi\"\"\",x")).containsExactly("say \"hi\"", "x");
        assertThat(CsvLine.parse("\"\"\"\"")).containsExactly("\"");
    }

    @Test
    void emptyFieldsAreKeptIncludingTrailingOnes() {
        assertThat(CsvLine.parse(",,")).containsExactly("", "", "");
        assertThat(CsvLine.parse("a,,c,")).containsExactly("a", "", "c", "");
        assertThat(CsvLine.parse("\"\",b")).containsExactly("", "b");
        assertThat(CsvLine.parse("")).containsExactly("");
    }

    @Test
    void spacesAreData() {
        assertThat(CsvLine.parse(" a , b ")).containsExactly(" a ", " b ");
    }

    @Test
    void anUnterminatedQuoteIsRejected() {
        assertThatThrownBy(() -> CsvLine.parse("\"abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unterminated");
        assertThatThrownBy(() -> CsvLine.parse("a,\"b,c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvLine.parse("\"a\"\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
