package com.cloudact.pipeline.procedures;

import com.cloudact.platform.auth.RootCaller;
import com.cloudact.platform.warehouse.Dialect;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of the SQL procedures (root key): list, files, sync, one procedure, delete. */
@RestController
@RequestMapping("/api/v1/procedures")
class ProceduresController {

    private final ProcedureSync procedures;

    ProceduresController(ProcedureSync procedures) {
        this.procedures = procedures;
    }

    /** Body of a sync: {@code force} replaces even unchanged ones; {@code procedures}/{@code domain} narrow it. */
    record SyncProceduresRequest(Boolean force, List<String> procedures, String domain) {
    }

    @GetMapping
    Map<String, Object> list(RootCaller caller) {
        List<ProcedureSync.ProcedureInfo> all = procedures.list();
        return Map.of("dialect", procedures.dialect().folder(), "procedures", all, "count", all.size());
    }

    @GetMapping("/files")
    Map<String, Object> files(RootCaller caller) {
        return Map.of("duckdb", ProcedureLibrary.names(Dialect.DUCKDB), "bigquery",
                ProcedureLibrary.names(Dialect.BIGQUERY));
    }

    @PostMapping("/sync")
    Map<String, Object> sync(RootCaller caller, @RequestBody(required = false) SyncProceduresRequest request) {
        SyncProceduresRequest body = request == null ? new SyncProceduresRequest(false, List.of(), null) : request;
        List<ProcedureSync.Synced> results = procedures.sync(Boolean.TRUE.equals(body.force()),
                body.procedures() == null ? List.of() : body.procedures(), body.domain());
        return Map.of("dialect", procedures.dialect().folder(), "results", results, "count", results.size());
    }

    @GetMapping("/{name}")
    ProcedureSync.ProcedureInfo get(RootCaller caller, @PathVariable String name) {
        return procedures.find(name);
    }

    @PostMapping("/{name}")
    Map<String, Object> syncOne(RootCaller caller, @PathVariable String name) {
        return Map.of("dialect", procedures.dialect().folder(), "results", procedures.sync(true, List.of(name), null));
    }

    @DeleteMapping("/{name}")
    Map<String, Object> delete(RootCaller caller, @PathVariable String name) {
        return Map.of("name", name, "deleted", procedures.delete(name));
    }
}
