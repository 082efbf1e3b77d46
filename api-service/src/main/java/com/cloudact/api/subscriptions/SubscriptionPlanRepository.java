package com.cloudact.api.subscriptions;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Repository;

/** The org's {@code subscription_plans} table, and the hierarchy entities a plan is allocated to. */
@Repository
class SubscriptionPlanRepository {

    private static final String TABLE = "subscription_plans";
    private static final List<String> COLUMNS = List.of("x_org_slug", "subscription_id", "provider", "plan_name",
            "display_name", "category", "status", "start_date", "end_date", "billing_cycle", "billing_anchor_day",
            "currency", "seats", "pricing_model", "unit_price", "yearly_price", "discount_type", "discount_value",
            "auto_renew", "payment_method", "invoice_id_last", "owner_email", "department", "renewal_date",
            "contract_id", "notes", "source_currency", "source_price", "exchange_rate_used", "tier_type",
            "trial_end_date", "rpm_limit", "tpm_limit", "rpd_limit", "tpd_limit", "x_hierarchy_entity_id",
            "x_hierarchy_entity_name", "x_hierarchy_level_code", "x_hierarchy_path", "x_hierarchy_path_names",
            "created_at", "updated_at");
    private static final String INSERT = "INSERT INTO ${org}." + TABLE + " (" + String.join(", ", COLUMNS)
            + ") VALUES (" + COLUMNS.stream().map(c -> "@" + c).collect(Collectors.joining(", ")) + ")";
    private static final String UPDATE = "UPDATE ${org}." + TABLE + " SET "
            + COLUMNS.stream().filter(c -> !c.equals("x_org_slug") && !c.equals("subscription_id")
                    && !c.equals("created_at")).map(c -> c + " = @" + c).collect(Collectors.joining(", "))
            + " WHERE x_org_slug = @x_org_slug AND subscription_id = @subscription_id";
    private static final String EXPIRE = "UPDATE ${org}." + TABLE + " SET end_date = @old_end_date, status = 'expired',"
            + " updated_at = @updated_at WHERE x_org_slug = @x_org_slug AND subscription_id = @old_subscription_id";
    private static final SqlText ENTITY = SqlText.of("""
            SELECT entity_id, entity_name, level_code, path, path_names FROM ${central}.org_hierarchy
            WHERE org_slug = @org AND entity_id = @id AND end_date IS NULL AND is_active
            ORDER BY version DESC LIMIT 1""").with("central", DatasetName.CENTRAL);

    /** A hierarchy entity as a plan stores it: its names path joined with " > ". */
    record HierarchyEntity(String id, String name, String levelCode, String path, String pathNames) {
    }

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final DeploymentEnv env;

