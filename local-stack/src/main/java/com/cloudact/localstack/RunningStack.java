package com.cloudact.localstack;

import com.cloudact.scheduler.jobs.SchedulerJobs;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running services of a local stack and its job scheduler; closing it stops them in reverse order.
 */
public record RunningStack(ConfigurableApplicationContext api, ConfigurableApplicationContext pipeline,
                           ConfigurableApplicationContext frontend, ConfigurableApplicationContext scheduler,
                           LocalStackSettings settings)
        implements AutoCloseable {

    /** Runs one scheduler job now, as its Cloud Run Job would; returns its summary. */
    public String runJob(String name) {
        return scheduler.getBean(SchedulerJobs.class).run(name);
    }

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
        scheduler.close();
        frontend.close();
        pipeline.close();
        api.close();
    }
}
