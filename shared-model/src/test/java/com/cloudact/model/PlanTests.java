package com.cloudact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlanTests {

    @Test
    void starterQuotasAndPrice() {
        assertThat(Plan.STARTER.limits()).isEqualTo(new QuotaLimits(6, 180, 20, 2, 3));
        assertThat(Plan.STARTER.monthlyPriceUsd()).contains(new BigDecimal("19"));
    }

    @Test
    void professionalQuotasAndPrice() {
        assertThat(Plan.PROFESSIONAL.limits()).isEqualTo(new QuotaLimits(25, 750, 20, 6, 6));
        assertThat(Plan.PROFESSIONAL.monthlyPriceUsd()).contains(new BigDecimal("69"));
    }

    @Test
    void scaleQuotasAndPrice() {
        assertThat(Plan.SCALE.limits()).isEqualTo(new QuotaLimits(100, 3000, 20, 11, 10));
        assertThat(Plan.SCALE.monthlyPriceUsd()).contains(new BigDecimal("199"));
    }

    @Test
    void quotaLimitsNameTheirFields() {
        QuotaLimits starter = Plan.STARTER.limits();
        assertThat(starter.dailyPipelines()).isEqualTo(6);
        assertThat(starter.monthlyPipelines()).isEqualTo(180);
        assertThat(starter.concurrentPipelines()).isEqualTo(20);
        assertThat(starter.seats()).isEqualTo(2);
        assertThat(starter.providers()).isEqualTo(3);
    }

    @Test
    void enterpriseHasNoListPrice() {
        assertThat(Plan.ENTERPRISE.monthlyPriceUsd()).isEmpty();
        assertThat(Plan.ENTERPRISE.limits().dailyPipelines()).isGreaterThan(Plan.SCALE.limits().dailyPipelines());
    }

    @Test
    void parseIgnoresCaseAndSurroundingSpace() {
        assertThat(Plan.parse("starter")).isEqualTo(Plan.STARTER);
        assertThat(Plan.parse("Professional")).isEqualTo(Plan.PROFESSIONAL);
        assertThat(Plan.parse(" SCALE ")).isEqualTo(Plan.SCALE);
        assertThat(Plan.parse("eNtErPrIsE")).isEqualTo(Plan.ENTERPRISE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"gold", "STARTER_PLAN", "pro", "scale2"})
    void parseRejectsUnknownPlansAsValidationFailure(String name) {
        assertThatThrownBy(() -> Plan.parse(name))
                .isInstanceOf(CloudActException.class)
                .satisfies(e -> assertThat(((CloudActException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("Unknown subscription plan '" + name + "'");
    }

    @Test
    void quotaLimitsRejectNonPositiveValues() {
        assertThatThrownBy(() -> new QuotaLimits(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuotaLimits(1, 1, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
