package com.cloudact.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.cloudact.api.ApiProperties;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.platform.autoconfigure.CryptoProperties;
import com.cloudact.platform.autoconfigure.SecurityProperties;
import com.cloudact.platform.autoconfigure.StartupGuards;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ApiStartupChecksTests {

    private static final SecurityProperties SAFE = new SecurityProperties("r".repeat(40), true, true, false, "x");

    @Test
    void productionRefusesNoRateLimitsOpenCorsAndALocalKeyset() {
        ApiStartupChecks checks = checks(DeploymentEnv.PROD, false, List.of("*", "https://app.cloudact.ai"),
                CryptoProperties.Type.TINK);

        assertThat(checks.problems()).containsExactly(
                "rate limiting (cloudact.api.rate-limit.enabled) must be on in production",
                "CORS origin '*' is not an explicit http(s)://host[:port]",
                "credentials must be encrypted with Cloud KMS (cloudact.crypto.type=kms) in production");
        assertThatIllegalStateException().isThrownBy(checks::afterSingletonsInstantiated)
                .withMessageContaining("Refusing to start in production");
    }

    @Test
    void safeProductionSettingsPassAndLocalRunsAreNotChecked() {
        assertThat(checks(DeploymentEnv.PROD, true, List.of("https://app.cloudact.ai"), CryptoProperties.Type.KMS)
                .problems()).isEmpty();
        assertThat(checks(DeploymentEnv.LOCAL, false, List.of("*"), CryptoProperties.Type.TINK).problems()).isEmpty();
    }

    private static ApiStartupChecks checks(DeploymentEnv env, boolean rateLimits, List<String> origins,
                                           CryptoProperties.Type cipher) {
        ApiProperties properties = new ApiProperties(URI.create("http://localhost:8001"),
                new ApiProperties.RateLimit(rateLimits, 100, 1000), new ApiProperties.Maintenance(false, "m"),
                origins, Duration.ofSeconds(60), Duration.ofSeconds(1), DataSize.ofMegabytes(10));
        CryptoProperties crypto = new CryptoProperties(cipher, Path.of("k"), "projects/p/locations/l/keyRings/r/cryptoKeys/k", null);
        return new ApiStartupChecks(env, properties, crypto, new StartupGuards(env, SAFE));
    }
}
