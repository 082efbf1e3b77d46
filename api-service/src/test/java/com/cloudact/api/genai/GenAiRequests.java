package com.cloudact.api.genai;

import com.cloudact.api.ApiIntegrationTest;
import java.net.http.HttpRequest;
import java.util.Map;

/** HTTP verbs the base class lacks, for the GenAI tests. */
abstract class GenAiRequests extends ApiIntegrationTest {

    protected Response put(String path, Map<String, String> headers, Object body) {
        return withBody("PUT", path, headers, body);
    }

    protected Response patch(String path, Map<String, String> headers, Object body) {
        return withBody("PATCH", path, headers, body);
    }

    protected Response delete(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    private Response withBody(String method, String path, Map<String, String> headers, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), headers);
    }
}
