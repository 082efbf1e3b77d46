package com.cloudact.api.audit;

import com.cloudact.model.DatasetName;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.OrgCaller;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.web.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail ({@code organizations.org_audit_logs}): one row for every write, with who (key or root, user
 * id), what, on which resource, from where, and how it ended. Details never hold secrets.
 */
@Component
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final SqlText INSERT = SqlText.of("""
            INSERT INTO ${central}.org_audit_logs (audit_id, org_slug, user_id, api_key_id, action, resource_type,
                resource_id, details, ip_address, user_agent, request_id, status, error_message, created_at)
            VALUES (@id, @org, @user, @key, @action, @type, @resource, PARSE_JSON(@details), @ip, @agent, @request,
                @status, @error, @now)""").with("central", DatasetName.CENTRAL);

    /** The org_slug of rows about platform-wide work (bootstrap, all-org jobs). */
    public static final String PLATFORM = "all";

    public enum Action { CREATE, READ, UPDATE, DELETE, EXECUTE, ROTATE }

    /** The reference's resource types, plus DATASET (bootstrap, sync, repair) and ALERT (alert evaluation). */
    public enum Resource {
        ORGANIZATION, API_KEY, USER, INTEGRATION, CREDENTIAL, PIPELINE, SUBSCRIPTION, SUBSCRIPTION_PLAN, QUOTA,
        DATASET, ALERT
    }

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    private final Warehouse warehouse;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditLog(Warehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    public void record(String org, Caller caller, Action action, Resource resource, String resourceId,
                       Map<String, ?> details, Outcome outcome, String error) {
        HttpServletRequest request = currentRequest();
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID().toString());
        params.put("org", org);
        params.put("user", request == null ? null : request.getHeader(AuthHeaders.USER_ID));
        params.put("key", caller instanceof OrgCaller orgCaller ? orgCaller.apiKeyId() : caller == null ? null : "root");
        params.put("action", action.name());
        params.put("type", resource.name());
        params.put("resource", resourceId);
        params.put("details", details == null ? null : json.writeValueAsString(details));
        params.put("ip", request == null ? null : request.getRemoteAddr());
        params.put("agent", request == null ? null : truncate(request.getHeader("User-Agent")));
        params.put("request", RequestId.current());
        params.put("status", outcome.name());
        params.put("error", truncate(error));
        params.put("now", clock.instant());
        try {
            warehouse.execute(INSERT, params);
        } catch (RuntimeException e) {
            // The write it describes already happened; losing the audit row must not turn it into an error.
            LOG.error("Could not write the audit row for {} {} of {}", action, resource, org, e);
        }
    }

    public void success(OrgSlug org, Caller caller, Action action, Resource resource, String resourceId,
                        Map<String, ?> details) {
        record(org.value(), caller, action, resource, resourceId, details, Outcome.SUCCESS, null);
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500);
    }
}
