package com.cloudact.pipeline.extract.genai.google;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One row of the billing export statement ({@link GoogleApis#BILLING_STATEMENT}): a day's spend on one SKU of one
 * project and region, read from a BigQuery {@code jobs.query} / {@code jobs.getQueryResults} answer page
 * ({@code schema.fields[].name}, {@code rows[].f[].v}). {@code cost} is before credits; {@code credits} is their
 * (negative) sum.
 */
public record BillingLine(LocalDate day, String service, String skuId, String skuDescription, String projectId,
                          String region, String currency, String usageUnit, BigDecimal usageAmount,
                          String pricingUnit, BigDecimal pricingAmount, BigDecimal cost, BigDecimal credits) {

    /** Whether the usage is counted in single tokens (usage unit {@code count} or a unit naming tokens). */
    public boolean countsTokens() {
        String unit = usageUnit == null ? "" : usageUnit.toLowerCase(java.util.Locale.ROOT);
        return unit.equals("count") || unit.equals("token") || unit.equals("tokens");
    }

    /** What the customer paid after credits. */
    public BigDecimal net() {
        return cost.add(credits);
    }

    /** Whether a page is a BigQuery query answer. */
    public static boolean isPage(JsonNode page) {
        String kind = page.path("kind").asString("");
        return kind.equals("bigquery#queryResponse") || kind.equals("bigquery#getQueryResultsResponse");
    }

    public static List<BillingLine> read(JsonNode page) {
        Map<String, Integer> column = new HashMap<>();
        JsonNode fields = page.path("schema").path("fields");
        for (int i = 0; i < fields.size(); i++) {
            column.put(fields.get(i).path("name").asString(), i);
        }
        for (String required : List.of("usage_day", "service_description", "sku_id", "sku_description", "cost",
                "credits", "currency")) {
            if (!column.containsKey(required) && page.path("rows").size() > 0) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE,
                        "A BigQuery answer page lacks the billing export column " + required);
            }
        }
        List<BillingLine> lines = new ArrayList<>();
        for (JsonNode row : page.path("rows")) {
            JsonNode cells = row.path("f");
            lines.add(new BillingLine(
                    LocalDate.parse(text(cells, column, "usage_day")),
                    text(cells, column, "service_description"),
                    text(cells, column, "sku_id"),
                    text(cells, column, "sku_description"),
                    text(cells, column, "project_id"),
                    text(cells, column, "region"),
                    text(cells, column, "currency"),
                    text(cells, column, "usage_unit"),
                    number(cells, column, "usage_amount"),
                    text(cells, column, "pricing_unit"),
                    number(cells, column, "pricing_amount"),
                    number(cells, column, "cost"),
                    number(cells, column, "credits")));
        }
        return lines;
    }

    private static String text(JsonNode cells, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        if (index == null) {
            return null;
        }
        JsonNode value = cells.path(index).path("v");
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static BigDecimal number(JsonNode cells, Map<String, Integer> column, String name) {
        String text = text(cells, column, name);
        try {
            return text == null ? BigDecimal.ZERO : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The billing export column " + name
                    + " holds " + text + ", not a number");
        }
    }
}
