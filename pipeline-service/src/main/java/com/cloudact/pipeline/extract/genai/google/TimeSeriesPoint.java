package com.cloudact.pipeline.extract.genai.google;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One daily sum of a Cloud Monitoring time series, read from a {@code timeSeries.list} answer page
 * ({@code timeSeries[].metric.type/labels}, {@code resource.type/labels}, {@code points[].interval},
 * {@code points[].value.int64Value|doubleValue}). The day is the UTC date the aligned one-day period starts on.
 *
 * @param labels the series' resource and metric labels, keyed as in a filter: {@code resource.label.x},
 *               {@code metric.label.y}
 */
public record TimeSeriesPoint(String metricType, Map<String, String> labels, LocalDate day, long value) {

    public String label(String key) {
        return labels.get(key);
    }

    /** Whether a page is a {@code timeSeries.list} answer; Google answers {@code {}} when no series matched. */
    public static boolean isPage(JsonNode page) {
        return page.isObject() && (page.isEmpty() || page.has("timeSeries") || page.has("nextPageToken")
                || page.has("unit")) && !page.has("kind") && !page.has("value");
    }

    public static List<TimeSeriesPoint> read(JsonNode page) {
        List<TimeSeriesPoint> points = new ArrayList<>();
        for (JsonNode series : page.path("timeSeries")) {
            String type = series.path("metric").path("type").asString("");
            Map<String, String> labels = new HashMap<>();
            series.path("resource").path("labels").properties()
                    .forEach(e -> labels.put("resource.label." + e.getKey(), e.getValue().asString()));
            series.path("metric").path("labels").properties()
                    .forEach(e -> labels.put("metric.label." + e.getKey(), e.getValue().asString()));
            for (JsonNode point : series.path("points")) {
                points.add(new TimeSeriesPoint(type, Map.copyOf(labels), day(point.path("interval")), value(point.path("value"))));
            }
        }
        return points;
    }

    private static LocalDate day(JsonNode interval) {
        try {
            String start = interval.path("startTime").asString("");
            if (!start.isEmpty()) {
                return LocalDate.ofInstant(Instant.parse(start), ZoneOffset.UTC);
            }
            return LocalDate.ofInstant(Instant.parse(interval.path("endTime").asString()).minusSeconds(1), ZoneOffset.UTC);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                    "A Cloud Monitoring point has no readable interval: " + interval);
        }
    }

    /** INT64 values come as decimal strings, DOUBLE ones as numbers (token counts are whole, so rounded). */
    private static long value(JsonNode value) {
        if (value.has("int64Value")) {
            return Long.parseLong(value.path("int64Value").asString());
        }
        if (value.has("doubleValue")) {
            return Math.round(value.path("doubleValue").asDouble());
        }
        throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                "A Cloud Monitoring point has neither int64Value nor doubleValue: " + value);
    }
}
