package com.cloudact.api.organizations;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.platform.appdb.AppOrganizations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Requests and answers of the organizations routes (snake_case on the wire). */
final class OrganizationViews {

    private OrganizationViews() {
    }

    record Subscription(String orgSlug, String subscriptionId, String planName, String status, int dailyLimit,
                        int monthlyLimit, int concurrentLimit, int seatLimit, int providersLimit,
                        LocalDate trialEndDate, Instant createdAt, Instant updatedAt) {
    }

    record UpdateSubscription(@Pattern(regexp = "(?i)STARTER|PROFESSIONAL|SCALE|ENTERPRISE",
                                      message = "must be STARTER, PROFESSIONAL, SCALE or ENTERPRISE") String planName,
                              @Min(1) @Max(10_000) Integer dailyLimit,
                              @Min(1) @Max(300_000) Integer monthlyLimit,
                              @Min(1) @Max(100) Integer concurrentLimit,
                              @Min(1) @Max(1_000) Integer seatLimit,
                              @Min(1) @Max(100) Integer providersLimit,
                              @Pattern(regexp = "(?i)ACTIVE|TRIAL|EXPIRED|SUSPENDED|CANCELLED",
                                      message = "must be ACTIVE, TRIAL, EXPIRED, SUSPENDED or CANCELLED") String status,
                              @Size(max = 40) String trialEndDate) {
    }

    record SubscriptionUpdate(String orgSlug, String planName, String status, int dailyLimit, int monthlyLimit,
                              int concurrentLimit, int seatLimit, int providersLimit, boolean updated,
                              String message) {
    }

    record LocaleView(String orgSlug, String defaultCurrency, String defaultCountry, String defaultLanguage,
                      String defaultTimezone, String currencySymbol, String currencyName, int currencyDecimals) {
    }

    record UpdateLocale(@Size(min = 3, max = 3) String defaultCurrency, @Size(max = 64) String defaultTimezone) {
    }

    record OrgSummary(String orgSlug, String companyName, String adminEmail, String subscriptionPlan, String status,
                      String defaultCurrency, String defaultTimezone, Instant createdAt) {
    }

    record OrgList(List<OrgSummary> organizations, long total, int page, int pageSize, boolean hasNext) {
    }

    record Members(String orgSlug, List<AppOrganizations.Member> members, int count) {
    }

    record Offboard(@Size(max = 50) String confirmOrgSlug, Boolean deleteDataset) {
    }

    record Offboarding(String orgSlug, List<String> deletedFromTables, boolean datasetDeleted, String message) {
    }

    record SyncRequest(Boolean syncMissingTables, Boolean syncMissingColumns, Boolean recreateViews) {

        boolean tables() {
            return syncMissingTables == null || syncMissingTables;
        }

        boolean columns() {
            return Boolean.TRUE.equals(syncMissingColumns);
        }

        boolean views() {
            return Boolean.TRUE.equals(recreateViews);
        }
    }

    record RotateRequest(@Size(max = 200) String description, List<@Pattern(regexp = "[a-z]+:[a-z]+") String> scopes,
                         @Min(1) @Max(3650) Integer expiresInDays) {
    }

    record Rotated(String orgSlug, String apiKey, String apiKeyFingerprint, boolean previousKeyRevoked,
                   String message) {
    }

    record ApiKeyView(String orgSlug, String apiKeyFingerprint, boolean isActive, Instant createdAt, Instant expiresAt,
                      List<String> scopes) {
    }

    record Dryrun(String status, String orgSlug, String companyName, String adminEmail, String subscriptionPlan,
                  Map<String, Object> validationSummary, List<Map<String, Object>> validationResults, String message,
                  boolean readyForOnboarding) {
    }

    /** A date as YYYY-MM-DD, an ISO date-time, or epoch milliseconds, as the subscription contract accepts. */
    static Instant parseInstant(String field, String value) {
        try {
            if (value.matches("\\d{10,13}")) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                    field + " must be YYYY-MM-DD, an ISO date-time or epoch milliseconds");
        }
    }
}
