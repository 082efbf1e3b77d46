package com.cloudact.api.quota;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.QuotaLimits;
import com.cloudact.platform.appdb.AppOrganization;
import com.cloudact.platform.appdb.AppOrganizations;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The quota read for one org, and the scheduler's daily, monthly and clean-up passes over every org. */
@Service
class QuotaAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaAdministration.class);
    private static final SqlText ACTIVE_ORGS = SqlText.of(
            "SELECT org_slug FROM ${central}.org_profiles WHERE status = 'ACTIVE' ORDER BY org_slug")
            .with("central", DatasetName.CENTRAL);

    /** What one scheduler pass did. */
    record JobResult(boolean success, int orgsProcessed, int orgsCreated, int orgsSkipped, String message) {
    }

    private final QuotaService quotas;
    private final AppOrganizations appOrganizations;
    private final Warehouse warehouse;
    private final CredentialVault vault;

    QuotaAdministration(QuotaService quotas, AppOrganizations appOrganizations, Warehouse warehouse,
                        CredentialVault vault) {
        this.vault = vault;
        this.quotas = quotas;
        this.appOrganizations = appOrganizations;
        this.warehouse = warehouse;
    }

    QuotaView view(OrgSlug org) {
        AppOrganization account = appOrganizations.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " has no account"));
        QuotaLimits limits = account.limits();
        Optional<QuotaUsage> usage = quotas.read(org, quotas.today());
        long runToday = usage.map(QuotaUsage::pipelinesRunToday).orElse(0L);
        long runMonth = usage.map(QuotaUsage::pipelinesRunMonth).orElse(0L);
        long providers = vault.configuredProviders(org).size();
        return new QuotaView(org.value(), runToday, limits.dailyPipelines(), runMonth, limits.monthlyPipelines(),
                usage.map(QuotaUsage::concurrentRunning).orElse(0L), limits.concurrentPipelines(), limits.seats(),
                limits.providers(), providers, quotas.today(), percent(runToday, limits.dailyPipelines()),
                percent(runMonth, limits.monthlyPipelines()));
    }

    /** Creates today's row for every active org (this month's count carried over, limits from the app database). */
    JobResult resetDaily() {
        int created = 0;
        int skipped = 0;
        List<OrgSlug> orgs = activeOrgs();
        for (OrgSlug org : orgs) {
            Optional<AppOrganization> account = appOrganizations.find(org);
            if (account.isEmpty() || quotas.read(org, quotas.today()).isPresent()) {
                skipped++;
                continue;
            }
            quotas.ensureToday(org, account.get().limits());
            created++;
        }
        return new JobResult(true, orgs.size(), created, skipped,
                "Created %d quota rows for %s".formatted(created, quotas.today()));
    }

    JobResult resetMonthly(boolean force) {
        long reset = quotas.resetMonth(force);
        return new JobResult(true, (int) reset, 0, 0, reset == 0 && !force
                ? "Not the first day of the month; nothing to reset" : "Reset the monthly count of %d orgs".formatted(reset));
    }

    /** Heals every active org: stale runs failed, concurrent counters matched to the runs really going on. */
    JobResult cleanupStale() {
        long released = 0;
        List<OrgSlug> orgs = activeOrgs();
        for (OrgSlug org : orgs) {
            try {
                released += quotas.heal(org);
            } catch (RuntimeException e) {
                LOG.error("Healing the quota of {} failed", org, e);
            }
        }
        return new JobResult(true, orgs.size(), 0, 0, "Released %d stale pipeline slots".formatted(released));
    }

    JobResult cleanupOld(int days) {
        if (days < 30 || days > 3650) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "days must be 30-3650");
        }
        long deleted = quotas.deleteOlderThan(days);
        return new JobResult(true, 0, 0, 0, "Deleted %d quota rows older than %d days".formatted(deleted, days));
    }

    private List<OrgSlug> activeOrgs() {
        return warehouse.query(ACTIVE_ORGS, Map.of()).stream().map(r -> OrgSlug.of(r.string("org_slug"))).toList();
    }

    private static double percent(long used, long limit) {
        return limit == 0 ? 0 : BigDecimal.valueOf(used * 100.0 / limit).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
