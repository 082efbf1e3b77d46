package com.cloudact.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every API response. The strict CSP suits JSON; the interactive API docs get a policy that
 * lets their own scripts and styles run.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    private static final String DOCS_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    private final boolean strictTransport;

    public SecurityHeadersFilter(boolean strictTransport) {
        this.strictTransport = strictTransport;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean docs = request.getRequestURI().startsWith("/swagger-ui") || request.getRequestURI().startsWith("/docs");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
        response.setHeader("Content-Security-Policy", docs ? DOCS_POLICY : API_POLICY);
        response.setHeader("Cache-Control", "no-store");
        if (strictTransport) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        chain.doFilter(request, response);
    }
}
