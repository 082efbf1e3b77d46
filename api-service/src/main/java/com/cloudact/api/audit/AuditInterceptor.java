package com.cloudact.api.audit;

import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.CallerArgumentResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes the audit row of a successful {@link Audited} route once it has answered: who called, which route, for
 * which org, with the status it answered. Refused requests leave no row, so bad input writes nothing.
 */
@Component
public class AuditInterceptor implements HandlerInterceptor {

    private final AuditLog audit;

    AuditInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (!(handler instanceof HandlerMethod method) || ex != null || response.getStatus() >= 400) {
            return;
        }
        Audited audited = method.getMethodAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String org = variables == null ? null : variables.get(CallerArgumentResolver.ORG_PATH_VARIABLE);
        String route = request.getMethod() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        audit.record(org == null ? AuditLog.PLATFORM : org.toLowerCase(Locale.ROOT),
                (Caller) request.getAttribute(CallerArgumentResolver.CALLER_ATTRIBUTE), audited.action(),
                audited.resource(), request.getRequestURI(),
                Map.of("route", route, "status", response.getStatus()), AuditLog.Outcome.SUCCESS, null);
    }
}
