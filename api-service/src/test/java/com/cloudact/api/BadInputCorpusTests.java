package com.cloudact.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.platform.warehouse.SqlText;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hundreds of malformed requests, generated from the OpenAPI document so every route gets them: bad slugs and path
 * values, malformed and mistyped bodies, unknown fields, oversized bodies, hostile query values. Each must be
 * refused with a 4xx Problem Details answer, and none may write a row.
 */
class BadInputCorpusTests extends ApiIntegrationTest {

    private static final List<String> BAD_SLUGS = List.of("ab", "x".repeat(51), "acme-corp", "acme.prod",
            "acme' OR '1'='1", "acme;DROP TABLE org_profiles", "<script>alert(1)</script>", "../../etc",
            "acme\u0000", "ac me", "\u202Eacme", "${jndi:ldap://x}");
    private static final List<String> BAD_BODIES = List.of("{", "{\"a\":}", "[]", "\"text\"", "12", "{\"x\":1}",
            "{\"org_slug\":{\"$ne\":null},\"unexpected\":true}", "[".repeat(5000) + "]".repeat(5000),
            "{\"credential\":123,\"metadata\":[1,2],\"surprise\":\"field\"}");
    private static final List<String> BAD_QUERY_VALUES = List.of("abc", "-1", "99999999999999999999",
            "2024-13-45", "' OR 1=1 --");

    @Test
    void malformedRequestsAreRefusedWithProblemDetailsAndWriteNothing() {
        List<String> keys = new ArrayList<>();
        List<OrgSlug> orgs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OrgSlug org = newSlug("corpus");
            orgs.add(org);
            keys.add(onboarded(org, Plan.ENTERPRISE));
        }
        post("/api/v1/integrations/" + orgs.getFirst() + "/openai/setup", orgKey(keys.getFirst()),
                Map.of("credential", ProviderStandIns.OPENAI_KEY));
        Map<String, Long> before = rowCounts(orgs);
        JsonNode document = get("/openapi.json", Map.of()).body();

        List<String> failures = new ArrayList<>();
        int[] sent = {0};
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String template = path.getKey();
            JsonNode operation = method.getValue();
            if (!template.startsWith("/api/v1/")) {
                return;
            }
            boolean rootOnly = !operation.path("security").toString().contains("orgKey");
            for (String slug : template.contains("{org_slug}") ? BAD_SLUGS : List.<String>of()) {
                int i = sent[0] % keys.size();
                String url = fill(template, URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20"));
                check(failures, sent, method.getKey(), url, "{}", "application/json",
                        rootOnly ? root() : orgKey(keys.get(i)));
            }
            if (operation.has("requestBody")) {
                // Root routes may share one budget across all root calls; a few bad bodies each keep it for others.
                for (String body : rootOnly ? BAD_BODIES.subList(0, 4) : BAD_BODIES) {
                    int i = sent[0] % keys.size();
                    check(failures, sent, method.getKey(), fill(template, orgs.get(i).value()), body,
                            "application/json", rootOnly ? root() : orgKey(keys.get(i)));
                }
                int i = sent[0] % keys.size();
                check(failures, sent, method.getKey(), fill(template, orgs.get(i).value()), "credential=x",
                        "text/plain", rootOnly ? root() : orgKey(keys.get(i)));
                check(failures, sent, method.getKey(), fill(template, orgs.get(i).value()),
                        "{\"pad\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}", "application/json",
                        rootOnly ? root() : orgKey(keys.get(i)));
            }
            for (JsonNode parameter : operation.path("parameters")) {
                String type = parameter.path("schema").path("type").asString();
                String format = parameter.path("schema").path("format").asString();
                if (!"query".equals(parameter.path("in").asString())
                        || !(type.equals("integer") || type.equals("boolean") || format.equals("date"))) {
                    continue;
                }
                for (String value : BAD_QUERY_VALUES) {
                    if (type.equals("integer") && value.equals("-1") && parameter.path("schema").has("minimum")
                            && parameter.path("schema").path("minimum").asInt() < 0) {
                        continue;
                    }
                    int i = sent[0] % keys.size();
                    String url = fill(template, orgs.get(i).value()) + "?" + parameter.path("name").asString() + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    check(failures, sent, method.getKey(), url, null, null, rootOnly ? root() : orgKey(keys.get(i)));
                }
            }
        }));

        System.out.println("Bad-input corpus: " + sent[0] + " requests, " + failures.size() + " not refused properly");
        assertThat(failures).as("requests answered with something other than a 4xx problem").isEmpty();
        assertThat(sent[0]).isGreaterThanOrEqualTo(300);
        assertThat(rowCounts(orgs)).as("rows per table").isEqualTo(before);
    }

    @Test
    void aBodyStreamedWithoutALengthIsCutOffWith413() {
        byte[] huge = ("{\"org_slug\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/organizations/dryrun"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));

        Response answer = send(request, root());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().path("error").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private void check(List<String> failures, int[] sent, String method, String url, String body, String contentType,
                       Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        request.method(method.toUpperCase(), "get".equals(method) ? HttpRequest.BodyPublishers.noBody() : publisher);
        Response answer = send(request, headers);
        sent[0]++;
        String type = answer.raw().headers().firstValue("Content-Type").orElse("");
        if (answer.status() < 400 || answer.status() >= 500 || answer.status() == 429 || !type.contains("problem+json")) {
            failures.add(method.toUpperCase() + " " + url.substring(0, Math.min(url.length(), 160)) + " body="
                    + (body == null ? "-" : body.substring(0, Math.min(body.length(), 40))) + " -> "
                    + answer.status() + " " + answer.raw().body().substring(0, Math.min(answer.raw().body().length(), 200)));
        }
    }

    private static String fill(String template, String slug) {
        return template.replace("{org_slug}", slug).replace("{pipeline_logging_id}", "00000000-0000-0000-0000-000000000000")
                .replace("{org_api_key_hash}", "0".repeat(64)).replace("{provider}", "openai")
                .replace("{category}", "cloud").replace("{domain}", "cost").replace("{pipeline}", "billing")
                .replace("{pipeline_id}", "cloud_aws_cost_billing")
                .replace("{flow}", "payg").replace("{identifier}", "gpt-4o").replace("{model_id}", "gpt-4o")
                .replace("{subscription_id}", "sub_slack_pro_000000000000").replace("{plan_name}", "PRO");
    }

    /** Rows of every central table and of the orgs' datasets. */
    private Map<String, Long> rowCounts(List<OrgSlug> orgs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        TableCatalog catalog = TableCatalog.load();
        catalog.tables(DatasetKind.CENTRAL).forEach(table -> counts.put(table.name(), count(DatasetName.CENTRAL, table.name())));
        for (OrgSlug org : orgs) {
            DatasetName dataset = DatasetName.forOrg(org, DeploymentEnv.LOCAL);
            catalog.tables(DatasetKind.ORG).forEach(table -> counts.put(org + "." + table.name(), count(dataset, table.name())));
        }
        return counts;
    }

    private long count(DatasetName dataset, String table) {
        return warehouse.query(SqlText.of("SELECT COUNT(*) AS n FROM ${ds}." + table).with("ds", dataset), Map.of())
                .getFirst().longValue("n");
    }
}
