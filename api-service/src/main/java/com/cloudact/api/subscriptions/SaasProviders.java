package com.cloudact.api.subscriptions;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SaaS providers CloudAct knows by name (spec §7.2), each with its display name and category; any other
 * {@code ^[a-z0-9_]{2,50}$} id is a custom provider in category {@code other}.
 */
final class SaasProviders {

    static final Set<String> CATEGORIES = Set.of("llm_api", "ai", "design", "productivity", "communication",
            "development", "cloud", "other");
    private static final Pattern ID = Pattern.compile("^[a-z0-9_]{2,50}$");

    record Known(String id, String displayName, String category) {
    }

    static final Map<String, Known> KNOWN = known(
            "chatgpt_plus", "ChatGPT Plus", "ai", "claude_pro", "Claude Pro", "ai",
            "gemini_advanced", "Gemini Advanced", "ai", "copilot", "GitHub Copilot", "development",
            "cursor", "Cursor", "development", "windsurf", "Windsurf", "development", "replit", "Replit", "development",
            "v0", "v0", "development", "lovable", "Lovable", "development", "canva", "Canva", "design",
            "adobe_cc", "Adobe Creative Cloud", "design", "figma", "Figma", "design", "miro", "Miro", "design",
            "notion", "Notion", "productivity", "confluence", "Confluence", "productivity", "asana", "Asana", "productivity",
            "monday", "monday.com", "productivity", "slack", "Slack", "communication", "zoom", "Zoom", "communication",
            "teams", "Microsoft Teams", "communication", "github", "GitHub", "development", "gitlab", "GitLab", "development",
            "jira", "Jira", "development", "linear", "Linear", "development", "vercel", "Vercel", "cloud",
            "netlify", "Netlify", "cloud", "railway", "Railway", "cloud", "supabase", "Supabase", "cloud",
            "custom", "Custom", "other");

    private SaasProviders() {
    }

    /** The provider of a path, lower-cased; 400 when it is not a provider id. */
    static String provider(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                    "Provider must be a known SaaS provider or a custom id matching ^[a-z0-9_]{2,50}$");
        }
        return value;
    }

    static Optional<Known> known(String provider) {
        return Optional.ofNullable(KNOWN.get(provider));
    }

    static String category(String provider) {
        return known(provider).map(Known::category).orElse("other");
    }

    static String displayName(String provider) {
        return known(provider).map(Known::displayName).orElseGet(() -> {
            String spaced = provider.replace('_', ' ');
            return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
        });
    }

    private static Map<String, Known> known(String... triples) {
        Map<String, Known> map = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            map.put(triples[i], new Known(triples[i], triples[i + 1], triples[i + 2]));
        }
        return Map.copyOf(map);
    }
}
