package com.cloudact.platform.health;

import com.cloudact.model.DeploymentEnv;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public probes of the API and pipeline services: {@code /health}, {@code /health/live}, {@code /health/ready}
 * (503 only when the warehouse cannot answer) and the welcome document at {@code /}.
 */
@RestController
public class ServiceHealthController {

    private final ServiceProperties service;
    private final DeploymentEnv env;
    private final WarehouseReadiness readiness;

    public ServiceHealthController(ServiceProperties service, DeploymentEnv env, WarehouseReadiness readiness) {
        this.service = service;
        this.env = env;
        this.readiness = readiness;
    }

    @GetMapping("/")
    public Map<String, Object> welcome() {
        Map<String, Object> body = identity();
        body.put("message", "CloudAct " + service.name());
        body.put("docs", "/docs");
        body.put("openapi", "/openapi.json");
        return body;
    }

    @GetMapping("/health")
    public Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.putAll(identity());
        return body;
    }

    @GetMapping("/health/live")
    public Map<String, Object> live() {
        return Map.of("status", "alive", "service", service.name(), "version", service.version());
    }

    @GetMapping("/health/ready")
    public ResponseEntity<Map<String, Object>> ready() {
        boolean warehouseUp = readiness.warehouseAnswers();
        boolean bootstrapped = warehouseUp && readiness.bootstrapped();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", warehouseUp ? "ready" : "not_ready");
        body.putAll(identity());
        body.put("checks", Map.of("ready", warehouseUp, "warehouse", warehouseUp, "setup", bootstrapped));
        return ResponseEntity.status(warehouseUp ? 200 : 503).body(body);
    }

    private Map<String, Object> identity() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service.name());
        body.put("version", service.version());
        body.put("release", service.release());
        body.put("environment", env.suffix());
        return body;
    }
}
