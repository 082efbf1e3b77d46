package com.cloudact.pipeline.procedures;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.platform.autoconfigure.WarehouseProperties;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps the BigQuery procedures of the {@code organizations} dataset in step with the files: each
 * {@code procedures/bigquery/<name>.sql} is created with {@code {project_id}} replaced by the warehouse project,
 * and replaced when its text changed (or always, when forced). DuckDB has no stored procedures: there the files
 * are run as scripts at call time, and a sync only checks that both dialect files of each procedure are readable.
 */
@Service
public class ProcedureSync {

    private static final Logger LOG = LoggerFactory.getLogger(ProcedureSync.class);
    private static final SqlText ROUTINES = SqlText.of("""
            SELECT routine_name, ddl FROM ${central}.INFORMATION_SCHEMA.ROUTINES WHERE routine_type = 'PROCEDURE'""")
            .with("central", DatasetName.CENTRAL);

    private final Warehouse warehouse;
    private final ObjectProvider<WarehouseProperties> warehouseProperties;
    private final ProcedureProperties properties;

    ProcedureSync(Warehouse warehouse, ObjectProvider<WarehouseProperties> warehouseProperties,
                  ProcedureProperties properties) {
        this.warehouse = warehouse;
        this.warehouseProperties = warehouseProperties;
        this.properties = properties;
    }

    /** What a sync did with one procedure: created, replaced, unchanged (BigQuery), or script (DuckDB). */
    public record Synced(String name, String action) {
    }

    /** One procedure as the service knows it. */
    public record ProcedureInfo(String name, String dialect, List<ProcedureContract.Parameter> parameters,
                                Boolean stored, String mode) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void syncAtStartup() {
        if (warehouse.dialect() == Dialect.BIGQUERY && properties.autoSync()) {
            try {
                sync(false, List.of(), null);
            } catch (RuntimeException e) {
                LOG.error("Creating the BigQuery procedures at start-up failed; POST /api/v1/procedures/sync", e);
            }
        }
    }

    public Dialect dialect() {
        return warehouse.dialect();
    }

    /** Syncs the named procedures (all when none is named), optionally only those of one domain. */
    public List<Synced> sync(boolean force, List<String> names, String domain) {
        List<String> selected = select(names, domain);
        List<Synced> results = new ArrayList<>();
        if (warehouse.dialect() == Dialect.DUCKDB) {
            for (String name : selected) {
                ProcedureLibrary.contract(Dialect.DUCKDB, name);
                results.add(new Synced(name, "script"));
            }
            return results;
        }
        Map<String, String> stored = storedDdl();
        for (String name : selected) {
            String statement = createStatement(ProcedureLibrary.source(Dialect.BIGQUERY, name), projectId());
            String existing = stored.get(name);
            if (!force && existing != null && normalize(existing).equals(normalize(statement))) {
                results.add(new Synced(name, "unchanged"));
                continue;
            }
            warehouse.execute(SqlText.of(statement), Map.of());
            results.add(new Synced(name, existing == null ? "created" : "replaced"));
        }
        return results;
    }

    public List<ProcedureInfo> list() {
        Map<String, String> stored = warehouse.dialect() == Dialect.BIGQUERY ? storedDdl() : Map.of();
        return ProcedureLibrary.names(warehouse.dialect()).stream().map(name -> info(name, stored)).toList();
    }

    public ProcedureInfo find(String name) {
        return info(known(name), warehouse.dialect() == Dialect.BIGQUERY ? storedDdl() : Map.of());
    }

    /** Drops a stored BigQuery procedure; DuckDB stores none. */
    public boolean delete(String name) {
        known(name);
        if (warehouse.dialect() == Dialect.DUCKDB) {
            throw new CloudActException(ErrorCode.BAD_REQUEST,
                    "DuckDB runs procedures from their files; nothing is stored to delete");
        }
        boolean existed = storedDdl().containsKey(name);
        warehouse.execute(SqlText.of("DROP PROCEDURE IF EXISTS ${central}." + name).with("central", DatasetName.CENTRAL),
                Map.of());
        return existed;
    }

    /** The CREATE statement of a BigQuery procedure file for one project. */
    static String createStatement(String source, String projectId) {
        if (projectId == null || !projectId.matches("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")) {
            throw new CloudActException(ErrorCode.INTERNAL_ERROR, "Not a Google Cloud project id: " + projectId);
        }
        return source.replace("{project_id}", projectId);
    }

    private ProcedureInfo info(String name, Map<String, String> stored) {
        Dialect dialect = warehouse.dialect();
        return new ProcedureInfo(name, dialect.folder(), ProcedureLibrary.contract(dialect, name).parameters(),
                dialect == Dialect.BIGQUERY ? stored.containsKey(name) : null,
                dialect == Dialect.BIGQUERY ? "stored procedure in organizations, run with CALL"
                        : "script run in one transaction");
    }

    private List<String> select(List<String> names, String domain) {
        List<String> all = ProcedureLibrary.names(warehouse.dialect());
        List<String> selected = names == null || names.isEmpty() ? all : names.stream().map(this::known).toList();
        if (domain != null && !domain.isBlank()) {
            selected = selected.stream().filter(n -> n.startsWith("sp_" + domain + "_")).toList();
        }
        return selected;
    }

    private String known(String name) {
        if (name == null || !ProcedureLibrary.NAME.matcher(name).matches()
                || !ProcedureLibrary.names(warehouse.dialect()).contains(name)) {
            throw new CloudActException(ErrorCode.NOT_FOUND, "No procedure " + name);
        }
        return name;
    }

    private Map<String, String> storedDdl() {
        return warehouse.query(ROUTINES, Map.of()).stream().collect(Collectors.toMap(r -> r.string("routine_name"),
                r -> Optional.ofNullable(r.string("ddl")).orElse(""), (a, b) -> a));
    }

    private String projectId() {
        return Optional.ofNullable(warehouseProperties.getIfAvailable()).map(WarehouseProperties::bigquery)
                .map(WarehouseProperties.BigQuery::projectId).orElse(null);
    }

    private static String normalize(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }
}
