package com.cloudact.api.admin;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.DatasetDrift;
import com.cloudact.platform.warehouse.SeedLoader;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.TableRef;
import com.cloudact.platform.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/** Bootstrap of the central dataset from the catalog: create, compare, sync. Never drops unless forced. */
@Service
class BootstrapService {

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final Clock clock;

    BootstrapService(Warehouse warehouse, TableCatalog catalog, Clock clock) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.clock = clock;
    }

    BootstrapResult bootstrap(BootstrapRequest request) {
        List<TableSpec> tables = catalog.tables(DatasetKind.CENTRAL);
        boolean exists = warehouse.datasetExists(DatasetName.CENTRAL);
        if (exists && !request.forceRecreateDataset() && !request.forceRecreateTables()) {
            throw new CloudActException(ErrorCode.BOOTSTRAP_ALREADY_DONE,
                    "The central dataset already exists; use bootstrap/sync, or a force flag to recreate it");
        }
        if (exists && request.forceRecreateDataset()) {
            warehouse.dropDataset(DatasetName.CENTRAL);
        } else if (exists) {
            tables.forEach(t -> warehouse.dropTable(TableRef.of(DatasetName.CENTRAL, t.name())));
        }
        SyncResult result = warehouse.sync(DatasetName.CENTRAL, tables, new SyncOptions(true, false));
        seedReferenceTables();
        DatasetDrift drift = DatasetDrift.between(tables, warehouse.describe(DatasetName.CENTRAL));
        List<String> problems = drift.tablesMissing().stream().map(t -> "table missing: " + t).toList();
        return new BootstrapResult(result.succeeded() ? "SUCCESS" : "PARTIAL", result.datasetCreated() || !exists,
                result.tablesCreated(), result.tablesExisting(), tables.size(),
                "Bootstrapped the central dataset with %d tables".formatted(tables.size()),
                new BootstrapResult.SchemaValidation(drift.inSync(), concat(problems, result.errors()), List.of(),
                        drift.tablesExisting().size(), clock.instant()));
    }

    BootstrapStatus status() {
        List<TableSpec> tables = catalog.tables(DatasetKind.CENTRAL);
        if (!warehouse.datasetExists(DatasetName.CENTRAL)) {
            return new BootstrapStatus("NOT_BOOTSTRAPPED", false, tables.size(), List.of(),
                    tables.stream().map(TableSpec::name).toList(), List.of(), Map.of(),
                    "The central dataset does not exist; run POST /api/v1/admin/bootstrap");
        }
        DatasetDrift drift = DatasetDrift.between(tables, warehouse.describe(DatasetName.CENTRAL));
        boolean synced = drift.inSync();
        return new BootstrapStatus(synced ? "SYNCED" : "OUT_OF_SYNC", true, tables.size(), drift.tablesExisting(),
                drift.tablesMissing(), drift.tablesExtra(), drift.schemaDiffs(),
                synced ? "The central dataset matches the catalog"
                        : "The central dataset lacks tables or columns; run POST /api/v1/admin/bootstrap/sync");
    }

    BootstrapSyncResult sync(BootstrapSyncRequest request) {
        SyncResult result = warehouse.sync(DatasetName.CENTRAL, catalog.tables(DatasetKind.CENTRAL),
                new SyncOptions(request.syncMissingTables(), request.syncMissingColumns()));
        seedReferenceTables();
        int added = result.columnsAdded().values().stream().mapToInt(List::size).sum();
        return new BootstrapSyncResult(result.succeeded() ? "SUCCESS" : "PARTIAL", result.tablesCreated(),
                result.columnsAdded(), result.errors(),
                "Created %d tables and added %d columns".formatted(result.tablesCreated().size(), added));
    }

    /** Reference tables always hold exactly their seed file's rows. */
    private void seedReferenceTables() {
        Map<String, ?> existing = warehouse.describe(DatasetName.CENTRAL);
        catalog.tables(DatasetKind.CENTRAL).stream()
                .filter(t -> t.seed().isPresent() && existing.containsKey(t.name()))
                .forEach(t -> SeedLoader.load(warehouse, DatasetName.CENTRAL, t));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
