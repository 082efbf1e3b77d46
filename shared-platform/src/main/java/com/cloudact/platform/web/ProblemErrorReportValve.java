package com.cloudact.platform.web;

import com.cloudact.model.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last-resort error page as Problem Details instead of HTML. It answers what Tomcat refuses before any
 * servlet runs (encoded slashes or NUL bytes in the path, malformed request lines), so even those requests get the
 * same error shape as everything else. It never shows exception details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status == 400 ? "Bad Request" : "Error");
        problem.put("status", status);
        problem.put("detail", status == 400 ? "The request is malformed (for example an encoded slash or control "
                + "character in the path)" : "The request could not be served");
        problem.put("error", (status == 400 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_ERROR).wireName());
        problem.put("request_id", UUID.randomUUID().toString());
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over; there is no one left to tell.
        }
    }
}
