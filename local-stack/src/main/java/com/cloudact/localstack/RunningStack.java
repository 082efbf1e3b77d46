package com.cloudact.localstack;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The three running services of a local stack; closing it stops them in reverse order. */
public record RunningStack(ConfigurableApplicationContext api, ConfigurableApplicationContext pipeline,
                           ConfigurableApplicationContext frontend, LocalStackSettings settings)
        implements AutoCloseable {

    public URI apiUrl() {
        return url(api);
    }

    public URI pipelineUrl() {
        return url(pipeline);
    }

    public URI frontendUrl() {
        return url(frontend);
    }

    static URI url(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void close() {
        frontend.close();
        pipeline.close();
        api.close();
    }
}
