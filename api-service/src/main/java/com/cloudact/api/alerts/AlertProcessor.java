package com.cloudact.api.alerts;

import com.cloudact.api.ApiProperties;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.autoconfigure.SecurityProperties;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily alert evaluation (alerts-daily job). For each active org's active rules: threshold rules compare the
 * month-to-date billed cost with their amount; budget rules compare each current budget's actual spend (by
 * category, provider and hierarchy entity) with its amount; anomaly rules compare yesterday with the day before
 * (percent change) or with the mean of the look-back window (standard deviations). A triggered rule outside its
 * cool-down notifies its channels through the pipeline service and is recorded in the notification history.
 */
@Service
class AlertProcessor {

    static final List<String> TYPES = List.of("cost_threshold", "absolute_threshold", "budget_percent",
            "budget_forecast", "hierarchy_budget", "anomaly_percent_change", "anomaly_std_deviation");
    private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final SqlText ORGS = SqlText.of("""
            SELECT org_slug, default_currency FROM ${central}.org_profiles
            WHERE status = 'ACTIVE' AND (CAST(@org AS STRING) IS NULL OR org_slug = @org) ORDER BY org_slug""")
            .with("central", CENTRAL);
    private static final SqlText RULES = SqlText.of("""
            SELECT * FROM ${central}.org_notification_rules
            WHERE org_slug = @org AND is_active AND rule_type IN UNNEST(@types)""").with("central", CENTRAL);
    private static final SqlText BUDGETS = SqlText.of("""
            SELECT * FROM ${central}.org_budgets
            WHERE org_slug = @org AND is_active AND period_start <= @today AND period_end >= @today""")
            .with("central", CENTRAL);
    private static final SqlText CHANNELS = SqlText.of("""
            SELECT * FROM ${central}.org_notification_channels
            WHERE org_slug = @org AND is_active AND channel_id IN UNNEST(@ids)""").with("central", CENTRAL);
    private static final SqlText TRIGGERED = SqlText.of("""
            UPDATE ${central}.org_notification_rules
            SET last_triggered_at = @now, trigger_count_today = COALESCE(trigger_count_today, 0) + 1, updated_at = @now
            WHERE org_slug = @org AND rule_id = @rule""").with("central", CENTRAL);
    private static final SqlText HISTORY = SqlText.of("""
            INSERT INTO ${central}.org_notification_history (notification_id, org_slug, rule_id, channel_id,
                notification_type, priority, subject, body_preview, status, sent_at, error_message, trigger_data,
                recipients, created_at)
            VALUES (@id, @org, @rule, @channel, 'alert', @priority, @subject, @body, @status, @sent, @error,
                PARSE_JSON(@data), @recipients, @now)""").with("central", CENTRAL);

    /** One request of the operator. */
    record Request(String orgSlug, List<String> alertTypes, boolean sendNotifications, boolean dryRun) {
    }

    /** One rule that fired. */
    record Trigger(AlertRule rule, BigDecimal value, BigDecimal threshold, String message) {
    }

    private final Warehouse warehouse;
    private final DeploymentEnv env;
    private final Clock clock;
    private final URI pipelineUrl;
    private final String rootKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    AlertProcessor(Warehouse warehouse, DeploymentEnv env, Clock clock, ApiProperties api, SecurityProperties security) {
        this.warehouse = warehouse;
        this.env = env;
        this.clock = clock;
        this.pipelineUrl = api.pipelineServiceUrl();
        this.rootKey = security.rootKey();
    }

