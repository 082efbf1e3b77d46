package com.cloudact.api.web;

import com.cloudact.api.ratelimit.RateLimited;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.platform.auth.Caller;
import com.cloudact.platform.auth.CallerArgumentResolver;
import com.cloudact.platform.auth.OrgCaller;
import com.cloudact.platform.auth.RootCaller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document ({@code /openapi.json}, Swagger UI at {@code /docs}), generated from the controllers. Each
 * operation's security and error responses are derived from its signature: the caller type it takes says which key
 * it needs, an {@code {org_slug}} path says it is tenant-checked, {@link RateLimited} says it may answer 429.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ORG_KEY = "orgKey";
    static final String ROOT_KEY = "rootKey";
    private static final String PROBLEM = "Problem";

    static {
        // Callers are resolved from headers, not bound from the query string; slugs are plain strings.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, RootCaller.class, OrgCaller.class)
                .replaceWithClass(OrgSlug.class, String.class);
    }

    @Bean
    OpenAPI cloudActOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CloudAct API").version("v1").description("""
                        Control plane of CloudAct: organizations, API keys, integrations, quotas, pipeline validation, \
                        logs and proxy, and cost reads. Org routes take the organization's `X-API-Key` and only \
                        reach that organization's `{org_slug}`; admin routes take the platform's `X-CA-Root-Key`. \
                        Errors are RFC 9457 Problem Details with `error` (a stable code) and `request_id`."""))
                .components(new Components()
                        .addSecuritySchemes(ORG_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(AuthHeaders.API_KEY)
                                .description("The organization's API key, issued at onboarding or rotation"))
                        .addSecuritySchemes(ROOT_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(AuthHeaders.ROOT_KEY)
                                .description("The platform operator's root key"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OperationCustomizer securityAndErrors() {
        return (operation, handler) -> {
            Class<?>[] parameters = handler.getMethod().getParameterTypes();
            boolean root = Arrays.asList(parameters).contains(RootCaller.class);
            boolean org = Arrays.asList(parameters).contains(OrgCaller.class);
            boolean either = Arrays.asList(parameters).contains(Caller.class);
            if (root || either) {
                operation.addSecurityItem(new SecurityRequirement().addList(ROOT_KEY));
            }
            if (org || either) {
                operation.addSecurityItem(new SecurityRequirement().addList(ORG_KEY));
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            add(responses, "400", "Invalid path, query or body value");
            if (hasBody(handler)) {
                add(responses, "413", "Body too large");
                add(responses, "415", "Body is not JSON");
                add(responses, "422", "Body fails validation (wrong type, unknown field, constraint)");
            }
            if (root || org || either) {
                add(responses, "401", "Missing, unknown or expired key");
                add(responses, "403", tenantChecked(operation)
                        ? "Key of another organization, key lacking a scope, or an org key on a root route"
                        : "Key lacking a scope, or an org key on a root route");
            }
            if (tenantChecked(operation)) {
                add(responses, "404", "Organization or resource not found");
            }
            if (handler.hasMethodAnnotation(RateLimited.class) || org || either) {
                add(responses, "429", "Rate limit or quota exceeded; see Retry-After and X-RateLimit-*");
            }
            add(responses, "500", "Unexpected error; the request id is in the body and the X-Request-ID header");
            add(responses, "503", "Maintenance mode, or the warehouse is briefly unavailable");
            operation.setResponses(responses);
            return operation;
        };
    }

    private static boolean tenantChecked(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> CallerArgumentResolver.ORG_PATH_VARIABLE.equals(p.getName()));
    }

    private static boolean hasBody(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                    .addMediaType("application/problem+json", new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 Problem Details")
                .properties(Map.of(
                        "type", new StringSchema(),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema().description("What went wrong, safe to show"),
                        "instance", new StringSchema(),
                        "error", new StringSchema().description("Stable error code, e.g. ORG_MISMATCH"),
                        "request_id", new StringSchema()));
    }
}
