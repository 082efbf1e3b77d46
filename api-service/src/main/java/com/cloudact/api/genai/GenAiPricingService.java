package com.cloudact.api.genai;

import com.cloudact.api.genai.GenAiViews.AllPricing;
import com.cloudact.api.genai.GenAiViews.CustomPricingRequest;
import com.cloudact.api.genai.GenAiViews.FlowPricing;
import com.cloudact.api.genai.GenAiViews.OverrideRequest;
import com.cloudact.api.genai.GenAiViews.PricingChange;
import com.cloudact.api.genai.GenAiViews.SeedResult;
import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.genai.GenAiDefaultPricing;
import com.cloudact.platform.genai.GenAiFlow;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * An org's three GenAI price tables: the shipped defaults ({@link GenAiDefaultPricing}), its custom prices and its
 * overrides. A price entry is addressed by its identifier ({@code model} for PAYG and commitment,
 * {@code instance_type} for infrastructure), optionally narrowed by provider and region; an identifier that two
 * providers share must be narrowed by provider. An entry may have several rows (regions, context tiers, a dated
 * price history); overrides, deletes and clears apply to all of its rows that are not deleted.
 *
 * <p>Overrides are stored in the row ({@code is_override}, {@code override_*}, {@code override_effective_from},
 * {@code override_notes}); the cost procedures apply them to usage from {@code override_effective_from} on. The
 * entry's version for optimistic locking is the latest {@code last_updated} of its rows. An "override row" that
 * cannot be deleted is a row that carries an override ({@code is_override}): deleting it would silently drop the
 * org's negotiated price, so the override is cleared first.
 */
@Service
class GenAiPricingService {

