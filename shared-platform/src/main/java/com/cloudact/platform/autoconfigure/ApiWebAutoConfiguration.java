package com.cloudact.platform.autoconfigure;

import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.CallerArgumentResolver;
import com.cloudact.platform.auth.OrgCaller;
import com.cloudact.platform.auth.OrgKeyAuthenticator;
import com.cloudact.platform.auth.RootKeyVerifier;
import com.cloudact.platform.health.ServiceHealthController;
import com.cloudact.platform.health.ServiceProperties;
import com.cloudact.platform.health.WarehouseReadiness;
import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.web.OrgSlugConverter;
import com.cloudact.platform.web.ProblemDetailsAdvice;
import com.cloudact.platform.web.ProblemErrorReportValve;
import com.cloudact.platform.web.RequestIdFilter;
import com.cloudact.platform.web.SecurityHeadersFilter;
import java.time.Clock;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HTTP conventions of the API and pipeline services, which both hold the warehouse: request ids, security
 * headers, Problem Details errors, and key authentication with the tenant check.
 */
@AutoConfiguration(after = WarehouseAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Warehouse.class)
@EnableConfigurationProperties({SecurityProperties.class, ServiceProperties.class})
public class ApiWebAutoConfiguration {

    /** Requests Tomcat refuses before any servlet runs are answered as Problem Details too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(SecurityProperties properties) {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter(properties.strictTransport()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    ServiceHealthController serviceHealthController(ServiceProperties service, DeploymentEnv env, Warehouse warehouse) {
        return new ServiceHealthController(service, env, new WarehouseReadiness(warehouse));
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean
    RootKeyVerifier rootKeyVerifier(SecurityProperties properties) {
        return new RootKeyVerifier(properties.rootKey());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    OrgKeyAuthenticator orgKeyAuthenticator(Warehouse warehouse, Clock clock) {
        return new OrgKeyAuthenticator(warehouse, clock);
    }

    /** Refuses to start a production service whose security settings are unsafe. */
    @Bean
    StartupGuards startupGuards(DeploymentEnv env, SecurityProperties security) {
        StartupGuards guards = new StartupGuards(env, security);
        guards.check();
        return guards;
    }

    @Bean
    WebMvcConfigurer cloudActWebMvc(RootKeyVerifier rootKeys, OrgKeyAuthenticator orgKeys, SecurityProperties security,
                                    StartupGuards guards) {
        OrgCaller authDisabledCaller = security.disableAuth()
                ? new OrgCaller(OrgSlug.of(security.defaultOrgSlug()), "auth-disabled", List.of()) : null;
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver(rootKeys, orgKeys, authDisabledCaller));
            }

            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addConverter(new OrgSlugConverter());
            }
        };
    }
}
