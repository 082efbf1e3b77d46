package com.cloudact.api.web;

import com.cloudact.api.ApiProperties;
import com.cloudact.api.audit.AuditInterceptor;
import com.cloudact.api.ratelimit.RateLimitInterceptor;
import com.cloudact.platform.auth.AuthHeaders;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Request guards, rate limits, the audit of write routes and CORS of the API service. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    private final ApiProperties properties;
    private final RateLimitInterceptor rateLimits;
    private final AuditInterceptor audit;

    ApiWebConfiguration(ApiProperties properties, RateLimitInterceptor rateLimits, AuditInterceptor audit) {
        this.properties = properties;
        this.rateLimits = rateLimits;
        this.audit = audit;
    }

    @Bean
    FilterRegistrationBean<RequestGuardFilter> requestGuardFilter() {
        FilterRegistrationBean<RequestGuardFilter> registration =
                new FilterRegistrationBean<>(new RequestGuardFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(rateLimits).excludePathPatterns("/health", "/health/**", "/metrics", "/docs/**",
                "/swagger-ui/**", "/openapi.json", "/openapi.json/**");
        registry.addInterceptor(audit);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/**").allowedOrigins(properties.corsOrigins().toArray(String[]::new))
                .allowedMethods("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH")
                .allowedHeaders("Content-Type", "Authorization", AuthHeaders.API_KEY, AuthHeaders.ROOT_KEY,
                        AuthHeaders.USER_ID, AuthHeaders.REQUEST_ID, "Idempotency-Key")
                .exposedHeaders(AuthHeaders.REQUEST_ID, "X-RateLimit-Limit", "X-RateLimit-Remaining",
                        "X-RateLimit-Reset", "Retry-After")
                .allowCredentials(true);
    }
}
