package com.cloudact.platform.autoconfigure;

import com.cloudact.model.DeploymentEnv;
import java.util.ArrayList;
import java.util.List;

/**
 * Production start-up checks shared by the API and pipeline services: a long root key and authentication on.
 * A production service that fails one does not start, and says why. Services add their own checks on top.
 */
public final class StartupGuards {

    private static final int MIN_ROOT_KEY = 32;

    private final DeploymentEnv env;
    private final SecurityProperties security;

    public StartupGuards(DeploymentEnv env, SecurityProperties security) {
        this.env = env;
        this.security = security;
    }

    /** The problems found; empty outside production. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!env.isProduction()) {
            return problems;
        }
        if (security.rootKey() == null || security.rootKey().length() < MIN_ROOT_KEY) {
            problems.add("CA_ROOT_API_KEY must be set and at least " + MIN_ROOT_KEY + " characters long");
        }
        if (security.disableAuth()) {
            problems.add("cloudact.security.disable-auth (DISABLE_AUTH) must be false in production");
        }
        return problems;
    }

    public void check() {
        failIfAny(problems());
    }

    public static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }
}