    Map<String, Object> processAll(Request request) {
        List<String> types = request.alertTypes() == null || request.alertTypes().isEmpty() ? TYPES : request.alertTypes();
        Map<String, Object> orgParams = new HashMap<>();
        orgParams.put("org", request.orgSlug() == null ? null : OrgSlug.of(request.orgSlug()).value());
        int orgs = 0;
        int triggered = 0;
        int sent = 0;
        List<String> orgErrors = new ArrayList<>();
        for (Row org : warehouse.query(ORGS, orgParams)) {
            orgs++;
            OrgSlug slug = OrgSlug.of(org.string("org_slug"));
            try {
                List<Trigger> fired = evaluate(slug, types);
                triggered += fired.size();
                if (!request.dryRun()) {
                    for (Trigger trigger : fired) {
                        sent += act(slug, org.string("default_currency"), trigger, request.sendNotifications());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Alert evaluation of {} failed", slug, e);
                if (orgErrors.size() < 10) {
                    orgErrors.add(slug + ": " + e.getMessage());
                }
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("success", orgErrors.isEmpty());
        response.put("orgs_processed", orgs);
        response.put("alerts_triggered", triggered);
        response.put("notifications_sent", sent);
        response.put("errors", orgErrors.size());
        response.put("org_errors", orgErrors);
        response.put("message", "%s %d orgs: %d alerts triggered, %d notifications sent"
                .formatted(request.dryRun() ? "Dry run over" : "Evaluated", orgs, triggered, sent));
        return response;
    }

    List<Trigger> evaluate(OrgSlug org, List<String> types) {
        List<AlertRule> rules = warehouse.query(RULES, Map.of("org", org.value(), "types", types)).stream()
                .map(this::rule).toList();
        if (rules.isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        CostFacts costs = new CostFacts(warehouse, org, DatasetName.forOrg(org, env));
        BigDecimal monthToDate = costs.total(today.withDayOfMonth(1), today, null, null, null);
        List<Row> budgets = warehouse.query(BUDGETS, Map.of("org", org.value(), "today", today));
        List<Trigger> fired = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (rule.lastTriggeredAt() != null
                    && rule.lastTriggeredAt().plus(Duration.ofMinutes(rule.cooldownMinutes())).isAfter(clock.instant())) {
                continue;
            }
            switch (rule.type()) {
                case "cost_threshold", "absolute_threshold" -> {
                    double threshold = rule.number("threshold_amount", rule.number("budget_amount", 0));
                    if (threshold > 0 && monthToDate.compareTo(BigDecimal.valueOf(threshold)) >= 0) {
                        fired.add(new Trigger(rule, monthToDate, BigDecimal.valueOf(threshold),
                                "Month-to-date cost reached the threshold"));
                    }
                }
                case "budget_percent", "hierarchy_budget", "budget_forecast" ->
                        budgetTrigger(rule, budgets, costs, today).ifPresent(fired::add);
                case "anomaly_percent_change" -> percentChange(rule, costs, today).ifPresent(fired::add);
                case "anomaly_std_deviation" -> deviation(rule, costs, today).ifPresent(fired::add);
                default -> LOG.debug("Rule type {} is not evaluated daily", rule.type());
            }
        }
        return fired;
    }

    private Optional<Trigger> budgetTrigger(AlertRule rule, List<Row> budgets, CostFacts costs, LocalDate today) {
        boolean forecast = rule.type().equals("budget_forecast");
        double threshold = forecast ? rule.number("forecast_threshold_percent", 100)
                : rule.number("threshold_percent", 80);
        for (Row budget : budgets) {
            String entity = budget.string("hierarchy_entity_id");
            if (rule.hierarchyEntityId() != null && !rule.hierarchyEntityId().equals(entity)) {
                continue;
            }
            String category = budget.string("category");
            BigDecimal actual = costs.total(budget.date("period_start"), today,
                    "total".equals(category) ? null : category, budget.string("provider"),
                    "ORG".equals(entity) ? null : entity);
            if (forecast) {
                long elapsed = today.toEpochDay() - budget.date("period_start").toEpochDay() + 1;
                long length = budget.date("period_end").toEpochDay() - budget.date("period_start").toEpochDay() + 1;
                actual = actual.multiply(BigDecimal.valueOf(length)).divide(BigDecimal.valueOf(elapsed), 6,
                        RoundingMode.HALF_UP);
            }
            BigDecimal amount = budget.decimal("budget_amount");
            if (amount.signum() > 0) {
                BigDecimal percent = actual.multiply(BigDecimal.valueOf(100)).divide(amount, 2, RoundingMode.HALF_UP);
                if (percent.doubleValue() >= threshold) {
                    return Optional.of(new Trigger(rule, percent, BigDecimal.valueOf(threshold), (forecast
                            ? "Forecast spend of budget " : "Spend of budget ") + budget.string("budget_id")
                            + " is at " + percent + "%"));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Trigger> percentChange(AlertRule rule, CostFacts costs, LocalDate today) {
        Map<LocalDate, BigDecimal> days = costs.daily(today.minusDays(2), today.minusDays(1));
        BigDecimal before = days.getOrDefault(today.minusDays(2), BigDecimal.ZERO);
        BigDecimal after = days.getOrDefault(today.minusDays(1), BigDecimal.ZERO);
        double minChange = rule.number("min_absolute_change", 0);
        if (before.signum() == 0 || after.subtract(before).abs().doubleValue() < minChange) {
            return Optional.empty();
        }
        BigDecimal change = after.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 2, RoundingMode.HALF_UP);
        double threshold = rule.number("threshold_percent", 20);
        return change.abs().doubleValue() >= threshold ? Optional.of(new Trigger(rule, change,
                BigDecimal.valueOf(threshold), "Yesterday's cost changed by " + change + "% from the day before"))
                : Optional.empty();
    }

    private Optional<Trigger> deviation(AlertRule rule, CostFacts costs, LocalDate today) {
        int lookback = (int) rule.number("lookback_days", 14);
        Map<LocalDate, BigDecimal> days = costs.daily(today.minusDays(lookback + 1L), today.minusDays(1));
        List<Double> window = new ArrayList<>();
        for (LocalDate day = today.minusDays(lookback + 1L); day.isBefore(today.minusDays(1)); day = day.plusDays(1)) {
            window.add(days.getOrDefault(day, BigDecimal.ZERO).doubleValue());
        }
        double mean = window.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(window.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(0));
        double yesterday = days.getOrDefault(today.minusDays(1), BigDecimal.ZERO).doubleValue();
        double k = rule.number("std_dev_threshold", 2);
        if (sd == 0 || Math.abs(yesterday - mean) < k * sd) {
            return Optional.empty();
        }
        return Optional.of(new Trigger(rule, BigDecimal.valueOf(yesterday).setScale(2, RoundingMode.HALF_UP),
                BigDecimal.valueOf(mean + k * sd).setScale(2, RoundingMode.HALF_UP),
                "Yesterday's cost is more than " + k + " standard deviations from the " + lookback + "-day mean"));
    }

    /** Records the trigger, notifies its channels, and returns how many notifications went out. */
    private int act(OrgSlug org, String currency, Trigger trigger, boolean send) {
        Instant now = clock.instant();
        warehouse.execute(TRIGGERED, Map.of("org", org.value(), "rule", trigger.rule().ruleId(), "now", now));
        int delivered = 0;
        List<Row> channels = trigger.rule().channelIds().isEmpty() ? List.of()
                : warehouse.query(CHANNELS, Map.of("org", org.value(), "ids", trigger.rule().channelIds()));
        for (Row channel : channels) {
            List<String> recipients = channel.list("email_recipients").stream().map(String::valueOf).toList();
            String subject = "[CloudAct] " + trigger.rule().name();
            String error = null;
            String status = "skipped";
            if (send) {
                error = deliver(org, currency, trigger, recipients);
                status = error == null ? "sent" : "failed";
                delivered += error == null ? 1 : 0;
            }
            Map<String, Object> params = new HashMap<>();
            params.put("id", UUID.randomUUID().toString());
            params.put("org", org.value());
            params.put("rule", trigger.rule().ruleId());
            params.put("channel", channel.string("channel_id"));
            params.put("priority", trigger.rule().priority());
            params.put("subject", subject);
            params.put("body", trigger.message());
            params.put("status", status);
            params.put("sent", "sent".equals(status) ? now : null);
            params.put("error", error);
            params.put("data", json.writeValueAsString(Map.of("value", trigger.value(), "threshold",
                    trigger.threshold(), "currency", currency == null ? "USD" : currency)));
            params.put("recipients", recipients);
            params.put("now", now);
            warehouse.execute(HISTORY, params);
        }
        return delivered;
    }

    /** Sends through the pipeline service's notification sender; returns the error, or null when sent. */
    private String deliver(OrgSlug org, String currency, Trigger trigger, List<String> recipients) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("org_slug", org.value());
        body.put("event", "alert_triggered");
        body.put("severity", trigger.rule().priority());
        body.put("title", trigger.rule().name());
        body.put("message", trigger.message());
        body.put("rule_id", trigger.rule().ruleId());
        body.put("recipients", recipients);
        body.put("channels", List.of("email"));
        body.put("total_cost", trigger.value());
        body.put("threshold", trigger.threshold());
        body.put("currency", currency == null ? "USD" : currency);
        body.put("period", "current_month");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            pipelineUrl.resolve("/api/v1/notifications/send")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header(AuthHeaders.ROOT_KEY, rootKey == null ? "" : rootKey)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? null : "Notification service answered " + response.statusCode();
        } catch (IOException e) {
            return "Notification service unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted";
        }
    }

    private AlertRule rule(Row row) {
        Long cooldown = row.longValue("cooldown_minutes");
        return new AlertRule(row.string("rule_id"), row.string("name"), row.string("priority"), row.string("rule_type"),
                json.readTree(row.string("conditions") == null ? "{}" : row.string("conditions")),
                row.string("hierarchy_entity_id"), row.list("notify_channel_ids").stream().map(String::valueOf).toList(),
                cooldown == null ? 60 : cooldown, row.instant("last_triggered_at"));
    }
}
