package com.cloudact.api.validator;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.model.pipeline.PipelineRegistration;
import com.cloudact.model.pipeline.PipelineRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pipeline registry, public: which pipelines exist, what they need, and whether they are enabled. */
@RestController
@RequestMapping("/api/v1/validator/pipelines")
class PipelineCatalogController {

    private final PipelineRegistry registry;

    PipelineCatalogController(PipelineRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) String provider,
                             @RequestParam(name = "enabled_only", defaultValue = "true") boolean enabledOnly) {
        List<Map<String, Object>> pipelines = registry.all().stream()
                .filter(p -> !enabledOnly || p.enabled())
                .filter(p -> provider == null || provider.equalsIgnoreCase(p.provider()))
                .map(PipelineCatalogController::view).toList();
        return Map.of("success", true, "pipelines", pipelines, "total", pipelines.size());
    }

    @GetMapping("/{pipeline_id}")
    Map<String, Object> one(@PathVariable("pipeline_id") String pipelineId) {
        return registry.find(pipelineId).map(PipelineCatalogController::view).orElseThrow(() ->
                new CloudActException(ErrorCode.PIPELINE_NOT_FOUND, "No pipeline '" + pipelineId + "'"));
    }

    static Map<String, Object> view(PipelineRegistration p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", p.id());
        view.put("name", p.name());
        view.put("description", p.description());
        view.put("category", p.category());
        view.put("provider", p.provider() == null || p.provider().equals(p.category()) ? "" : p.provider());
        view.put("domain", p.domain());
        view.put("pipeline", p.pipeline());
        view.put("required_integration", p.requiredIntegration().map(Provider::integrationKey).orElse(null));
        view.put("schedule", p.schedule());
        view.put("enabled", p.enabled());
        view.put("default_timeout_seconds", p.defaultTimeoutSeconds());
        return view;
    }
}
