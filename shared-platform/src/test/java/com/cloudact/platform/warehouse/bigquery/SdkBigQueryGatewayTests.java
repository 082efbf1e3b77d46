package com.cloudact.platform.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.platform.warehouse.Dialect;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Java values become BigQuery query parameters of the type the column they meet has. */
class SdkBigQueryGatewayTests {

    @Test
    void scalars() {
        assertParameter("acme", StandardSQLTypeName.STRING, "acme");
        assertParameter(42L, StandardSQLTypeName.INT64, "42");
        assertParameter(7, StandardSQLTypeName.INT64, "7");
        assertParameter(0.5d, StandardSQLTypeName.FLOAT64, "0.5");
        assertParameter(true, StandardSQLTypeName.BOOL, "true");
        assertParameter(Dialect.BIGQUERY, StandardSQLTypeName.STRING, "BIGQUERY");
    }

    @Test
    void moneyIsBigNumericAndKeepsEveryDigit() {
        QueryParameterValue value = SdkBigQueryGateway.parameter(new BigDecimal("0.0000000181"));

        assertThat(value.getType()).isEqualTo(StandardSQLTypeName.BIGNUMERIC);
        assertThat(new BigDecimal(value.getValue())).isEqualByComparingTo("1.81E-8");
    }

    @Test
    void datesAndTimestamps() {
        assertParameter(LocalDate.of(2024, 2, 29), StandardSQLTypeName.DATE, "2024-02-29");

        QueryParameterValue timestamp = SdkBigQueryGateway.parameter(Instant.parse("2026-03-01T12:34:56.123456789Z"));

        assertThat(timestamp.getType()).isEqualTo(StandardSQLTypeName.TIMESTAMP);
        assertThat(timestamp.getValue()).startsWith("2026-03-01 12:34:56.123456").doesNotContain("789");
        QueryParameterValue beforeEpoch = SdkBigQueryGateway.parameter(Instant.parse("1969-12-31T23:59:59.5Z"));
        assertThat(beforeEpoch.getValue()).startsWith("1969-12-31 23:59:59.5");
    }

    @Test
    void bytesAreBase64() {
        QueryParameterValue value = SdkBigQueryGateway.parameter("secret".getBytes(StandardCharsets.UTF_8));

        assertThat(value.getType()).isEqualTo(StandardSQLTypeName.BYTES);
        assertThat(Base64.getDecoder().decode(value.getValue())).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nullIsATypedNull() {
        QueryParameterValue value = SdkBigQueryGateway.parameter(null);

        assertThat(value.getType()).isEqualTo(StandardSQLTypeName.STRING);
        assertThat(value.getValue()).isNull();
    }

    @Test
    void listsAreArraysOfTheirElementsType() {
        QueryParameterValue strings = SdkBigQueryGateway.parameter(List.of("aws", "gcp"));
        assertThat(strings.getType()).isEqualTo(StandardSQLTypeName.ARRAY);
        assertThat(strings.getArrayType()).isEqualTo(StandardSQLTypeName.STRING);
        assertThat(strings.getArrayValues()).extracting(QueryParameterValue::getValue).containsExactly("aws", "gcp");

        QueryParameterValue longs = SdkBigQueryGateway.parameter(List.of(5L, 7L));
        assertThat(longs.getArrayType()).isEqualTo(StandardSQLTypeName.INT64);
        assertThat(longs.getArrayValues()).extracting(QueryParameterValue::getValue).containsExactly("5", "7");

        QueryParameterValue dates = SdkBigQueryGateway.parameter(Set.of(LocalDate.of(2026, 1, 1)));
        assertThat(dates.getArrayType()).isEqualTo(StandardSQLTypeName.DATE);
        assertThat(dates.getArrayValues()).extracting(QueryParameterValue::getValue).containsExactly("2026-01-01");

        QueryParameterValue empty = SdkBigQueryGateway.parameter(List.of());
        assertThat(empty.getType()).isEqualTo(StandardSQLTypeName.ARRAY);
        assertThat(empty.getArrayValues()).isEmpty();
    }

    @Test
    void listsOfMixedTypesOrWithNullsAreRejected() {
        assertThatThrownBy(() -> SdkBigQueryGateway.parameter(List.of("a", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdkBigQueryGateway.parameter(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsupportedTypesAreRejected() {
        assertThatThrownBy(() -> SdkBigQueryGateway.parameter(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot bind a Object");
    }

    private static void assertParameter(Object value, StandardSQLTypeName type, String wire) {
        QueryParameterValue parameter = SdkBigQueryGateway.parameter(value);
        assertThat(parameter.getType()).as(String.valueOf(value)).isEqualTo(type);
        assertThat(parameter.getValue()).as(String.valueOf(value)).isEqualTo(wire);
    }
}
