package com.cloudact.api.subscriptions;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Request bodies of the Subscription Plans routes (spec §1.5, §7.2); unknown fields are refused (422). */
final class PlanRequests {

    static final String PLAN_NAME = "^[A-Za-z0-9][A-Za-z0-9 _.+&()-]{0,49}$";
    static final String CATEGORY = "^(llm_api|ai|design|productivity|communication|development|cloud|other)$";
    static final String CYCLE = "^(monthly|annual|quarterly|semi-annual|weekly)$";
    static final String CURRENCY = "^[A-Z]{3}$";
    static final String MODEL = "^(PER_SEAT|FLAT_FEE)$";
    static final String DISCOUNT = "^(percent|fixed)$";
    static final String EMAIL = "^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$";
    static final String ENTITY = "^[A-Za-z0-9_-]{1,100}$";

    private PlanRequests() {
    }

    /** The fields an update or a new version may change; null = unchanged. */
    interface Changes {
        String displayName();
        String category();
        BigDecimal unitPrice();
        String billingCycle();
        String currency();
        Integer seats();
        String pricingModel();
        BigDecimal yearlyPrice();
        String discountType();
        BigDecimal discountValue();
        Boolean autoRenew();
        String paymentMethod();
        String ownerEmail();
        String department();
        LocalDate endDate();
        LocalDate renewalDate();
        String contractId();
        String notes();
        String sourceCurrency();
        BigDecimal sourcePrice();
        BigDecimal exchangeRateUsed();
        Integer billingAnchorDay();
        String invoiceIdLast();
        String hierarchyEntityId();
    }

