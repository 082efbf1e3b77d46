package com.cloudact.platform.providers.standins;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Microsoft identity platform's token endpoint ({@code POST /{tenant}/oauth2/v2.0/token}, client-credentials
 * grant; checks tenant, client id, client secret and scope) and Azure Resource Manager's
 * {@code GET /subscriptions/{id}?api-version=…} (accepts only tokens it issued, for subscriptions the app reads).
 */
public final class AzureStandIn extends StandIn {

    private record App(String tenantId, String secret, Set<String> readableSubscriptions) {
    }

    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, String> subscriptionNames = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public void app(String tenantId, String clientId, String secret, String... readableSubscriptions) {
        apps.put(clientId, new App(tenantId, secret, Set.of(readableSubscriptions)));
    }

    /**
     * The client id a bearer token of an {@code Authorization} header was issued to, if this stand-in issued it: lets
     * a stand-in of another Azure API accept exactly the tokens handed out here.
     */
    public java.util.Optional<String> clientOf(String authorization) {
        String header = String.valueOf(authorization);
        return header.startsWith("Bearer ") ? java.util.Optional.ofNullable(tokens.get(header.substring(7)))
                : java.util.Optional.empty();
    }

    public void subscription(String subscriptionId, String displayName) {
        subscriptionNames.put(subscriptionId, displayName);
    }

    @Override
    protected Reply answer(Request request) {
        String[] path = request.path().split("/");
        if (request.method().equals("POST") && request.path().endsWith("/oauth2/v2.0/token") && path.length == 5) {
            return token(path[1], request.form());
        }
        if (request.method().equals("GET") && path.length == 3 && path[1].equals("subscriptions")) {
            return subscription(path[2], request);
        }
        return armError(404, "NotFound", "The requested path was not found.");
    }

    private Reply token(String tenantId, Map<String, String> form) {
        boolean tenantKnown = apps.values().stream().anyMatch(a -> a.tenantId().equals(tenantId));
        if (!tenantKnown) {
            return oauthError(400, "invalid_request", "AADSTS90002: Tenant '" + tenantId + "' not found. Check to make sure "
                    + "you have the correct tenant ID and are signing into the correct cloud.");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        App app = apps.get(String.valueOf(form.get("client_id")));
        if (app == null || !app.tenantId().equals(tenantId)) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory '" + tenantId + "'.");
        }
        if (!app.secret().equals(form.get("client_secret"))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being "
                    + "sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                    + form.get("client_id") + "'.");
        }
        if (!"https://management.azure.com/.default".equals(form.get("scope"))) {
            return oauthError(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
        }
        String token = "eyJ0eXAiOiJKV1Qi.standin." + UUID.randomUUID();
        tokens.put(token, String.valueOf(form.get("client_id")));
        return Reply.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\""
                + token + "\"}");
    }

    private Reply subscription(String subscriptionId, Request request) {
        if (request.rawQuery() == null || !request.rawQuery().contains("api-version=")) {
            return armError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required "
                    + "for all requests.");
        }
        String auth = String.valueOf(request.header("Authorization"));
        String clientId = auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
        if (clientId == null) {
            return armError(401, "InvalidAuthenticationToken", "The access token is invalid.");
        }
        String name = subscriptionNames.get(subscriptionId);
        if (name == null) {
            return armError(404, "SubscriptionNotFound", "The subscription '" + subscriptionId + "' could not be found.");
        }
        if (!apps.get(clientId).readableSubscriptions().contains(subscriptionId)) {
            return armError(403, "AuthorizationFailed", "The client '" + clientId + "' with object id '" + clientId
                    + "' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope "
                    + "'/subscriptions/" + subscriptionId + "' or the scope is invalid.");
        }
        return Reply.json(200, ("{\"id\":\"/subscriptions/%s\",\"authorizationSource\":\"RoleBased\",\"managedByTenants\":[],"
                + "\"subscriptionId\":\"%s\",\"tenantId\":\"%s\",\"displayName\":\"%s\",\"state\":\"Enabled\","
                + "\"subscriptionPolicies\":{\"locationPlacementId\":\"Public_2014-09-01\",\"quotaId\":\"PayAsYouGo_2014-09-01\","
                + "\"spendingLimit\":\"Off\"}}").formatted(subscriptionId, subscriptionId, apps.get(clientId).tenantId(), name));
    }

    public static Reply oauthError(int status, String error, String description) {
        return Reply.json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description
                + " Trace ID: 0b7a6f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b Correlation ID: 3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f "
                + "Timestamp: 2025-01-01 00:00:00Z\",\"error_codes\":[7000215],\"timestamp\":\"2025-01-01 00:00:00Z\"}");
    }

    public static Reply armError(int status, String code, String message) {
        return Reply.json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
