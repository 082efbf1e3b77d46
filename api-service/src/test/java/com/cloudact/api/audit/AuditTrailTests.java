package com.cloudact.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.api.ApiIntegrationTest;
import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every write route leaves an audit row: its own service writes one, or {@link Audited} has it written. */
class AuditTrailTests extends ApiIntegrationTest {

    /** Write handlers whose services record their own, more detailed, audit rows. */
    private static final Set<String> SERVICE_AUDITED = Set.of(
            "IntegrationsController.setup", "IntegrationsController.validate", "IntegrationsController.update",
            "IntegrationsController.delete", "OnboardingController.onboard", "OrganizationsController.rotate",
            "OrganizationsController.updateSubscription", "OrganizationsController.updateLocale",
            "OrganizationsController.offboard", "AdminOrganizationsController.create",
            "AdminOrganizationsController.createKey", "AdminOrganizationsController.revokeKey",
            "AdminOrganizationsController.regenerate");
    /** Writes that are not audited, and why. */
    private static final Set<String> NOT_AUDITED = Set.of(
            // Reservations and releases of quota slots, called by the pipeline service for every run; the run
            // logs and org_usage_quotas are their record.
            "ValidatorController.validate", "ValidatorController.complete",
            // Checks only; writes nothing.
            "OnboardingController.dryrun",
            // Drops in-memory cache entries; no stored data changes.
            "CostsController.invalidate");

    private static final SqlText ROWS = SqlText.of("""
            SELECT action, resource_type, api_key_id, details, status FROM ${central}.org_audit_logs
            WHERE org_slug = @org ORDER BY created_at""").with("central", DatasetName.CENTRAL);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyWriteRouteIsAuditedOrSaysWhyNot() {
        List<String> unaccounted = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
            boolean writes = verbs.stream().anyMatch(v -> v != RequestMethod.GET && v != RequestMethod.HEAD
                    && v != RequestMethod.OPTIONS);
            String name = method.getBeanType().getSimpleName() + "." + method.getMethod().getName();
            if (writes && !method.hasMethodAnnotation(Audited.class) && !SERVICE_AUDITED.contains(name)
                    && !NOT_AUDITED.contains(name) && method.getBeanType().getPackageName().startsWith("com.cloudact")) {
                unaccounted.add(name);
            }
        });

        assertThat(unaccounted).as("write routes without an audit row").isEmpty();
    }

    @Test
    void anAuditedRouteRecordsWhoDidWhatToWhichOrg() {
        OrgSlug org = newSlug("audited");
        onboarded(org, Plan.STARTER);

        Response sync = post("/api/v1/organizations/" + org + "/sync", root(), Map.of());
        Response refused = post("/api/v1/organizations/" + org + "/sync", root(), Map.of("unknown", 1));

        assertThat(sync.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(422);
        List<Row> rows = warehouse.query(ROWS, Map.of("org", org.value())).stream()
                .filter(r -> "DATASET".equals(r.string("resource_type"))).toList();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.string("action")).isEqualTo("UPDATE");
            assertThat(row.string("api_key_id")).isEqualTo("root");
            assertThat(row.string("status")).isEqualTo("SUCCESS");
            assertThat(row.string("details")).contains("POST /api/v1/organizations/{org_slug}/sync");
        });
    }

    @Test
    void platformWideJobsAreRecordedUnderThePlatform() {
        long before = warehouse.query(ROWS, Map.of("org", AuditLog.PLATFORM)).size();

        assertThat(post("/api/v1/quota/cleanup-stale", root(), Map.of()).status()).isEqualTo(200);

        List<Row> rows = warehouse.query(ROWS, Map.of("org", AuditLog.PLATFORM));
        assertThat(rows).hasSize((int) before + 1);
        assertThat(rows.getLast().string("resource_type")).isEqualTo("QUOTA");
    }
}
