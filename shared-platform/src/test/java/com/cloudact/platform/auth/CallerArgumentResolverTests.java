package com.cloudact.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerMapping;

/** Who a request is, with authentication on and with DISABLE_AUTH (development only). */
class CallerArgumentResolverTests {

    private static final String ROOT_KEY = "root-key-0123456789-0123456789-0123";
    private static final OrgCaller DEV_ORG = new OrgCaller(OrgSlug.of("acme_demo"), "auth-disabled", List.of());

    @SuppressWarnings("unused")
    static final class Routes {
        void either(Caller caller) {
        }

        void rootOnly(RootCaller caller) {
        }
    }

    @Test
    void withAuthenticationDisabledOrgRoutesActAsTheDefaultOrgOnly() throws Exception {
        CallerArgumentResolver resolver = new CallerArgumentResolver(new RootKeyVerifier(ROOT_KEY), null, DEV_ORG);

        assertThat(resolve(resolver, "either", "acme_demo", Map.of())).isEqualTo(DEV_ORG);
        assertThatThrownBy(() -> resolve(resolver, "either", "other_org", Map.of()))
                .isInstanceOfSatisfying(CloudActException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORG_MISMATCH));
        assertThatThrownBy(() -> resolve(resolver, "rootOnly", null, Map.of()))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ROOT_KEY_REQUIRED));
        assertThat(resolve(resolver, "rootOnly", null, Map.of(AuthHeaders.ROOT_KEY, ROOT_KEY)))
                .isInstanceOf(RootCaller.class);
    }

    @Test
    void withAuthenticationOnAKeyIsRequiredAndAnOrgKeyNeverOpensARootRoute() {
        CallerArgumentResolver resolver = new CallerArgumentResolver(new RootKeyVerifier(ROOT_KEY), null, null);

        assertThatThrownBy(() -> resolve(resolver, "either", "acme_demo", Map.of()))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_API_KEY));
        assertThatThrownBy(() -> resolve(resolver, "rootOnly", null, Map.of(AuthHeaders.API_KEY, "acme_api_x")))
                .isInstanceOfSatisfying(CloudActException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> resolve(resolver, "rootOnly", null, Map.of(AuthHeaders.ROOT_KEY, ROOT_KEY + "x")))
                .isInstanceOfSatisfying(CloudActException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ROOT_KEY));
    }

    private static Object resolve(CallerArgumentResolver resolver, String route, String pathOrg,
                                  Map<String, String> headers) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        headers.forEach(request::addHeader);
        if (pathOrg != null) {
            request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                    Map.of(CallerArgumentResolver.ORG_PATH_VARIABLE, pathOrg));
        }
        Class<?> type = route.equals("either") ? Caller.class : RootCaller.class;
        MethodParameter parameter = new MethodParameter(Routes.class.getDeclaredMethod(route, type), 0);
        return resolver.resolveArgument(parameter, null, new ServletWebRequest(request), null);
    }
}
