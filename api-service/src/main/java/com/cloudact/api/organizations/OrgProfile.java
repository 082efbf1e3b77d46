package com.cloudact.api.organizations;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import java.time.Instant;

/** An onboarded organization as the warehouse's {@code org_profiles} row holds it. */
public record OrgProfile(OrgSlug slug, String companyName, String adminEmail, DatasetName dataset, String status,
                         String subscriptionPlan, String defaultCurrency, String defaultCountry,
                         String defaultLanguage, String defaultTimezone, int fiscalYearStartMonth,
                         String datasetLocation, Instant createdAt) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
