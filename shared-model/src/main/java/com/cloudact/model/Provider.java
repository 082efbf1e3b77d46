package com.cloudact.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The provider registry: every cloud, GenAI and SaaS provider CloudAct knows, with the names it goes by.
 * {@code id} is the lower-case name used in URLs and lineage columns; {@code integrationKey} is the upper-case
 * name integrations are stored and listed under.
 */
public enum Provider {
    GCP(ProviderCategory.CLOUD, "gcp", "GCP_SA", "Google Cloud", List.of("gcp_sa", "google_cloud")),
    AWS(ProviderCategory.CLOUD, "aws", "AWS", "Amazon Web Services", List.of("aws_iam", "aws_keys", "amazon")),
    AZURE(ProviderCategory.CLOUD, "azure", "AZURE", "Microsoft Azure", List.of("microsoft")),
    OCI(ProviderCategory.CLOUD, "oci", "OCI", "Oracle Cloud Infrastructure", List.of("oracle")),

    OPENAI(ProviderCategory.GENAI, "openai", "OPENAI", "OpenAI", List.of()),
    ANTHROPIC(ProviderCategory.GENAI, "anthropic", "ANTHROPIC", "Anthropic", List.of("claude")),
    GEMINI(ProviderCategory.GENAI, "gemini", "GEMINI", "Google Gemini", List.of("google")),
    DEEPSEEK(ProviderCategory.GENAI, "deepseek", "DEEPSEEK", "DeepSeek", List.of()),
    AZURE_OPENAI(ProviderCategory.GENAI, "azure_openai", "AZURE_OPENAI", "Azure OpenAI", List.of()),
    AWS_BEDROCK(ProviderCategory.GENAI, "aws_bedrock", "AWS_BEDROCK", "AWS Bedrock", List.of("bedrock")),
    GCP_VERTEX(ProviderCategory.GENAI, "gcp_vertex", "GCP_VERTEX", "Google Vertex AI", List.of("vertex")),

    CHATGPT_PLUS(ProviderCategory.SAAS, "chatgpt_plus", "CHATGPT_PLUS", "ChatGPT", List.of("chatgpt")),
    CLAUDE_PRO(ProviderCategory.SAAS, "claude_pro", "CLAUDE_PRO", "Claude", List.of()),
    CURSOR(ProviderCategory.SAAS, "cursor", "CURSOR", "Cursor", List.of()),
    GITHUB_COPILOT(ProviderCategory.SAAS, "github_copilot", "GITHUB_COPILOT", "GitHub Copilot", List.of("copilot")),
    SLACK(ProviderCategory.SAAS, "slack", "SLACK", "Slack", List.of()),
    CANVA(ProviderCategory.SAAS, "canva", "CANVA", "Canva", List.of()),
    FIGMA(ProviderCategory.SAAS, "figma", "FIGMA", "Figma", List.of()),
    NOTION(ProviderCategory.SAAS, "notion", "NOTION", "Notion", List.of()),
    GITHUB(ProviderCategory.SAAS, "github", "GITHUB", "GitHub", List.of()),
    ZOOM(ProviderCategory.SAAS, "zoom", "ZOOM", "Zoom", List.of()),
    ATLASSIAN(ProviderCategory.SAAS, "atlassian", "ATLASSIAN", "Atlassian", List.of("jira", "confluence")),
    LINEAR(ProviderCategory.SAAS, "linear", "LINEAR", "Linear", List.of()),
    MIRO(ProviderCategory.SAAS, "miro", "MIRO", "Miro", List.of()),
    GOOGLE_WORKSPACE(ProviderCategory.SAAS, "google_workspace", "GOOGLE_WORKSPACE", "Google Workspace", List.of()),
    MICROSOFT_365(ProviderCategory.SAAS, "microsoft_365", "MICROSOFT_365", "Microsoft 365", List.of("office_365")),
    ADOBE(ProviderCategory.SAAS, "adobe", "ADOBE", "Adobe Creative Cloud", List.of("adobe_cc")),
    SALESFORCE(ProviderCategory.SAAS, "salesforce", "SALESFORCE", "Salesforce", List.of()),
    HUBSPOT(ProviderCategory.SAAS, "hubspot", "HUBSPOT", "HubSpot", List.of()),
    DROPBOX(ProviderCategory.SAAS, "dropbox", "DROPBOX", "Dropbox", List.of()),
    CUSTOM(ProviderCategory.SAAS, "custom", "CUSTOM", "Custom", List.of());

    private final ProviderCategory category;
    private final String id;
    private final String integrationKey;
    private final String displayName;
    private final List<String> aliases;

    Provider(ProviderCategory category, String id, String integrationKey, String displayName, List<String> aliases) {
        this.category = category;
        this.id = id;
        this.integrationKey = integrationKey;
        this.displayName = displayName;
        this.aliases = aliases;
    }

    public ProviderCategory category() {
        return category;
    }

    public String id() {
        return id;
    }

    public String integrationKey() {
        return integrationKey;
    }

    public String displayName() {
        return displayName;
    }

    /** Finds a provider by id, integration key or alias, ignoring case. */
    public static Optional<Provider> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id.equals(wanted) || p.integrationKey.toLowerCase(Locale.ROOT).equals(wanted)
                        || p.aliases.contains(wanted))
                .findFirst();
    }

    public static List<Provider> inCategory(ProviderCategory category) {
        return Arrays.stream(values()).filter(p -> p.category == category).toList();
    }
}