    /** {@code POST /subscriptions/{org}/providers/{provider}/plans}. */
    record CreatePlan(
            @NotBlank @Pattern(regexp = PLAN_NAME, message = "must be 1-50 letters, digits, spaces or _ . + & ( ) -") String planName,
            @Size(max = 200) String displayName,
            @Pattern(regexp = CATEGORY, message = "must be one of llm_api, ai, design, productivity, communication, development, cloud, other") String category,
            @NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal unitPrice,
            @Pattern(regexp = CYCLE, message = "must be monthly, annual, quarterly, semi-annual or weekly") String billingCycle,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String currency,
            @Min(0) @Max(1_000_000) Integer seats,
            @Pattern(regexp = MODEL, message = "must be PER_SEAT or FLAT_FEE") String pricingModel,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal yearlyPrice,
            @Pattern(regexp = DISCOUNT, message = "must be percent or fixed") String discountType,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal discountValue,
            Boolean autoRenew,
            @Size(max = 50) String paymentMethod,
            @Size(max = 254) @Pattern(regexp = EMAIL, message = "must be an email address") String ownerEmail,
            @Size(max = 100) String department,
            LocalDate startDate,
            LocalDate endDate,
            LocalDate renewalDate,
            @Size(max = 100) String contractId,
            @Size(max = 1000) String notes,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String sourceCurrency,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000") BigDecimal sourcePrice,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") BigDecimal exchangeRateUsed,
            @Min(1) @Max(28) Integer billingAnchorDay,
            @Pattern(regexp = "^(active|pending)$", message = "must be active or pending") String status,
            @Size(max = 100) String invoiceIdLast,
            @NotBlank @Pattern(regexp = ENTITY, message = "must be a hierarchy entity id") String hierarchyEntityId,
            @NotBlank @Size(max = 200) String hierarchyEntityName,
            @NotBlank @Size(max = 50) String hierarchyLevelCode,
            @NotBlank @Size(max = 500) String hierarchyPath,
            @NotBlank @Size(max = 1000) String hierarchyPathNames) {
    }

    /** {@code PUT .../plans/{subscription_id}}: an in-place change; a status change follows the state machine. */
    record UpdatePlan(
            @Size(max = 200) String displayName,
            @Pattern(regexp = CATEGORY, message = "must be one of llm_api, ai, design, productivity, communication, development, cloud, other") String category,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal unitPrice,
            @Pattern(regexp = CYCLE, message = "must be monthly, annual, quarterly, semi-annual or weekly") String billingCycle,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String currency,
            @Min(0) @Max(1_000_000) Integer seats,
            @Pattern(regexp = MODEL, message = "must be PER_SEAT or FLAT_FEE") String pricingModel,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal yearlyPrice,
            @Pattern(regexp = DISCOUNT, message = "must be percent or fixed") String discountType,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal discountValue,
            Boolean autoRenew,
            @Size(max = 50) String paymentMethod,
            @Size(max = 254) @Pattern(regexp = EMAIL, message = "must be an email address") String ownerEmail,
            @Size(max = 100) String department,
            LocalDate startDate,
            LocalDate endDate,
            LocalDate renewalDate,
            @Size(max = 100) String contractId,
            @Size(max = 1000) String notes,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String sourceCurrency,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000") BigDecimal sourcePrice,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") BigDecimal exchangeRateUsed,
            @Min(1) @Max(28) Integer billingAnchorDay,
            @Size(max = 100) String invoiceIdLast,
            @Pattern(regexp = ENTITY, message = "must be a hierarchy entity id") String hierarchyEntityId,
            @Pattern(regexp = "^(active|pending|cancelled|expired)$", message = "must be active, pending, cancelled or expired") String status)
            implements Changes {
    }

    /** {@code POST .../plans/{subscription_id}/edit-version}: the changes, in force from {@code effective_date}. */
    record EditVersion(
            @NotNull LocalDate effectiveDate,
            @Size(max = 200) String displayName,
            @Pattern(regexp = CATEGORY, message = "must be one of llm_api, ai, design, productivity, communication, development, cloud, other") String category,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal unitPrice,
            @Pattern(regexp = CYCLE, message = "must be monthly, annual, quarterly, semi-annual or weekly") String billingCycle,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String currency,
            @Min(0) @Max(1_000_000) Integer seats,
            @Pattern(regexp = MODEL, message = "must be PER_SEAT or FLAT_FEE") String pricingModel,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal yearlyPrice,
            @Pattern(regexp = DISCOUNT, message = "must be percent or fixed") String discountType,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal discountValue,
            Boolean autoRenew,
            @Size(max = 50) String paymentMethod,
            @Size(max = 254) @Pattern(regexp = EMAIL, message = "must be an email address") String ownerEmail,
            @Size(max = 100) String department,
            LocalDate endDate,
            LocalDate renewalDate,
            @Size(max = 100) String contractId,
            @Size(max = 1000) String notes,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String sourceCurrency,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000000") BigDecimal sourcePrice,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") BigDecimal exchangeRateUsed,
            @Min(1) @Max(28) Integer billingAnchorDay,
            @Size(max = 100) String invoiceIdLast,
            @Pattern(regexp = ENTITY, message = "must be a hierarchy entity id") String hierarchyEntityId)
            implements Changes {
    }

    /** {@code POST /integrations/{org}/{provider}/subscriptions} (spec §1.4): a provider-level subscription tier. */
    record CreateProviderSubscription(
            @Pattern(regexp = "^[a-z0-9_]{3,100}$", message = "must be 3-100 lower-case letters, digits or _") String subscriptionId,
            @NotBlank @Pattern(regexp = PLAN_NAME, message = "must be 1-50 letters, digits, spaces or _ . + & ( ) -") String planName,
            @Size(max = 200) String displayName,
            @Min(0) @Max(1_000_000) Integer quantity,
            @NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal unitPrice,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code") String currency,
            @Pattern(regexp = MODEL, message = "must be PER_SEAT or FLAT_FEE") String pricingModel,
            LocalDate effectiveDate,
            LocalDate endDate,
            @Size(max = 1000) String notes,
            @Pattern(regexp = "^(free|trial|paid|enterprise|committed)$", message = "must be free, trial, paid, enterprise or committed") String tierType,
            LocalDate trialEndDate,
            @Min(0) Long rpmLimit,
            @Min(0) Long tpmLimit,
            @Min(0) Long rpdLimit,
            @Min(0) Long tpdLimit,
            @Pattern(regexp = CYCLE, message = "must be monthly, annual, quarterly, semi-annual or weekly") String billingPeriod,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal yearlyPrice,
            @Pattern(regexp = DISCOUNT, message = "must be percent or fixed") String discountType,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal discountValue,
            @Pattern(regexp = ENTITY, message = "must be a hierarchy entity id") String hierarchyEntityId) {
    }

    /** {@code PUT /integrations/{org}/{provider}/subscriptions/{plan_name}}: null = unchanged. */
    record UpdateProviderSubscription(
            @Size(max = 200) String displayName,
            @Min(0) @Max(1_000_000) Integer quantity,
            @DecimalMin("0") @DecimalMax("100000") BigDecimal unitPrice,
            @Pattern(regexp = MODEL, message = "must be PER_SEAT or FLAT_FEE") String pricingModel,
            LocalDate effectiveDate,
            LocalDate endDate,
            @Size(max = 1000) String notes,
            @Pattern(regexp = "^(free|trial|paid|enterprise|committed)$", message = "must be free, trial, paid, enterprise or committed") String tierType,
            LocalDate trialEndDate,
            @Min(0) Long rpmLimit,
            @Min(0) Long tpmLimit,
            @Min(0) Long rpdLimit,
            @Min(0) Long tpdLimit,
            @Pattern(regexp = CYCLE, message = "must be monthly, annual, quarterly, semi-annual or weekly") String billingPeriod,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal yearlyPrice,
            @Pattern(regexp = DISCOUNT, message = "must be percent or fixed") String discountType,
            @DecimalMin("0") @DecimalMax("1200000") BigDecimal discountValue,
            Boolean isEnabled) {
    }
}