    SubscriptionPlanRepository(Warehouse warehouse, TableCatalog catalog, DeploymentEnv env) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.env = env;
    }

    private SqlText sql(OrgSlug org, String text) {
        return SqlText.of(text).with("org", DatasetName.forOrg(org, env));
    }

    /** Creates the table when the org's dataset lacks it (never drops or changes rows). */
    void ensureTable(OrgSlug org) {
        warehouse.sync(DatasetName.forOrg(org, env), List.of(catalog.find(TABLE).orElseThrow()),
                new SyncOptions(true, true));
    }

    /** Plans of the org, newest first; {@code providers} empty = every provider. */
    List<SubscriptionPlan> list(OrgSlug org, List<String> providers, boolean activeOnly) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        StringBuilder where = new StringBuilder("x_org_slug = @org");
        if (!providers.isEmpty()) {
            where.append(" AND provider IN (");
            for (int i = 0; i < providers.size(); i++) {
                params.put("p" + i, providers.get(i));
                where.append(i == 0 ? "" : ", ").append("@p").append(i);
            }
            where.append(')');
        }
        if (activeOnly) {
            where.append(" AND status = 'active'");
        }
        return warehouse.query(sql(org, "SELECT * FROM ${org}." + TABLE + " WHERE " + where
                + " ORDER BY provider, plan_name, start_date DESC NULLS LAST, subscription_id"), params).stream()
                .map(SubscriptionPlanRepository::map).toList();
    }

    Optional<SubscriptionPlan> find(OrgSlug org, String subscriptionId) {
        return warehouse.query(sql(org, "SELECT * FROM ${org}." + TABLE
                        + " WHERE x_org_slug = @org AND subscription_id = @id"),
                Map.of("org", org.value(), "id", subscriptionId)).stream().findFirst()
                .map(SubscriptionPlanRepository::map);
    }

    /** Whether another active plan of the provider has this name. */
    boolean activeExists(OrgSlug org, String provider, String planName, String exceptId) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("provider", provider);
        params.put("name", planName);
        params.put("except", exceptId == null ? "" : exceptId);
        return warehouse.query(sql(org, "SELECT COUNT(*) AS n FROM ${org}." + TABLE + " WHERE x_org_slug = @org"
                + " AND provider = @provider AND plan_name = @name AND status = 'active' AND subscription_id <> @except"),
                params).getFirst().longValue("n") > 0;
    }

    /** Plans per provider of the org. */
    Map<String, Long> countsByProvider(OrgSlug org) {
        Map<String, Long> counts = new LinkedHashMap<>();
        warehouse.query(sql(org, "SELECT provider, COUNT(*) AS n FROM ${org}." + TABLE
                + " WHERE x_org_slug = @org GROUP BY provider ORDER BY provider"), Map.of("org", org.value()))
                .forEach(r -> counts.put(r.string("provider"), r.longValue("n")));
        return counts;
    }

    void insert(OrgSlug org, SubscriptionPlan plan) {
        warehouse.execute(sql(org, INSERT), params(plan));
    }

    void update(OrgSlug org, SubscriptionPlan plan) {
        warehouse.execute(sql(org, UPDATE), params(plan));
    }

    /** A versioned edit in one transaction: the old version ends and expires, the new one is inserted. */
    void replaceVersion(OrgSlug org, SubscriptionPlan old, SubscriptionPlan next) {
        Map<String, Object> params = params(next);
        params.put("old_subscription_id", old.subscriptionId());
        params.put("old_end_date", next.startDate().minusDays(1));
        warehouse.executeScript(sql(org, EXPIRE + ";\n" + INSERT + ";"), params);
    }

    /** Inserts several plans in one transaction. */
    void insertAll(OrgSlug org, List<SubscriptionPlan> plans) {
        if (plans.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            String suffix = "_" + i;
            params(plans.get(i)).forEach((k, v) -> params.put(k + suffix, v));
            script.append("INSERT INTO ${org}.").append(TABLE).append(" (").append(String.join(", ", COLUMNS))
                    .append(") VALUES (").append(COLUMNS.stream().map(c -> "@" + c + suffix)
                            .collect(Collectors.joining(", "))).append(");\n");
        }
        warehouse.executeScript(sql(org, script.toString()), params);
    }

    long deleteProvider(OrgSlug org, String provider) {
        return warehouse.execute(sql(org, "DELETE FROM ${org}." + TABLE
                + " WHERE x_org_slug = @org AND provider = @provider"), Map.of("org", org.value(), "provider", provider));
    }

    long deleteOne(OrgSlug org, String subscriptionId) {
        return warehouse.execute(sql(org, "DELETE FROM ${org}." + TABLE
                + " WHERE x_org_slug = @org AND subscription_id = @id"), Map.of("org", org.value(), "id", subscriptionId));
    }

    Optional<HierarchyEntity> entity(OrgSlug org, String entityId) {
        return warehouse.query(ENTITY, Map.of("org", org.value(), "id", entityId)).stream().findFirst()
                .map(r -> new HierarchyEntity(r.string("entity_id"), r.string("entity_name"), r.string("level_code"),
                        r.string("path"), r.list("path_names") == null ? r.string("entity_name")
                        : r.list("path_names").stream().map(String::valueOf).collect(Collectors.joining(" > "))));
    }

    private static Map<String, Object> params(SubscriptionPlan p) {
        Map<String, Object> m = new HashMap<>();
        m.put("x_org_slug", p.orgSlug());
        m.put("subscription_id", p.subscriptionId());
        m.put("provider", p.provider());
        m.put("plan_name", p.planName());
        m.put("display_name", p.displayName());
        m.put("category", p.category());
        m.put("status", p.status());
        m.put("start_date", p.startDate());
        m.put("end_date", p.endDate());
        m.put("billing_cycle", p.billingCycle());
        m.put("billing_anchor_day", p.billingAnchorDay() == null ? null : p.billingAnchorDay().longValue());
        m.put("currency", p.currency());
        m.put("seats", (long) p.seats());
        m.put("pricing_model", p.pricingModel());
        m.put("unit_price", p.unitPrice());
        m.put("yearly_price", p.yearlyPrice());
        m.put("discount_type", p.discountType());
        m.put("discount_value", p.discountValue());
        m.put("auto_renew", p.autoRenew());
        m.put("payment_method", p.paymentMethod());
        m.put("invoice_id_last", p.invoiceIdLast());
        m.put("owner_email", p.ownerEmail());
        m.put("department", p.department());
        m.put("renewal_date", p.renewalDate());
        m.put("contract_id", p.contractId());
        m.put("notes", p.notes());
        m.put("source_currency", p.sourceCurrency());
        m.put("source_price", p.sourcePrice());
        m.put("exchange_rate_used", p.exchangeRateUsed());
        m.put("tier_type", p.tierType());
        m.put("trial_end_date", p.trialEndDate());
        m.put("rpm_limit", p.rpmLimit());
        m.put("tpm_limit", p.tpmLimit());
        m.put("rpd_limit", p.rpdLimit());
        m.put("tpd_limit", p.tpdLimit());
        m.put("x_hierarchy_entity_id", p.hierarchyEntityId());
        m.put("x_hierarchy_entity_name", p.hierarchyEntityName());
        m.put("x_hierarchy_level_code", p.hierarchyLevelCode());
        m.put("x_hierarchy_path", p.hierarchyPath());
        m.put("x_hierarchy_path_names", p.hierarchyPathNames());
        m.put("created_at", p.createdAt());
        m.put("updated_at", p.updatedAt());
        return m;
    }

    private static SubscriptionPlan map(Row r) {
        Long anchor = r.longValue("billing_anchor_day");
        Long seats = r.longValue("seats");
        return new SubscriptionPlan(r.string("subscription_id"), r.string("x_org_slug"), r.string("provider"),
                r.string("plan_name"), r.string("display_name"), r.string("category"), r.string("status"),
                r.date("start_date"), r.date("end_date"), r.string("billing_cycle"),
                anchor == null ? null : anchor.intValue(), r.string("currency"), seats == null ? 0 : seats.intValue(),
                r.string("pricing_model"), money(r.decimal("unit_price")), money(r.decimal("yearly_price")),
                r.string("discount_type"), money(r.decimal("discount_value")), Boolean.TRUE.equals(r.bool("auto_renew")),
                r.string("payment_method"), r.string("invoice_id_last"), r.string("owner_email"),
                r.string("department"), r.date("renewal_date"), r.string("contract_id"), r.string("notes"),
                r.string("source_currency"), money(r.decimal("source_price")), money(r.decimal("exchange_rate_used")),
                r.string("tier_type"), r.date("trial_end_date"), r.longValue("rpm_limit"), r.longValue("tpm_limit"),
                r.longValue("rpd_limit"), r.longValue("tpd_limit"), r.string("x_hierarchy_entity_id"),
                r.string("x_hierarchy_entity_name"), r.string("x_hierarchy_level_code"), r.string("x_hierarchy_path"),
                r.string("x_hierarchy_path_names"), r.instant("created_at"), r.instant("updated_at"));
    }

    /** A stored decimal without the warehouse's trailing zeros, but with at least cents. */
    static BigDecimal money(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }
}
