package com.cloudact.platform.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.cloudact.model.DeploymentEnv;
import org.junit.jupiter.api.Test;

class StartupGuardsTests {

    private static final String LONG_KEY = "r".repeat(32);

    @Test
    void productionRefusesAShortRootKeyAndDisabledAuthenticationSayingWhy() {
        StartupGuards guards = new StartupGuards(DeploymentEnv.PROD, security("short-key", true));

        assertThat(guards.problems()).containsExactly(
                "CA_ROOT_API_KEY must be set and at least 32 characters long",
                "cloudact.security.disable-auth (DISABLE_AUTH) must be false in production");
        assertThatIllegalStateException().isThrownBy(guards::check)
                .withMessageStartingWith("Refusing to start in production: CA_ROOT_API_KEY");
    }

    @Test
    void productionWithoutARootKeyIsRefused() {
        assertThat(new StartupGuards(DeploymentEnv.PROD, security(null, false)).problems()).hasSize(1);
    }

    @Test
    void safeProductionSettingsAndEveryOtherEnvironmentStart() {
        assertThatNoException().isThrownBy(new StartupGuards(DeploymentEnv.PROD, security(LONG_KEY, false))::check);
        assertThat(new StartupGuards(DeploymentEnv.LOCAL, security("x", true)).problems()).isEmpty();
        assertThat(new StartupGuards(DeploymentEnv.STAGE, security(null, true)).problems()).isEmpty();
    }

    private static SecurityProperties security(String rootKey, boolean disableAuth) {
        return new SecurityProperties(rootKey, true, true, disableAuth, "acme_demo");
    }
}
