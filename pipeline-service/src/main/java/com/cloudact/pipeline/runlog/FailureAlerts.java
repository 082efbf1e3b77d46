package com.cloudact.pipeline.runlog;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the alert of a run whose failed step says {@code on_failure: alert}, where the product keeps alerts:
 * one {@code org_notification_history} row (type {@code alert}, status {@code queued}) per active channel of the
 * org's active {@code pipeline_failure} rules, or of its default channels when it has no such rule; the rules are
 * marked triggered. Delivery is the notification sender's job, not the pipeline's. An org with no channel at all
 * still gets one row (channel {@code none}, status {@code skipped}), so the failure is never silent.
 */
@Component
public class FailureAlerts {

    public static final String NO_CHANNEL = "none";
    private static final DatasetName CENTRAL = DatasetName.CENTRAL;
    private static final SqlText RULES = SqlText.of("""
            SELECT rule_id, name, priority, notify_channel_ids FROM ${central}.org_notification_rules
            WHERE org_slug = @org AND is_active AND rule_type = 'pipeline_failure'
            ORDER BY rule_id""").with("central", CENTRAL);
    private static final SqlText CHANNELS = SqlText.of("""
            SELECT channel_id, email_recipients FROM ${central}.org_notification_channels
            WHERE org_slug = @org AND is_active AND (channel_id IN UNNEST(@ids) OR (@defaults AND is_default))
            ORDER BY channel_id""").with("central", CENTRAL);
    private static final SqlText TRIGGERED = SqlText.of("""
            UPDATE ${central}.org_notification_rules
            SET last_triggered_at = @now, trigger_count_today = COALESCE(trigger_count_today, 0) + 1, updated_at = @now
            WHERE org_slug = @org AND rule_id = @rule""").with("central", CENTRAL);
    private static final SqlText HISTORY = SqlText.of("""
            INSERT INTO ${central}.org_notification_history (notification_id, org_slug, rule_id, channel_id,
                notification_type, priority, subject, body_preview, status, error_message, trigger_data, recipients,
                created_at)
            VALUES (@id, @org, @rule, @channel, 'alert', @priority, @subject, @body, @status, @error,
                PARSE_JSON(@data), @recipients, @now)""").with("central", CENTRAL);

    private final Warehouse warehouse;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    FailureAlerts(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /** The failed run the alert is about. */
    public record FailedRun(OrgSlug org, String runId, String pipelineId, String stepId, String status, String error) {
    }

    /** Records the alert; returns how many notification rows were written. */
    public int record(FailedRun run) {
        Instant now = clock.instant();
        List<Row> rules = warehouse.query(RULES, Map.of("org", run.org().value()));
        Set<String> channelIds = new LinkedHashSet<>();
        rules.forEach(r -> r.list("notify_channel_ids").forEach(id -> channelIds.add(String.valueOf(id))));
        Map<String, Object> channelParams = new HashMap<>();
        channelParams.put("org", run.org().value());
        channelParams.put("ids", channelIds.isEmpty() ? List.of(NO_CHANNEL) : List.copyOf(channelIds));
        channelParams.put("defaults", rules.isEmpty());
        List<Row> channels = warehouse.query(CHANNELS, channelParams);
        rules.forEach(r -> warehouse.execute(TRIGGERED, Map.of("org", run.org().value(), "rule", r.string("rule_id"),
                "now", now)));
        String rule = rules.isEmpty() ? null : rules.getFirst().string("rule_id");
        String priority = rules.isEmpty() ? "high" : rules.getFirst().string("priority");
        if (channels.isEmpty()) {
            insert(run, rule, NO_CHANNEL, priority, "skipped", "No active notification channel for pipeline failures",
                    List.of(), now);
            return 1;
        }
        for (Row channel : channels) {
            List<String> recipients = channel.list("email_recipients").stream().map(String::valueOf).toList();
            insert(run, rule, channel.string("channel_id"), priority, "queued", null, recipients, now);
        }
        return channels.size();
    }

    private void insert(FailedRun run, String rule, String channel, String priority, String status, String error,
                        List<String> recipients, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", "pipeline_failure");
        data.put("pipeline_logging_id", run.runId());
        data.put("pipeline_id", run.pipelineId());
        data.put("step_id", run.stepId());
        data.put("status", run.status());
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("org", run.org().value());
        params.put("rule", rule);
        params.put("channel", channel);
        params.put("priority", priority);
        params.put("subject", "[CloudAct] Pipeline " + run.pipelineId() + " failed");
        params.put("body", abbreviate("Step " + run.stepId() + " failed: " + run.error()));
        params.put("status", status);
        params.put("error", error);
        params.put("data", json.writeValueAsString(data));
        params.put("recipients", recipients);
        params.put("now", now);
        warehouse.execute(HISTORY, params);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
