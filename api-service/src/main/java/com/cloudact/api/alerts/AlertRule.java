package com.cloudact.api.alerts;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An active notification rule as the daily evaluation needs it. */
record AlertRule(String ruleId, String name, String priority, String type, JsonNode conditions,
                 String hierarchyEntityId, List<String> channelIds, long cooldownMinutes, Instant lastTriggeredAt) {

    double number(String field, double fallback) {
        JsonNode value = conditions.path(field);
        return value.isNumber() ? value.asDouble() : value.isString() ? parse(value.asString(), fallback) : fallback;
    }

    private static double parse(String text, double fallback) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
