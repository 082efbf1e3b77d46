package com.cloudact.api.web;

import com.cloudact.platform.web.RequestId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** Problem Details written straight to the response, for filters that answer before any controller runs. */
final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static void write(HttpServletResponse response, int status, String error, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", error);
        body.put("request_id", RequestId.current());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
