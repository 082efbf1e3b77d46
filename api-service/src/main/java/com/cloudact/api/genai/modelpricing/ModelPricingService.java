package com.cloudact.api.genai.modelpricing;

import com.cloudact.api.genai.GenAiOrgs;
import com.cloudact.api.genai.TypedSql;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.BulkItemResult;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.BulkPricingUpdateResponse;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.PriceFields;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.PricingList;
import com.cloudact.api.genai.modelpricing.ModelPricingViews.ResetResult;
import com.cloudact.api.organizations.OrgProfile;
import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Provider;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An org's per-provider model price list ({@code genai_model_pricing}, USD per 1K tokens). A provider's defaults
 * are derived from the shipped PAYG price list ({@link DefaultModelPrices}) and seeded when its integration is
 * set up with a valid key, on first read when the org has no row of that provider, and on reset. Rows the org
 * adds are custom ({@code is_custom}); reset replaces the defaults and keeps them. Provider {@code custom} holds
 * models of no listed provider and has no defaults.
 */
@Service
public class ModelPricingService {

    static final List<String> PROVIDERS = List.of("openai", "anthropic", "gemini", "deepseek", "custom");
    private static final Pattern MODEL_ID = Pattern.compile(ModelPricingViews.MODEL_ID);
    private static final Map<String, String> EXTRAS = Map.of("x_gemini_context_window", "gemini", "x_gemini_region",
            "gemini", "x_anthropic_tier", "anthropic", "x_openai_batch_input_price", "openai",
            "x_openai_batch_output_price", "openai");
    private static final String TABLE = "genai_model_pricing";
    private static final Logger LOG = LoggerFactory.getLogger(ModelPricingService.class);

    private final Warehouse warehouse;
    private final TableSpec table;
    private final GenAiOrgs orgs;
    private final Clock clock;
    private final Map<String, Object> seedLocks = new ConcurrentHashMap<>();

    ModelPricingService(Warehouse warehouse, TableCatalog catalog, GenAiOrgs orgs, Clock clock) {
        this.warehouse = warehouse;
        this.table = catalog.table(TABLE);
        this.orgs = orgs;
        this.clock = clock;
    }

    /**
     * Seeds a GenAI provider's default prices for an org that has none of them yet; called when its integration
     * is stored with a valid key. Other providers are ignored. A failure is logged, not raised: the first read
     * seeds again.
     */
    public void seedAfterValidation(OrgSlug org, Provider provider) {
        if (!PROVIDERS.contains(provider.id())) {
            return;
        }
        try {
            seedIfEmpty(orgs.active(org), provider.id());
        } catch (RuntimeException e) {
            LOG.warn("Seeding the default {} model prices of {} failed; the first read retries: {}", provider.id(),
                    org, e.getMessage());
        }
    }

    PricingList list(OrgSlug org, String provider, boolean includeCustom, Boolean enabled, int limit, int offset) {
        checkProvider(provider);
        if (limit < 0 || limit > 500) {
            throw invalid("limit must be 0-500");
        }
        if (offset < 0) {
            throw invalid("offset must not be negative");
        }
        OrgProfile profile = orgs.active(org);
        seedIfEmpty(profile, provider);
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("provider", provider);
        params.put("custom", includeCustom);
        params.put("enabled", enabled);
        String where = " WHERE (provider = @provider OR (@custom AND provider = 'custom'))"
                + " AND (CAST(@enabled AS BOOL) IS NULL OR is_enabled = @enabled)";
        params.put("limit", (long) limit);
        params.put("offset", (long) offset);
        List<Map<String, Object>> rows = warehouse.query(sql("SELECT * FROM ${ds}." + TABLE + where
                + " ORDER BY provider, model_id LIMIT @limit OFFSET @offset", profile), params).stream()
                .map(r -> GenAiOrgs.json(r.values())).toList();
        long total = warehouse.query(sql("SELECT COUNT(*) AS n FROM ${ds}." + TABLE + where, profile), params)
                .getFirst().longValue("n");
        return new PricingList(org.value(), provider, rows, rows.size(), total);
    }

    Map<String, Object> get(OrgSlug org, String provider, String modelId) {
        checkProvider(provider);
        checkModelId(modelId);
        OrgProfile profile = orgs.active(org);
        seedIfEmpty(profile, provider);
        return find(profile, provider, modelId).map(r -> GenAiOrgs.json(r.values()))
                .orElseThrow(() -> notFound(provider, modelId));
    }