    /** The {@code x_pipeline_id} of an org's custom price rows. */
    static final String CUSTOM_WRITER = "genai_custom_pricing";
    static final Map<GenAiFlow, Set<String>> PROVIDERS = Map.of(
            GenAiFlow.PAYG, Set.of("openai", "anthropic", "gemini", "deepseek", "azure_openai", "aws_bedrock",
                    "gcp_vertex", "custom"),
            GenAiFlow.COMMITMENT, Set.of("azure_openai", "aws_bedrock", "gcp_vertex", "custom"),
            GenAiFlow.INFRASTRUCTURE, Set.of("gcp_gpu", "aws_gpu", "azure_gpu", "gcp_tpu", "custom"));
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z0-9_.:-]{1,200}$");
    private static final Pattern NAME = Pattern.compile(GenAiViews.IDENTIFIER);
    private static final Set<String> NOT_SETTABLE = Set.of("is_override", "last_updated", "price_source",
            "price_source_date", "pricing_id");
    private static final Map<GenAiFlow, List<String>> REQUIRED = Map.of(
            GenAiFlow.PAYG, List.of("provider", "model", "input_per_1m", "output_per_1m"),
            GenAiFlow.COMMITMENT, List.of("provider", "commitment_type", "model"),
            GenAiFlow.INFRASTRUCTURE, List.of("provider", "instance_type", "gpu_type", "hourly_rate"));

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final GenAiOrgs orgs;
    private final GenAiDefaultPricing defaults;
    private final Clock clock;

    GenAiPricingService(Warehouse warehouse, TableCatalog catalog, GenAiOrgs orgs, Clock clock) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.orgs = orgs;
        this.defaults = new GenAiDefaultPricing(warehouse, catalog);
        this.clock = clock;
    }

    AllPricing all(OrgSlug org, String provider, boolean includeInactive) {
        OrgProfile profile = orgs.active(org);
        checkProvider(null, provider);
        Map<GenAiFlow, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (GenAiFlow flow : GenAiFlow.values()) {
            rows.put(flow, list(profile, flow, provider, includeInactive));
        }
        int total = rows.values().stream().mapToInt(List::size).sum();
        return new AllPricing(org.value(), rows.get(GenAiFlow.PAYG), rows.get(GenAiFlow.COMMITMENT),
                rows.get(GenAiFlow.INFRASTRUCTURE), total);
    }

    FlowPricing flow(OrgSlug org, String flowId, String provider, boolean includeInactive) {
        GenAiFlow flow = GenAiFlow.of(flowId);
        OrgProfile profile = orgs.active(org);
        checkProvider(flow, provider);
        List<Map<String, Object>> rows = list(profile, flow, provider, includeInactive);
        return new FlowPricing(org.value(), flow.id(), rows, rows.size());
    }

    PricingChange override(OrgSlug org, String flowId, String identifier, String provider, String region,
                           OverrideRequest request) {
        GenAiFlow flow = GenAiFlow.of(flowId);
        Target target = target(flow, identifier, provider, region);
        String column = overrideColumn(flow, request.priceType());
        LocalDate today = today();
        LocalDate from = request.effectiveFrom() == null ? today : request.effectiveFrom();
        if (from.isBefore(today.minusDays(30)) || from.isAfter(today.plusDays(365))) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED,
                    "effective_from must be between 30 days before and 365 days after today (" + today + ")");
        }
        OrgProfile profile = orgs.active(org);
        List<Row> live = liveRows(profile, flow, target);
        Instant version = live.stream().map(r -> r.instant("last_updated")).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        if (request.expectedLastUpdated() != null && !request.expectedLastUpdated().equals(version)) {
            throw stale(identifier, version);
        }
        Map<String, Object> params = target.params(org);
        params.put("value", request.overrideValue());
        params.put("from", from);
        params.put("notes", request.notes());
        params.put("now", now());
        params.put("expected", request.expectedLastUpdated());
        String table = flow.pricingTable();
        long changed = warehouse.execute(SqlText.of("UPDATE ${ds}." + table + " SET " + column
                + " = CAST(@value AS " + numeric() + "), is_override = TRUE, override_effective_from = @from,"
                + " override_notes = COALESCE(CAST(@notes AS STRING), override_notes), last_updated = @now"
                + " WHERE " + target.where(flow, "") + " AND " + LIVE
                + " AND (CAST(@expected AS TIMESTAMP) IS NULL OR (SELECT MAX(s.last_updated) FROM ${ds}." + table
                + " s WHERE " + target.where(flow, "s.") + " AND COALESCE(s.status, 'active') <> 'deleted')"
                + " = @expected)").with("ds", profile.dataset()), params);
        if (changed == 0) {
            throw stale(identifier, null);
        }
        return new PricingChange(true, org.value(), flow.id(), identifier, changed, "Override of " + column
                + " set to " + GenAiOrgs.exact(request.overrideValue()) + " from " + from,
                rows(profile, flow, target, false));
    }

    PricingChange clearOverride(OrgSlug org, String flowId, String identifier, String provider, String region) {
        GenAiFlow flow = GenAiFlow.of(flowId);
        Target target = target(flow, identifier, provider, region);
        OrgProfile profile = orgs.active(org);
        liveRows(profile, flow, target);
        String cleared = overrideColumns(flow).stream().map(c -> c + " = NULL").collect(Collectors.joining(", "));
        Map<String, Object> params = target.params(org);
        params.put("now", now());
        long changed = warehouse.execute(SqlText.of("UPDATE ${ds}." + flow.pricingTable() + " SET " + cleared
                + ", is_override = FALSE, override_effective_from = NULL, override_notes = NULL, last_updated = @now"
                + " WHERE " + target.where(flow, "") + " AND " + LIVE + " AND is_override")
                .with("ds", profile.dataset()), params);
        return new PricingChange(true, org.value(), flow.id(), identifier, changed, changed == 0
                ? "No override was set" : "Override cleared; list prices apply again", rows(profile, flow, target, false));
    }

    PricingChange delete(OrgSlug org, String flowId, String identifier, String provider, String region) {
        GenAiFlow flow = GenAiFlow.of(flowId);
        Target target = target(flow, identifier, provider, region);
        OrgProfile profile = orgs.active(org);
        List<Row> all = rows(profile, flow, target);
        if (all.isEmpty()) {
            throw notFound(flow, identifier);
        }
        requireOneProvider(all, target, identifier);
        if (all.stream().anyMatch(r -> !"deleted".equals(r.string("status")) && Boolean.TRUE.equals(r.bool("is_override")))) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Pricing " + identifier + " carries an org override;"
                    + " clear it first (DELETE .../" + identifier + "/override)");
        }
        Map<String, Object> params = target.params(org);
        params.put("now", now());
        long changed = warehouse.execute(SqlText.of("UPDATE ${ds}." + flow.pricingTable()
                + " SET status = 'deleted', last_updated = @now WHERE " + target.where(flow, "") + " AND " + LIVE)
                .with("ds", profile.dataset()), params);
        return new PricingChange(true, org.value(), flow.id(), identifier, changed,
                changed == 0 ? "Already deleted" : "Deleted " + changed + " price row(s)", rows(profile, flow, target, true));
    }

    /**
     * Adds a custom price, or updates the given fields of the row with the same price key (a shipped row stays a
     * shipped row, so replace-seeding restores it; its override is kept; a deleted row becomes active again).
     */
    CustomResult custom(OrgSlug org, String flowId, CustomPricingRequest request) {
        GenAiFlow flow = GenAiFlow.of(flowId);
        TableSpec table = catalog.table(flow.pricingTable());
        Map<String, Object> values = fields(request);
        List<String> foreign = values.keySet().stream()
                .filter(c -> !table.hasColumn(c) || NOT_SETTABLE.contains(c) || c.startsWith("override_")
                        || c.startsWith("x_"))
                .toList();
        if (!foreign.isEmpty()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "Not fields of " + flow.id() + " pricing: "
                    + String.join(", ", foreign));
        }
        if (!PROVIDERS.get(flow).contains(request.provider())) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "provider must be one of "
                    + PROVIDERS.get(flow).stream().sorted().toList() + " for " + flow.id() + " pricing");
        }
        values.putIfAbsent("region", "global");
        if (flow == GenAiFlow.INFRASTRUCTURE) {
            values.putIfAbsent("resource_type", "gpu");
        }
        List<String> missing = REQUIRED.get(flow).stream().filter(c -> values.get(c) == null).toList();
        if (flow == GenAiFlow.COMMITMENT && values.get("ptu_hourly_rate") == null && values.get("ptu_monthly_rate") == null) {
            missing = new ArrayList<>(missing);
            missing.add("ptu_hourly_rate or ptu_monthly_rate");
        }
        if (!missing.isEmpty()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, flow.id() + " pricing needs "
                    + String.join(", ", missing));
        }
        if (request.effectiveFrom() != null && request.effectiveTo() != null
                && request.effectiveTo().isBefore(request.effectiveFrom())) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "effective_to must not be before effective_from");
        }
        if (request.minUnits() != null && request.maxUnits() != null && request.maxUnits() < request.minUnits()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "max_units must not be below min_units");
        }
        OrgProfile profile = orgs.active(org);
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        Map<String, Object> key = new LinkedHashMap<>();
        flow.priceKey().forEach(c -> key.put(c, values.get(c)));
        TypedSql.bind(params, key);
        String keyMatch = flow.priceKey().stream()
                .map(c -> c + " IS NOT DISTINCT FROM " + TypedSql.cast(table, c, warehouse.dialect()))
                .collect(Collectors.joining(" AND "));
        SqlText existing = SqlText.of("SELECT * FROM ${ds}." + table.name() + " WHERE x_org_slug = @org AND "
                + keyMatch).with("ds", profile.dataset());
        boolean exists = !warehouse.query(existing, params).isEmpty();
        Instant now = now();
        values.putIfAbsent("status", "active");
        values.put("last_updated", now);
        if (exists) {
            TypedSql.bind(params, values);
            warehouse.execute(SqlText.of("UPDATE ${ds}." + table.name() + " SET "
                    + TypedSql.assignments(table, values.keySet(), warehouse.dialect())
                    + " WHERE x_org_slug = @org AND " + keyMatch).with("ds", profile.dataset()), params);
        } else {
            values.put("is_override", false);
            if (table.hasColumn("pricing_id")) {
                values.put("pricing_id", UUID.randomUUID().toString());
            }
            LocalDate today = today();
            values.put("x_org_slug", org.value());
            values.put("x_pipeline_id", CUSTOM_WRITER);
            values.put("x_credential_id", null);
            values.put("x_pipeline_run_date", today);
            values.put("x_run_id", GenAiOrgs.runId());
            values.put("x_ingested_at", now);
            values.put("x_ingestion_date", today);
            TypedSql.bind(params, values);
            warehouse.execute(SqlText.of(TypedSql.insert(table, values.keySet(), warehouse.dialect()))
                    .with("ds", profile.dataset()), params);
        }
        List<Map<String, Object>> rows = warehouse.query(existing, params).stream()
                .map(r -> view(flow, r)).toList();
        return new CustomResult(true, org.value(), flow.id(), !exists, exists ? "Custom price updated"
                : "Custom price added", rows);
    }

    /** Copies the shipped price list of one flow (or all three) into the org's tables. */
    SeedResult seedDefaults(OrgSlug org, String flowId, boolean replace) {
        List<GenAiFlow> flows = flowId == null ? List.of(GenAiFlow.values()) : List.of(GenAiFlow.of(flowId));
        OrgProfile profile = orgs.active(org);
        Map<String, Integer> seeded = new LinkedHashMap<>();
        for (GenAiFlow flow : flows) {
            seeded.put(flow.id(), defaults.seed(profile.dataset(), org.value(), flow, replace, GenAiOrgs.runId(), now()));
        }
        int total = seeded.values().stream().mapToInt(Integer::intValue).sum();
        return new SeedResult(true, org.value(), replace, seeded, replace
                ? "Restored the shipped prices (" + total + " rows); overrides on them were cleared"
                : total == 0 ? "Every shipped price was already present" : "Added " + total + " missing shipped prices");
    }

    /** Answer of a custom price: {@code created} tells a new row (201) from an updated one (200). */
    record CustomResult(boolean success, String orgSlug, String flow, boolean created, String message,
                        List<Map<String, Object>> pricing) {
    }

    private static final String LIVE = "COALESCE(status, 'active') <> 'deleted'";

    private List<Map<String, Object>> list(OrgProfile profile, GenAiFlow flow, String provider, boolean includeInactive) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", profile.slug().value());
        params.put("provider", provider);
        params.put("all", includeInactive);
        String order = flow == GenAiFlow.INFRASTRUCTURE ? "provider, instance_type, region, effective_from"
                : "provider, model, region, effective_from";
        return warehouse.query(SqlText.of("SELECT * FROM ${ds}." + flow.pricingTable()
                        + " WHERE x_org_slug = @org AND (CAST(@provider AS STRING) IS NULL OR provider = @provider)"
                        + " AND (@all OR COALESCE(status, 'active') IN ('active', 'preview')) ORDER BY " + order)
                .with("ds", profile.dataset()), params).stream().map(r -> view(flow, r)).toList();
    }

    /** A price row as JSON: its columns without lineage, plus its flow and origin (default or custom). */
    private static Map<String, Object> view(GenAiFlow flow, Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", flow.id());
        GenAiOrgs.json(row.values()).forEach((column, value) -> {
            if (!column.startsWith("x_")) {
                out.put(column, value);
            }
        });
        out.put("origin", GenAiDefaultPricing.WRITER.equals(row.string("x_pipeline_id")) ? "default" : "custom");
        return out;
    }

    private List<Row> rows(OrgProfile profile, GenAiFlow flow, Target target) {
        return warehouse.query(SqlText.of("SELECT * FROM ${ds}." + flow.pricingTable() + " WHERE "
                + target.where(flow, "")).with("ds", profile.dataset()), target.params(profile.slug()));
    }

    private List<Map<String, Object>> rows(OrgProfile profile, GenAiFlow flow, Target target, boolean withDeleted) {
        return rows(profile, flow, target).stream()
                .filter(r -> withDeleted || !"deleted".equals(r.string("status"))).map(r -> view(flow, r)).toList();
    }

    /** The entry's rows that are not deleted; 404 when there are none, 400 when two providers share it. */
    private List<Row> liveRows(OrgProfile profile, GenAiFlow flow, Target target) {
        List<Row> live = rows(profile, flow, target).stream().filter(r -> !"deleted".equals(r.string("status"))).toList();
        if (live.isEmpty()) {
            throw notFound(flow, target.identifier());
        }
        requireOneProvider(live, target, target.identifier());
        return live;
    }

    private static void requireOneProvider(List<Row> rows, Target target, String identifier) {
        Set<String> providers = rows.stream().map(r -> r.string("provider"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (target.provider() == null && providers.size() > 1) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, identifier + " is priced by " + providers
                    + "; name one with the provider query parameter");
        }
    }

    private static Target target(GenAiFlow flow, String identifier, String provider, String region) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, (flow == GenAiFlow.INFRASTRUCTURE ? "instance_type"
                    : "model") + " must be 1-200 letters, digits, '_', '.', ':' or '-'");
        }
        checkProvider(flow, provider);
        if (region != null && !NAME.matcher(region).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "region must be 1-200 letters, digits, '_', '.' or '-'");
        }
        return new Target(identifier, provider, region);
    }

    private static void checkProvider(GenAiFlow flow, String provider) {
        if (provider == null) {
            return;
        }
        Set<String> known = flow == null ? PROVIDERS.values().stream().flatMap(Set::stream).collect(Collectors.toSet())
                : PROVIDERS.get(flow);
        if (!known.contains(provider)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "Unknown provider '" + provider.substring(0,
                    Math.min(provider.length(), 50)) + "'; use one of " + known.stream().sorted().toList());
        }
    }

    /** Which price an override replaces. */
    private static String overrideColumn(GenAiFlow flow, String priceType) {
        return switch (flow) {
            case PAYG -> switch (priceType == null ? "input" : priceType) {
                case "input" -> "override_input_per_1m";
                case "output" -> "override_output_per_1m";
                default -> throw badPriceType(flow, "input or output");
            };
            case COMMITMENT -> switch (priceType == null ? "hourly" : priceType) {
                case "hourly" -> "override_hourly_rate";
                case "monthly" -> "override_monthly_rate";
                default -> throw badPriceType(flow, "hourly or monthly");
            };
            case INFRASTRUCTURE -> {
                if (priceType != null && !priceType.equals("hourly")) {
                    throw badPriceType(flow, "hourly");
                }
                yield "override_hourly_rate";
            }
        };
    }

    private static List<String> overrideColumns(GenAiFlow flow) {
        return switch (flow) {
            case PAYG -> List.of("override_input_per_1m", "override_output_per_1m");
            case COMMITMENT -> List.of("override_hourly_rate", "override_monthly_rate");
            case INFRASTRUCTURE -> List.of("override_hourly_rate");
        };
    }

    private static CloudActException badPriceType(GenAiFlow flow, String allowed) {
        return new CloudActException(ErrorCode.VALIDATION_FAILED, "price_type of " + flow.id() + " pricing must be "
                + allowed);
    }

    private static CloudActException notFound(GenAiFlow flow, String identifier) {
        return new CloudActException(ErrorCode.NOT_FOUND, "No " + flow.id() + " pricing for " + identifier);
    }

    private static CloudActException stale(String identifier, Instant version) {
        return new CloudActException(ErrorCode.CONFLICT, "Pricing " + identifier + " was changed by someone else"
                + (version == null ? "" : " (last_updated " + version + ")") + "; reload it and retry");
    }

    /** The request's non-null fields by column name. */
    private static Map<String, Object> fields(Record request) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(request);
                if (value != null) {
                    JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
                    values.put(named != null ? named.value() : snake(component.getName()), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    private static String snake(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private String numeric() {
        return warehouse.dialect() == Dialect.DUCKDB ? "DECIMAL(38,18)" : "BIGNUMERIC";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** One price entry: its identifier, and the provider and region that narrow it (null = any). */
    private record Target(String identifier, String provider, String region) {

        String where(GenAiFlow flow, String alias) {
            String id = flow == GenAiFlow.INFRASTRUCTURE ? "instance_type" : "model";
            return alias + "x_org_slug = @org AND " + alias + id + " = @identifier"
                    + " AND (CAST(@provider AS STRING) IS NULL OR " + alias + "provider = @provider)"
                    + " AND (CAST(@region AS STRING) IS NULL OR " + alias + "region = @region)";
        }

        Map<String, Object> params(OrgSlug org) {
            Map<String, Object> params = new HashMap<>();
            params.put("org", org.value());
            params.put("identifier", identifier);
            params.put("provider", provider);
            params.put("region", region);
            return params;
        }
    }
}
