package com.cloudact.api.ratelimit;

import com.cloudact.api.ApiProperties;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.RetryLaterException;
import com.cloudact.platform.apikey.ApiKeys;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.CallerArgumentResolver;
import com.cloudact.platform.auth.RootKeyVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Rate limits: every org has a per-minute and per-hour budget shared by all its routes, and routes marked
 * {@link RateLimited} have their own per-minute budget on top. The caller is the path's org, else its key, else
 * its address. Answers carry {@code X-RateLimit-Limit/Remaining/Reset}; a refusal is 429 with {@code Retry-After}.
 */
@Component
public class RateLimitInterceptor implements HandlerInterceptor {

    private final ApiProperties.RateLimit settings;
    private final SlidingWindowLimiter limiter;
    private final RootKeyVerifier rootKeys;

    RateLimitInterceptor(ApiProperties properties, Clock clock, RootKeyVerifier rootKeys) {
        this.settings = properties.rateLimit();
        this.limiter = new SlidingWindowLimiter(clock);
        this.rootKeys = rootKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!settings.enabled() || !(handler instanceof HandlerMethod method)
                || method.hasMethodAnnotation(NotRateLimited.class)
                || method.getBeanType().isAnnotationPresent(NotRateLimited.class)) {
            return true;
        }
        String caller = caller(request);
        // The platform operator has no org budget; its routes carry their own (global) limits.
        boolean root = rootKeys.matches(request.getHeader(AuthHeaders.ROOT_KEY));
        SlidingWindowLimiter.Decision decision = null;
        if (!root) {
            decision = check(response, "org:" + caller + ":minute", settings.perOrgPerMinute(), Duration.ofMinutes(1));
            check(response, "org:" + caller + ":hour", settings.perOrgPerHour(), Duration.ofHours(1));
        }
        RateLimited route = method.getMethodAnnotation(RateLimited.class);
        // A shared budget is the platform operator's: callers without the root key are refused by
        // authentication anyway and must not be able to use it up.
        if (route != null && (!route.global() || root)) {
            String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
            decision = check(response, "route:" + request.getMethod() + " " + pattern + ":"
                    + (route.global() ? "all" : caller), route.perMinute(), Duration.ofMinutes(1));
        }
        if (decision != null) {
            headers(response, decision);
        }
        return true;
    }

    private SlidingWindowLimiter.Decision check(HttpServletResponse response, String bucket, int limit, Duration window) {
        SlidingWindowLimiter.Decision decision = limiter.attempt(bucket, limit, window);
        if (!decision.allowed()) {
            headers(response, decision);
            throw new RetryLaterException(ErrorCode.RATE_LIMITED, "Rate limit exceeded (%d requests per %s); retry in %d s"
                    .formatted(limit, window.toHours() >= 1 ? "hour" : "minute", decision.retryAfterSeconds()),
                    decision.retryAfterSeconds());
        }
        return decision;
    }

    private static void headers(HttpServletResponse response, SlidingWindowLimiter.Decision decision) {
        response.setHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
    }

    @SuppressWarnings("unchecked")
    private static String caller(HttpServletRequest request) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String org = variables == null ? null : variables.get(CallerArgumentResolver.ORG_PATH_VARIABLE);
        if (org != null && OrgSlug.isValid(org)) {
            return org.toLowerCase(Locale.ROOT);
        }
        String key = request.getHeader(AuthHeaders.API_KEY);
        if (key != null && !key.isBlank()) {
            return "key:" + ApiKeys.hash(key).substring(0, 16);
        }
        return "ip:" + request.getRemoteAddr();
    }
}
