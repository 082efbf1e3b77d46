package com.cloudact.platform.providers.standins;

import java.util.Map;

/**
 * The model-listing endpoints of the four GenAI APIs, each with its documented authentication and its own success
 * and error bodies. Only the one key given at construction is accepted.
 */
public final class GenAiStandIn extends StandIn {

    public enum Flavor { OPENAI, ANTHROPIC, GEMINI, DEEPSEEK }

    private final Flavor flavor;
    private final String validKey;

    public GenAiStandIn(Flavor flavor, String validKey) {
        this.flavor = flavor;
        this.validKey = validKey;
    }

    public Flavor flavor() {
        return flavor;
    }

    @Override
    protected Reply answer(Request request) {
        if (!request.method().equals("GET") || !request.path().equals(modelsPath())) {
            return errorReply(404, "Not found");
        }
        return switch (flavor) {
            case OPENAI, DEEPSEEK -> bearer(request);
            case ANTHROPIC -> anthropic(request);
            case GEMINI -> gemini(request);
        };
    }

    private String modelsPath() {
        return switch (flavor) {
            case OPENAI, ANTHROPIC -> "/v1/models";
            case GEMINI -> "/v1beta/models";
            case DEEPSEEK -> "/models";
        };
    }

    private Reply bearer(Request request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return errorReply(401, "You didn't provide an API key.");
        }
        String key = auth.substring("Bearer ".length());
        if (!key.equals(validKey)) {
            String shown = flavor == Flavor.OPENAI
                    ? "Incorrect API key provided: " + key.substring(0, 3) + "*****" + last4(key) + "."
                    : "Authentication Fails, Your api key: ****" + last4(key) + " is invalid";
            return errorReply(401, shown);
        }
        return flavor == Flavor.OPENAI
                ? Reply.json(200, """
                        {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]}""")
                : Reply.json(200, """
                        {"object":"list","data":[{"id":"deepseek-chat","object":"model","owned_by":"deepseek"}]}""");
    }

    private Reply anthropic(Request request) {
        if (!"2023-06-01".equals(request.header("anthropic-version"))) {
            return errorReply(400, "anthropic-version: header is required");
        }
        if (!validKey.equals(request.header("x-api-key"))) {
            return errorReply(401, "invalid x-api-key");
        }
        return Reply.json(200, """
                {"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4",
                "created_at":"2025-05-22T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-20250514",
                "last_id":"claude-sonnet-4-20250514"}""");
    }

    private Reply gemini(Request request) {
        String key = request.header("x-goog-api-key");
        if (key == null && request.rawQuery() != null && request.rawQuery().startsWith("key=")) {
            key = request.rawQuery().substring(4);
        }
        if (key == null) {
            return errorReply(403, "Method doesn't allow unregistered callers (callers without established identity). "
                    + "Please use API Key or other form of API consumer identity to call this API.");
        }
        if (!key.equals(validKey)) {
            return errorReply(400, "API key not valid. Please pass a valid API key.");
        }
        return Reply.json(200, """
                {"models":[{"name":"models/gemini-2.0-flash","version":"2.0","displayName":"Gemini 2.0 Flash",
                "supportedGenerationMethods":["generateContent","countTokens"]}],"nextPageToken":"Ch9tb2RlbHM"}""");
    }

    /** An error in this provider's documented shape. */
    public Reply errorReply(int status, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        return switch (flavor) {
            case OPENAI, DEEPSEEK -> Reply.json(status, "{\"error\":{\"message\":\"" + escaped
                    + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"" + codeFor(status) + "\"}}");
            case ANTHROPIC -> Reply.json(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + anthropicType(status)
                    + "\",\"message\":\"" + escaped + "\"}}");
            case GEMINI -> Reply.json(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + escaped
                    + "\",\"status\":\"" + googleStatus(status) + "\"}}");
        };
    }

    private static String codeFor(int status) {
        return Map.of(401, "invalid_api_key", 403, "unsupported_country_region_territory", 429, "rate_limit_exceeded")
                .getOrDefault(status, "invalid_request_error");
    }

    private static String anthropicType(int status) {
        return Map.of(401, "authentication_error", 403, "permission_error", 429, "rate_limit_error", 500, "api_error",
                404, "not_found_error").getOrDefault(status, "invalid_request_error");
    }

    private static String googleStatus(int status) {
        return Map.of(400, "INVALID_ARGUMENT", 403, "PERMISSION_DENIED", 429, "RESOURCE_EXHAUSTED", 500, "INTERNAL",
                404, "NOT_FOUND").getOrDefault(status, "UNKNOWN");
    }

    private static String last4(String key) {
        return key.length() <= 4 ? key : key.substring(key.length() - 4);
    }
}
