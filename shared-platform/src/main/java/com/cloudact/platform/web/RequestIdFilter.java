package com.cloudact.platform.web;

import com.cloudact.platform.auth.AuthHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id (the caller's {@code X-Request-ID} when acceptable), echoes it, puts it in the log
 * context, and writes one access-log line per request: method, path, status, latency and request id. Query
 * strings and headers are never logged, because keys could travel there.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("cloudact.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(AuthHeaders.REQUEST_ID);
        String id = RequestId.isAcceptable(incoming) ? incoming : UUID.randomUUID().toString();
        long start = System.nanoTime();
        MDC.put(RequestId.MDC_KEY, id);
        response.setHeader(AuthHeaders.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            Object org = request.getAttribute("cloudact.org");
            ACCESS.info("{} {} {} {}ms request_id={} org={}", request.getMethod(), request.getRequestURI(),
                    response.getStatus(), millis, id, org == null ? "-" : org);
            MDC.remove(RequestId.MDC_KEY);
        }
    }
}
