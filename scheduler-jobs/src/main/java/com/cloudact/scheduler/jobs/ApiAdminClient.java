package com.cloudact.scheduler.jobs;

import com.cloudact.platform.auth.AuthHeaders;
import com.cloudact.scheduler.SchedulerProperties;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Root-key calls of the jobs to the API service's admin endpoints. */
@Component
class ApiAdminClient {

    private final RestClient http;

    ApiAdminClient(RestClient.Builder builder, SchedulerProperties properties) {
        if (properties.rootKey() == null || properties.rootKey().isBlank()) {
            throw new IllegalStateException("cloudact.scheduler.root-key (CA_ROOT_API_KEY) is required");
        }
        this.http = builder.baseUrl(properties.apiServiceUrl().toString())
                .defaultHeader(AuthHeaders.ROOT_KEY, properties.rootKey()).build();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) {
        return http.get().uri(path).retrieve().body(Map.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(String path, Map<String, Object> body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(Map.class);
    }
}