    Map<String, Object> create(OrgSlug org, String provider, PriceFields request) {
        checkProvider(provider);
        Map<String, Object> values = fields(request);
        List<String> missing = new ArrayList<>();
        for (String required : List.of("model_id", "input_price_per_1k", "output_price_per_1k", "effective_date",
                "pricing_type")) {
            if (values.get(required) == null) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "A model price needs " + String.join(", ", missing));
        }
        checkValues(provider, values, null);
        OrgProfile profile = orgs.active(org);
        seedIfEmpty(profile, provider);
        String modelId = request.modelId();
        if (find(profile, provider, modelId).isPresent()) {
            throw new CloudActException(ErrorCode.ALREADY_EXISTS, provider + " model " + modelId
                    + " already has a price; update it with PUT");
        }
        Instant now = now();
        values.put("pricing_id", UUID.randomUUID().toString());
        values.put("provider", provider);
        values.put("is_custom", true);
        values.putIfAbsent("model_name", modelId);
        values.putIfAbsent("is_enabled", true);
        values.put("created_at", now);
        values.put("updated_at", now);
        Map<String, Object> params = new HashMap<>();
        TypedSql.bind(params, values);
        warehouse.execute(sql(TypedSql.insert(table, values.keySet(), warehouse.dialect()), profile), params);
        return GenAiOrgs.json(find(profile, provider, modelId).orElseThrow().values());
    }

    Map<String, Object> update(OrgSlug org, String provider, String modelId, PriceFields request) {
        checkProvider(provider);
        checkModelId(modelId);
        if (request.modelId() != null && !request.modelId().equals(modelId)) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "model_id cannot be changed; create a new price");
        }
        Map<String, Object> values = fields(request);
        values.remove("model_id");
        if (values.isEmpty()) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "Give at least one field to change");
        }
        OrgProfile profile = orgs.active(org);
        seedIfEmpty(profile, provider);
        Row current = find(profile, provider, modelId).orElseThrow(() -> notFound(provider, modelId));
        checkValues(provider, values, current);
        apply(profile, provider, modelId, values);
        return GenAiOrgs.json(find(profile, provider, modelId).orElseThrow().values());
    }

    void delete(OrgSlug org, String provider, String modelId) {
        checkProvider(provider);
        checkModelId(modelId);
        OrgProfile profile = orgs.active(org);
        long removed = warehouse.execute(sql("DELETE FROM ${ds}." + TABLE
                + " WHERE provider = @provider AND model_id = @model", profile),
                Map.of("provider", provider, "model", modelId));
        if (removed == 0) {
            throw notFound(provider, modelId);
        }
    }

    /** Replaces the provider's default prices by the shipped ones; the org's own (custom) models are kept. */
    ResetResult reset(OrgSlug org, String provider) {
        checkProvider(provider);
        OrgProfile profile = orgs.active(org);
        synchronized (lock(profile, provider)) {
            Set<String> custom = new HashSet<>();
            warehouse.query(sql("SELECT model_id FROM ${ds}." + TABLE + " WHERE provider = @provider AND is_custom",
                    profile), Map.of("provider", provider)).forEach(r -> custom.add(r.string("model_id")));
            List<Map<String, Object>> defaults = defaults(provider).stream()
                    .filter(d -> !custom.contains((String) d.get("model_id"))).toList();
            StringBuilder script = new StringBuilder("DELETE FROM ${ds}." + TABLE
                    + " WHERE provider = @provider AND NOT is_custom;\n");
            Map<String, Object> params = new HashMap<>();
            params.put("provider", provider);
            if (!defaults.isEmpty()) {
                List<String> columns = new ArrayList<>(defaults.getFirst().keySet());
                script.append(TypedSql.insertRows(table, columns, defaults.size(), warehouse.dialect())).append(";");
                TypedSql.bindRows(params, columns, defaults);
            }
            warehouse.executeScript(sql(script.toString(), profile), params);
            return new ResetResult(true, org.value(), provider, defaults.size(), custom.size(), defaults.isEmpty()
                    ? "CloudAct ships no default prices for " + provider
                    : "Restored " + defaults.size() + " default " + provider + " prices; " + custom.size()
                    + " custom model(s) kept");
        }
    }

    /** Updates several models; unknown models are reported, not fatal. All known ones change in one transaction. */
    BulkPricingUpdateResponse bulk(OrgSlug org, String provider, List<PriceFields> updates) {
        checkProvider(provider);
        Set<String> seen = new HashSet<>();
        for (PriceFields item : updates) {
            if (item.modelId() == null) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED, "Every update names its model_id");
            }
            if (!seen.add(item.modelId())) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED, "model_id " + item.modelId()
                        + " is listed twice");
            }
            Map<String, Object> values = fields(item);
            values.remove("model_id");
            if (values.isEmpty()) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED, "The update of " + item.modelId()
                        + " changes nothing");
            }
        }
        OrgProfile profile = orgs.active(org);
        seedIfEmpty(profile, provider);
        List<BulkItemResult> results = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        params.put("provider", provider);
        params.put("now", now());
        int i = 0;
        for (PriceFields item : updates) {
            Row current = find(profile, provider, item.modelId()).orElse(null);
            if (current == null) {
                results.add(new BulkItemResult(item.modelId(), false, "No " + provider + " price for this model"));
                continue;
            }
            Map<String, Object> values = fields(item);
            values.remove("model_id");
            checkValues(provider, values, current);
            String prefix = "b" + i++ + "_";
            List<String> assignments = new ArrayList<>();
            values.forEach((column, value) -> {
                params.put(prefix + column, value);
                assignments.add(column + " = " + TypedSql.cast(table, column, warehouse.dialect(), prefix));
            });
            params.put(prefix + "model", item.modelId());
            script.append("UPDATE ${ds}.").append(TABLE).append(" SET ").append(String.join(", ", assignments))
                    .append(", updated_at = @now WHERE provider = @provider AND model_id = @").append(prefix)
                    .append("model;\n");
            results.add(new BulkItemResult(item.modelId(), true, null));
        }
        if (!script.isEmpty()) {
            warehouse.executeScript(sql(script.toString(), profile), params);
        }
        int updated = (int) results.stream().filter(BulkItemResult::success).count();
        return new BulkPricingUpdateResponse(updated == results.size(), org.value(), provider, updated,
                results.size() - updated, results);
    }

    private void apply(OrgProfile profile, String provider, String modelId, Map<String, Object> values) {
        Map<String, Object> params = new HashMap<>();
        TypedSql.bind(params, values);
        params.put("provider", provider);
        params.put("model", modelId);
        params.put("now", now());
        warehouse.execute(sql("UPDATE ${ds}." + TABLE + " SET " + TypedSql.assignments(table, values.keySet(),
                warehouse.dialect()) + ", updated_at = @now WHERE provider = @provider AND model_id = @model",
                profile), params);
    }

    /** Seeds the provider's defaults when the org has no row of that provider (one seeding per org at a time). */
    private void seedIfEmpty(OrgProfile profile, String provider) {
        if ("custom".equals(provider)) {
            return;
        }
        synchronized (lock(profile, provider)) {
            long rows = warehouse.query(sql("SELECT COUNT(*) AS n FROM ${ds}." + TABLE
                    + " WHERE provider = @provider", profile), Map.of("provider", provider)).getFirst().longValue("n");
            List<Map<String, Object>> defaults = rows > 0 ? List.of() : defaults(provider);
            if (defaults.isEmpty()) {
                return;
            }
            List<String> columns = new ArrayList<>(defaults.getFirst().keySet());
            Map<String, Object> params = new HashMap<>();
            TypedSql.bindRows(params, columns, defaults);
            warehouse.execute(sql(TypedSql.insertRows(table, columns, defaults.size(), warehouse.dialect()), profile),
                    params);
        }
    }

    private List<Map<String, Object>> defaults(String provider) {
        Instant now = now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> price : DefaultModelPrices.of(provider, LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pricing_id", UUID.randomUUID().toString());
            row.putAll(price);
            row.put("created_at", now);
            row.put("updated_at", now);
            rows.add(row);
        }
        return rows;
    }

    private java.util.Optional<Row> find(OrgProfile profile, String provider, String modelId) {
        return warehouse.query(sql("SELECT * FROM ${ds}." + TABLE + " WHERE provider = @provider AND model_id = @model",
                profile), Map.of("provider", provider, "model", modelId)).stream().findFirst();
    }

    /** Rules across fields: provider extras only for their provider, end date not before the effective date. */
    private static void checkValues(String provider, Map<String, Object> values, Row current) {
        for (Map.Entry<String, String> extra : EXTRAS.entrySet()) {
            if (values.get(extra.getKey()) != null && !extra.getValue().equals(provider)) {
                throw new CloudActException(ErrorCode.VALIDATION_FAILED, extra.getKey() + " is a field of "
                        + extra.getValue() + " prices only");
            }
        }
        LocalDate from = values.containsKey("effective_date") ? (LocalDate) values.get("effective_date")
                : current == null ? null : current.date("effective_date");
        LocalDate to = values.containsKey("end_date") ? (LocalDate) values.get("end_date")
                : current == null ? null : current.date("end_date");
        if (from != null && to != null && to.isBefore(from)) {
            throw new CloudActException(ErrorCode.VALIDATION_FAILED, "end_date must not be before effective_date");
        }
    }

    private static void checkProvider(String provider) {
        if (!PROVIDERS.contains(provider)) {
            throw invalid("Model pricing is kept for " + PROVIDERS + ", not '"
                    + provider.substring(0, Math.min(provider.length(), 50)) + "'");
        }
    }

    private static void checkModelId(String modelId) {
        if (!MODEL_ID.matcher(modelId).matches()) {
            throw invalid("model_id must be 1-200 letters, digits, '_', '.', ':' or '-'");
        }
    }

    /** The request's non-null fields by column name. */
    private static Map<String, Object> fields(Record request) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(request);
                if (value != null) {
                    JsonProperty named = component.getAccessor().getAnnotation(JsonProperty.class);
                    values.put(named != null ? named.value()
                            : component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    private Object lock(OrgProfile profile, String provider) {
        return seedLocks.computeIfAbsent(profile.slug().value() + ":" + provider, k -> new Object());
    }

    private static SqlText sql(String text, OrgProfile profile) {
        DatasetName dataset = profile.dataset();
        return SqlText.of(text).with("ds", dataset);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static CloudActException notFound(String provider, String modelId) {
        return new CloudActException(ErrorCode.NOT_FOUND, "No " + provider + " price for model " + modelId);
    }

    private static CloudActException invalid(String message) {
        return new CloudActException(ErrorCode.INVALID_PARAMETER, message);
    }
}
