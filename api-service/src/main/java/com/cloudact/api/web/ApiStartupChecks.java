package com.cloudact.api.web;

import com.cloudact.api.ApiProperties;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.platform.autoconfigure.CryptoProperties;
import com.cloudact.platform.autoconfigure.StartupGuards;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The API service's own production start-up checks, on top of the shared ones (root key, authentication):
 * rate limiting on, CORS limited to explicit origins, and credentials encrypted with Cloud KMS.
 */
@Component
class ApiStartupChecks implements SmartInitializingSingleton {

    private static final Pattern ORIGIN = Pattern.compile("^https?://[A-Za-z0-9.-]+(:\\d{1,5})?$");

    private final DeploymentEnv env;
    private final ApiProperties properties;
    private final CryptoProperties crypto;
    private final StartupGuards shared;

    ApiStartupChecks(DeploymentEnv env, ApiProperties properties, CryptoProperties crypto, StartupGuards shared) {
        this.env = env;
        this.properties = properties;
        this.crypto = crypto;
        this.shared = shared;
    }

    @Override
    public void afterSingletonsInstantiated() {
        StartupGuards.failIfAny(problems());
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>(shared.problems());
        if (!env.isProduction()) {
            return problems;
        }
        if (!properties.rateLimit().enabled()) {
            problems.add("rate limiting (cloudact.api.rate-limit.enabled) must be on in production");
        }
        for (String origin : properties.corsOrigins()) {
            if (!ORIGIN.matcher(origin).matches()) {
                problems.add("CORS origin '" + origin + "' is not an explicit http(s)://host[:port]");
            }
        }
        if (crypto.type() != CryptoProperties.Type.KMS) {
            problems.add("credentials must be encrypted with Cloud KMS (cloudact.crypto.type=kms) in production");
        }
        return problems;
    }
}
