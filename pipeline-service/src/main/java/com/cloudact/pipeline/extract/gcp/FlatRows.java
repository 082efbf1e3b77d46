package com.cloudact.pipeline.extract.gcp;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.LegacySQLTypeName;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows of a BigQuery result flattened the way the upload path reads a GCP billing export: a (non-repeated) record
 * becomes one column per field named {@code parent.child} ({@code service.id}, {@code usage.amount}), a repeated
 * field one column holding a JSON array ({@code labels}, {@code credits}, {@code project.labels}), every other value
 * its text; timestamps as ISO 8601 UTC with their microseconds. The columns follow the result's schema, so new
 * export fields travel without code changes.
 */
final class FlatRows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final FieldList fields;

    FlatRows(FieldList fields) {
        this.fields = fields;
    }

    List<String> header() {
        List<String> names = new ArrayList<>();
        header(fields, "", names);
        return names;
    }

    List<String> cells(FieldValueList row) {
        List<String> cells = new ArrayList<>();
        cells(fields, row, cells);
        return cells;
    }

    private static void header(FieldList fields, String prefix, List<String> names) {
        for (Field field : fields) {
            if (isRecord(field) && !isRepeated(field)) {
                header(field.getSubFields(), prefix + field.getName() + ".", names);
            } else {
                names.add(prefix + field.getName());
            }
        }
    }

    private static void cells(FieldList fields, FieldValueList values, List<String> cells) {
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            FieldValue value = values == null ? null : values.get(i);
            boolean missing = value == null || value.isNull();
            if (isRecord(field) && !isRepeated(field)) {
                cells(field.getSubFields(), missing ? null : value.getRecordValue(), cells);
            } else if (missing) {
                cells.add(null);
            } else if (isRepeated(field)) {
                ArrayNode array = NODES.arrayNode();
                value.getRepeatedValue().forEach(element -> array.add(element(field, element)));
                cells.add(JSON.writeValueAsString(array));
            } else {
                cells.add(text(field, value));
            }
        }
    }

    /** One element of a repeated field, or one field of a record inside it, as JSON. */
    private static JsonNode element(Field field, FieldValue value) {
        if (value == null || value.isNull()) {
            return NODES.nullNode();
        }
        if (isRecord(field)) {
            ObjectNode object = NODES.objectNode();
            FieldList subFields = field.getSubFields();
            FieldValueList record = value.getRecordValue();
            for (int i = 0; i < subFields.size(); i++) {
                Field sub = subFields.get(i);
                FieldValue subValue = record.get(i);
                if (isRepeated(sub) && subValue != null && !subValue.isNull()) {
                    ArrayNode array = NODES.arrayNode();
                    subValue.getRepeatedValue().forEach(e -> array.add(element(sub, e)));
                    object.set(sub.getName(), array);
                } else {
                    object.set(sub.getName(), element(sub, subValue));
                }
            }
            return object;
        }
        LegacySQLTypeName type = field.getType();
        if (type == LegacySQLTypeName.FLOAT || type == LegacySQLTypeName.INTEGER || type == LegacySQLTypeName.NUMERIC
                || type == LegacySQLTypeName.BIGNUMERIC) {
            try {
                return NODES.numberNode(new BigDecimal(value.getStringValue()));
            } catch (NumberFormatException e) {
                return NODES.stringNode(value.getStringValue()); // NaN, Infinity
            }
        }
        if (type == LegacySQLTypeName.BOOLEAN) {
            return NODES.booleanNode(value.getBooleanValue());
        }
        return NODES.stringNode(text(field, value));
    }

    private static String text(Field field, FieldValue value) {
        if (field.getType() == LegacySQLTypeName.TIMESTAMP) {
            return DateTimeFormatter.ISO_INSTANT.format(value.getTimestampInstant());
        }
        return value.getStringValue();
    }

    private static boolean isRecord(Field field) {
        return field.getType() == LegacySQLTypeName.RECORD;
    }

    private static boolean isRepeated(Field field) {
        return field.getMode() == Field.Mode.REPEATED;
    }
}
