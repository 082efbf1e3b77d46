package com.cloudact.localstack;

import com.cloudact.api.ApiApplication;
import com.cloudact.frontend.FrontendApplication;
import com.cloudact.pipeline.PipelineApplication;
import com.cloudact.scheduler.SchedulerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts CloudAct on one machine: the API, pipeline and frontend services in this JVM, sharing one embedded
 * PostgreSQL (data/postgres), one DuckDB file (data/cloudact.duckdb) and one credential keyset (data/keys),
 * plus the scheduler jobs on their daily cron; runs the bootstrap job first. Each service keeps its own settings file and Spring context.
 */
public final class LocalStackRunner {

    /*
     * One JVM means one classpath: each service would also see the others' libraries and auto-configure them.
     * These exclusions give each service only what its own deployment has.
     */
    private static final String EXCLUDE = "spring.autoconfigure.exclude";
    private static final String FRONTEND_ONLY = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration");
    private static final String APP_DATABASE = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    private LocalStackRunner() {
    }

    public static RunningStack start(LocalStackSettings settings) {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("CLOUDACT_DATA_DIR", settings.dataDirectory().toString());
        common.put("CA_ROOT_API_KEY", settings.rootKey());
        common.put("spring.main.banner-mode", "off");
        // One JVM, one logging system: the logger names tell the services apart, not the first app's name.
        common.put("logging.include-application-name", "false");
        // The API calls the pipeline service (run-all, plan backfills) and starts first, so the pipeline service's
        // port is settled before either starts.
        int pipelinePort = settings.pipelinePort() == 0 ? freePort() : settings.pipelinePort();
        ConfigurableApplicationContext api = ApiApplication.builder()
                .run(arguments(with(with(with(common, "server.port", settings.apiPort()), EXCLUDE, FRONTEND_ONLY),
                        "PIPELINE_SERVICE_URL", "http://localhost:" + pipelinePort)));
        String apiUrl = RunningStack.url(api).toString();
        ConfigurableApplicationContext pipeline = PipelineApplication.builder()
                .run(arguments(with(with(with(common, "server.port", pipelinePort), "API_SERVICE_URL", apiUrl),
                        EXCLUDE, FRONTEND_ONLY + "," + APP_DATABASE)));
        ConfigurableApplicationContext frontend = FrontendApplication.builder()
                .run(arguments(with(with(common, "server.port", settings.frontendPort()), "API_SERVICE_URL", apiUrl)));
        ConfigurableApplicationContext scheduler = SchedulerApplication.builder()
                .run(arguments(with(with(with(common, "API_SERVICE_URL", apiUrl), EXCLUDE, FRONTEND_ONLY),
                        "cloudact.scheduler.run-on-schedule", true)));
        RunningStack stack = new RunningStack(api, pipeline, frontend, scheduler, settings);
        stack.runJob("bootstrap");
        return stack;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings as command-line arguments: they outrank every settings file and the environment. */
    private static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
