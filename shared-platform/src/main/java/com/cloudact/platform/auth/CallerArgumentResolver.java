package com.cloudact.platform.auth;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Authenticates the request for a handler parameter of type {@link RootCaller}, {@link OrgCaller} or
 * {@link Caller}, and enforces tenancy: an org caller reaching a path with an {@code {org_slug}} variable must
 * hold that org's key (403 otherwise). Root callers may reach every org.
 */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String ORG_PATH_VARIABLE = "org_slug";
    /** Request attribute holding the authenticated org, for the access log. */
    public static final String ORG_ATTRIBUTE = "cloudact.org";
    /** The request attribute holding the resolved {@link Caller}, for the audit trail. */
    public static final String CALLER_ATTRIBUTE = "cloudact.caller";

    private final RootKeyVerifier rootKeys;
    private final OrgKeyAuthenticator orgKeys;
    private final OrgCaller authDisabledCaller;

    /**
     * @param authDisabledCaller with authentication disabled (development only, refused in production), the org
     *                           every org-key route acts as; null when authentication is on
     */
    public CallerArgumentResolver(RootKeyVerifier rootKeys, OrgKeyAuthenticator orgKeys, OrgCaller authDisabledCaller) {
        this.rootKeys = rootKeys;
        this.orgKeys = orgKeys;
        this.authDisabledCaller = authDisabledCaller;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == Caller.class || type == RootCaller.class || type == OrgCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Caller caller = resolve(parameter, request);
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return caller;
    }

    private Caller resolve(MethodParameter parameter, HttpServletRequest request) {
        String rootKey = request.getHeader(AuthHeaders.ROOT_KEY);
        String apiKey = request.getHeader(AuthHeaders.API_KEY);
        Class<?> type = parameter.getParameterType();
        if (type == RootCaller.class) {
            if ((rootKey == null || rootKey.isBlank()) && apiKey != null && !apiKey.isBlank()) {
                throw new CloudActException(ErrorCode.FORBIDDEN,
                        "This route is for the platform operator and needs the root key (X-CA-Root-Key)");
            }
            return rootKeys.verify(rootKey);
        }
        if (type == Caller.class) {
            if (rootKeys.matches(rootKey)) {
                return new RootCaller();
            }
            if ((apiKey == null || apiKey.isBlank()) && (rootKey == null || rootKey.isBlank())
                    && authDisabledCaller == null) {
                throw new CloudActException(ErrorCode.MISSING_API_KEY,
                        "Valid X-API-Key (org) or X-CA-Root-Key (root) header required.");
            }
            if ((apiKey == null || apiKey.isBlank()) && rootKey != null && !rootKey.isBlank()) {
                return rootKeys.verify(rootKey);
            }
        }
        OrgCaller caller = authDisabledCaller != null && (apiKey == null || apiKey.isBlank()) ? authDisabledCaller
                : orgKeys.authenticate(apiKey);
        checkTenant(request, caller);
        request.setAttribute(ORG_ATTRIBUTE, caller.org().value());
        return caller;
    }

    private static void checkTenant(HttpServletRequest request, OrgCaller caller) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String pathOrg = variables == null ? null : variables.get(ORG_PATH_VARIABLE);
        if (pathOrg != null && !OrgSlug.of(pathOrg).equals(caller.org())) {
            throw new CloudActException(ErrorCode.ORG_MISMATCH,
                    "Access denied: you can only access your own organization's data");
        }
    }
}
