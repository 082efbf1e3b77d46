package com.cloudact.model.pipeline;

import com.cloudact.model.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The registry of runnable pipelines ({@code pipelines/registry.yml}), shared by the API service's validator and
 * the pipeline service, so both agree on ids, required integrations and whether a pipeline is enabled.
 */
public final class PipelineRegistry {

    private static final String RESOURCE = "pipelines/registry.yml";

    private final List<PipelineRegistration> registrations;

    private PipelineRegistry(List<PipelineRegistration> registrations) {
        this.registrations = registrations;
    }

    @SuppressWarnings("unchecked")
    public static PipelineRegistry load() {
        try (InputStream in = PipelineRegistry.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            List<PipelineRegistration> registrations = ((List<Map<String, Object>>) doc.get("pipelines")).stream()
                    .map(PipelineRegistry::registration)
                    .toList();
            return new PipelineRegistry(registrations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<PipelineRegistration> all() {
        return registrations;
    }

    public Optional<PipelineRegistration> find(String id) {
        return registrations.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private static PipelineRegistration registration(Map<String, Object> row) {
        String required = (String) row.get("required_integration");
        return new PipelineRegistration((String) row.get("id"), (String) row.get("name"),
                (String) row.get("description"), (String) row.get("category"), (String) row.get("provider"),
                (String) row.get("domain"), (String) row.get("pipeline"),
                required == null ? Optional.empty() : Optional.of(Provider.find(required)
                        .orElseThrow(() -> new IllegalStateException("Unknown integration " + required))),
                (String) row.get("schedule"), !Boolean.FALSE.equals(row.get("enabled")),
                ((Number) row.getOrDefault("default_timeout_seconds", 1800)).intValue());
    }
}
