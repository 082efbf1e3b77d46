package com.cloudact.model;

/** The three kinds of cost CloudAct unifies. */
public enum ProviderCategory {
    CLOUD, GENAI, SAAS;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
