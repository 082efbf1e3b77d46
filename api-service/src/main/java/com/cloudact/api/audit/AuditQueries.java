package com.cloudact.api.audit;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads an org's audit rows, newest first, filtered and paged. */
@Service
class AuditQueries {

    private static final SqlText PAGE = SqlText.of("""
            SELECT * FROM ${central}.org_audit_logs
            WHERE org_slug = @org
              AND (CAST(@action AS STRING) IS NULL OR action = @action)
              AND (CAST(@resource_type AS STRING) IS NULL OR resource_type = @resource_type)
              AND (CAST(@status AS STRING) IS NULL OR status = @status)
              AND created_at >= @from AND created_at < @to
            ORDER BY created_at DESC, audit_id
            LIMIT @limit OFFSET @offset""").with("central", DatasetName.CENTRAL);

    record Filter(String action, String resourceType, String status, String startDate, String endDate) {
    }

    record Entry(String auditId, String userId, String apiKeyId, String action, String resourceType, String resourceId,
                 @JsonRawValue String details, String ipAddress, String userAgent, String requestId, String status,
                 String errorMessage, Instant createdAt) {
    }

    record Page(String orgSlug, int totalCount, List<Entry> logs, boolean hasMore) {
    }

    private final Warehouse warehouse;

    AuditQueries(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    Page page(OrgSlug org, Filter filter, int limit, int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "limit must be 1-1000 and offset at least 0");
        }
        Map<String, Object> params = new HashMap<>();
        params.put("org", org.value());
        params.put("action", oneOf("action", filter.action(), AuditLog.Action.values()));
        params.put("resource_type", oneOf("resource_type", filter.resourceType(), AuditLog.Resource.values()));
        params.put("status", oneOf("status", filter.status(), AuditLog.Outcome.values()));
        params.put("from", day("start_date", filter.startDate(), LocalDate.of(2000, 1, 1)));
        params.put("to", day("end_date", filter.endDate(), LocalDate.of(2999, 1, 1)).plusSeconds(86_400));
        params.put("limit", (long) limit + 1);
        params.put("offset", (long) offset);
        List<Entry> rows = warehouse.query(PAGE, params).stream().map(AuditQueries::entry).toList();
        List<Entry> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new Page(org.value(), page.size(), page, rows.size() > limit);
    }

    private static String oneOf(String name, String value, Enum<?>[] allowed) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (Arrays.stream(allowed).noneMatch(a -> a.name().equals(upper))) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, name + " must be one of " + Arrays.toString(allowed));
        }
        return upper;
    }

    private static Instant day(String name, String value, LocalDate fallback) {
        try {
            return (value == null ? fallback : LocalDate.parse(value)).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, name + " must be YYYY-MM-DD");
        }
    }

    private static Entry entry(Row row) {
        return new Entry(row.string("audit_id"), row.string("user_id"), row.string("api_key_id"), row.string("action"),
                row.string("resource_type"), row.string("resource_id"), row.string("details"), row.string("ip_address"),
                row.string("user_agent"), row.string("request_id"), row.string("status"), row.string("error_message"),
                row.instant("created_at"));
    }
}
