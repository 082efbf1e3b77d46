package com.cloudact.api.web;

import com.cloudact.api.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks every request before routing: maintenance mode (503 except health probes), body size (413, from the
 * declared length, or while reading a body sent without one), and header values that carry script, path traversal or SQL-statement fragments (400). The answers are Problem
 * Details, written here because no controller is involved yet.
 */
public final class RequestGuardFilter extends OncePerRequestFilter {

    private static final Pattern HOSTILE_HEADER = Pattern.compile(
            "(?i)(<\\s*script|javascript:|\\bon[a-z]+\\s*=|\\.\\./|\\.\\.\\\\|;\\s*(drop|delete|insert|update|alter)\\s)");
    private static final int MAX_HEADER_VALUE = 4096;

    private final ApiProperties properties;

    public RequestGuardFilter(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean probe = path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics");
        if (properties.maintenance().enabled() && !probe) {
            response.setHeader("Retry-After", "3600");
            ProblemResponses.write(response, 503, "SERVICE_UNAVAILABLE", properties.maintenance().message());
            return;
        }
        if (request.getContentLengthLong() > properties.maxRequestSize().toBytes()) {
            ProblemResponses.write(response, 413, "PAYLOAD_TOO_LARGE",
                    "The request body is larger than " + properties.maxRequestSize().toMegabytes() + " MB");
            return;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                if (value.length() > MAX_HEADER_VALUE || HOSTILE_HEADER.matcher(value).find()) {
                    ProblemResponses.write(response, 400, "INVALID_HEADERS",
                            "Header " + name.toLowerCase(Locale.ROOT) + " holds a value this service does not accept");
                    return;
                }
            }
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new SizeLimitedRequest(request, properties.maxRequestSize())
                : request, response);
    }
}
