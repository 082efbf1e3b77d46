package com.cloudact.model.focus;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.focus.FocusSpec.FocusColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class FocusSpecTests {

    private final FocusSpec focus = FocusSpec.get();

    @Test
    void hasTheSixtyFiveFocusColumnsOnce() {
        List<String> names = focus.columns().stream().map(FocusColumn::name).toList();
        assertThat(names).hasSize(65).doesNotHaveDuplicates();
        assertThat(names).contains("BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ChargeCategory",
                "ServiceCategory", "ServiceSubcategory", "ServiceProviderName", "HostProviderName",
                "AllocatedMethodId", "ContractApplied", "CapacityReservationId");
        assertThat(FocusSpec.VERSION).isEqualTo("1.3");
    }

    @Test
    void chargeCategoryAllowsExactlyTheFiveFocusValues() {
        assertThat(allowed("ChargeCategory"))
                .containsExactlyInAnyOrder("Usage", "Purchase", "Tax", "Credit", "Adjustment");
    }

    @Test
    void otherEnumeratedColumnsCarryTheirFocusValues() {
        assertThat(allowed("ChargeFrequency")).containsExactlyInAnyOrder("One-Time", "Recurring", "Usage-Based");
        assertThat(allowed("ChargeClass")).containsExactly("Correction");
        assertThat(allowed("CommitmentDiscountStatus")).containsExactlyInAnyOrder("Used", "Unused");
        assertThat(allowed("PricingCategory")).containsExactlyInAnyOrder("Standard", "Dynamic", "Committed", "Other");
        assertThat(focus.enumeratedColumns()).extracting(FocusColumn::name)
                .contains("ChargeCategory", "ServiceCategory", "ChargeFrequency")
                .doesNotContain("BilledCost", "ServiceSubcategory");
    }

    @Test
    void levelsAndRequiredFlagsOfKeyColumns() {
        FocusColumn billed = focus.column("BilledCost").orElseThrow();
        assertThat(billed.level()).isEqualTo(FocusColumn.Level.M);
        assertThat(billed.required()).isTrue();
        assertThat(billed.type()).isEqualTo("NUMERIC");
        assertThat(focus.column("Tags").orElseThrow().level()).isEqualTo(FocusColumn.Level.C);
        assertThat(focus.column("Tags").orElseThrow().required()).isFalse();
        assertThat(focus.column("billedcost")).as("names are case-sensitive").isEmpty();
    }

    @Test
    void subcategoryMapCoversExactlyTheAllowedServiceCategories() {
        assertThat(allowed("ServiceCategory")).hasSize(19).contains("AI and Machine Learning", "Compute", "Other");
        assertThat(focus.subcategories().keySet()).containsExactlyInAnyOrderElementsOf(allowed("ServiceCategory"));
    }

    @Test
    void allowsListedSubcategoriesAndTheOtherSubcategoryOfEachCategory() {
        assertThat(focus.isAllowedSubcategory("Compute", "Virtual Machines")).isTrue();
        assertThat(focus.isAllowedSubcategory("Compute", "Other (Compute)")).isTrue();
        assertThat(focus.isAllowedSubcategory("Mobile", "Other (Mobile)")).isTrue();
        assertThat(focus.isAllowedSubcategory("Other", "Other")).isTrue();
        assertThat(focus.isAllowedSubcategory("Databases", "Relational Databases")).isTrue();
        for (String category : allowed("ServiceCategory")) {
            assertThat(focus.isAllowedSubcategory(category, FocusSpec.otherSubcategory(category))).as(category).isTrue();
        }
    }

    @Test
    void rejectsSubcategoriesOfOtherCategoriesAndUnknownCategories() {
        assertThat(focus.isAllowedSubcategory("Compute", "Object Storage")).isFalse();
        assertThat(focus.isAllowedSubcategory("Compute", "Other (Storage)")).isFalse();
        assertThat(focus.isAllowedSubcategory("Compute", "virtual machines")).isFalse();
        assertThat(focus.isAllowedSubcategory("Other", "Other (Other)")).isFalse();
        assertThat(focus.isAllowedSubcategory("Computing", "Virtual Machines")).isFalse();
    }

    @Test
    void otherSubcategoryNames() {
        assertThat(FocusSpec.otherSubcategory("Compute")).isEqualTo("Other (Compute)");
        assertThat(FocusSpec.otherSubcategory("Other")).isEqualTo("Other");
    }

    private List<String> allowed(String column) {
        return List.copyOf(focus.column(column).orElseThrow().allowedValues());
    }
}
