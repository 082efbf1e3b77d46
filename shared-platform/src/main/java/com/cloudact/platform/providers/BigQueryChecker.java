package com.cloudact.platform.providers;

import com.cloudact.platform.providers.gcp.GcpAccessTokens;
import com.cloudact.platform.providers.gcp.GcpServiceAccount;
import com.cloudact.platform.providers.internal.HttpParts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * Gets a token for the service account, then lists at most one BigQuery dataset in its project
 * ({@code GET {bigquery}/bigquery/v2/projects/{project}/datasets?maxResults=1}), as the Python validator's
 * {@code list_datasets(max_results=1)} did.
 */
final class BigQueryChecker extends ProviderChecker<GcpServiceAccount> {

    private final String base;
    private final SafeHttp http;
    private final GcpAccessTokens tokens;

    BigQueryChecker(String base, SafeHttp http, GcpAccessTokens tokens) {
        super("Google Cloud", "service account key");
        this.base = base;
        this.http = http;
        this.tokens = tokens;
    }

    @Override
    GcpServiceAccount parse(String raw) {
        return GcpServiceAccount.parse(raw);
    }

    @Override
    List<String> secretsOf(GcpServiceAccount account) {
        return List.of(account.privateKey());
    }

    @Override
    CheckResult checkParsed(GcpServiceAccount account) throws IOException, InterruptedException {
        String token = tokens.accessToken(account, GcpAccessTokens.SCOPE_BIGQUERY_READONLY);
        HttpResponse<String> response = http.send(
                get(HttpParts.join(base, "/bigquery/v2/projects/" + account.projectId() + "/datasets?maxResults=1"))
                        .header("Authorization", "Bearer " + token).build());
        if (response.statusCode() != 200) {
            return failure(response, "Project " + account.projectId() + " was not found, or the service account cannot see it");
        }
        return CheckResult.valid("Google accepted the service account and BigQuery answered for project " + account.projectId(),
                Map.of("project_id", account.projectId(), "client_email", account.clientEmail()));
    }
}
