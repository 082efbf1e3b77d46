package com.cloudact.model;

import java.util.Locale;

/** Where a service runs; decides the per-org dataset suffix ({@code {org_slug}_{env}}). */
public enum DeploymentEnv {
    LOCAL, STAGE, PROD;

    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isProduction() {
        return this == PROD;
    }

    public static DeploymentEnv parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "local", "development", "dev", "test" -> LOCAL;
            case "stage", "staging" -> STAGE;
            case "prod", "production" -> PROD;
            default -> throw new IllegalArgumentException("Unknown environment '" + value + "' (local, stage or prod)");
        };
    }
}
