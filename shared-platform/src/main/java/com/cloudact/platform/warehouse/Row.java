package com.cloudact.platform.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One result row, with values already in CloudAct's Java types whatever the engine: STRING and JSON as
 * {@link String}, INT64 as {@link Long}, NUMERIC as {@link BigDecimal}, FLOAT64 as {@link Double}, DATE as
 * {@link LocalDate}, TIMESTAMP as {@link Instant}, BOOL as {@link Boolean}, BYTES as {@code byte[]}, arrays as
 * {@link List}.
 */
public record Row(Map<String, Object> values) {

    public Row {
        values = Collections.unmodifiableMap(values);
    }

    public Object get(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("No column '" + column + "' in result " + values.keySet());
        }
        return values.get(column);
    }

    public String string(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    public Long longValue(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    public BigDecimal decimal(String column) {
        Object v = get(column);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        return new BigDecimal(v.toString());
    }

    public LocalDate date(String column) {
        return (LocalDate) get(column);
    }

    public Instant instant(String column) {
        return (Instant) get(column);
    }

    public Boolean bool(String column) {
        return (Boolean) get(column);
    }

    public byte[] bytes(String column) {
        return (byte[]) get(column);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String column) {
        Object v = get(column);
        return v == null ? List.of() : (List<Object>) v;
    }
}
