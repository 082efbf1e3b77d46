package com.cloudact.api.organizations;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.DeploymentEnv;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.catalog.DatasetKind;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.catalog.TableSpec;
import com.cloudact.platform.warehouse.DatasetDrift;
import com.cloudact.platform.warehouse.SyncOptions;
import com.cloudact.platform.warehouse.SyncResult;
import com.cloudact.platform.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** An organization's own dataset: compare it with the catalog, and create what is missing (never drop). */
@Service
class OrgDatasets {

    private final Warehouse warehouse;
    private final TableCatalog catalog;
    private final DeploymentEnv env;
    private final OrgProfiles profiles;

    OrgDatasets(Warehouse warehouse, TableCatalog catalog, DeploymentEnv env, OrgProfiles profiles) {
        this.warehouse = warehouse;
        this.catalog = catalog;
        this.env = env;
        this.profiles = profiles;
    }

    record Status(String orgSlug, String status, boolean datasetExists, boolean profileExists, int tablesExpected,
                  List<String> tablesExisting, List<String> tablesMissing,
                  Map<String, DatasetDrift.ColumnDrift> schemaDiffs, String message) {
    }

    record Sync(String orgSlug, String status, boolean datasetCreated, List<String> tablesCreated,
                Map<String, List<String>> columnsAdded, List<String> viewsCreated, List<String> errors,
                String message) {
    }

    record Repair(String orgSlug, String datasetId, List<String> tablesCreated, List<String> tablesExisting,
                  List<String> tablesFailed, String message) {
    }

    DatasetName datasetOf(OrgSlug org) {
        return DatasetName.forOrg(org, env);
    }

    Status status(OrgSlug org) {
        List<TableSpec> tables = catalog.tables(DatasetKind.ORG);
        boolean profile = profiles.find(org).isPresent();
        DatasetName dataset = datasetOf(org);
        if (!warehouse.datasetExists(dataset)) {
            List<String> missing = profile ? List.of("(entire dataset)") : tables.stream().map(TableSpec::name).toList();
            return new Status(org.value(), profile ? "PROFILE_ONLY" : "NOT_FOUND", false, profile, tables.size(),
                    List.of(), missing, Map.of(), profile ? "The org has a profile but no dataset; run sync"
                    : "No such organization");
        }
        DatasetDrift drift = DatasetDrift.between(tables, warehouse.describe(dataset));
        return new Status(org.value(), drift.inSync() ? "SYNCED" : "OUT_OF_SYNC", true, profile, tables.size(),
                drift.tablesExisting(), drift.tablesMissing(), drift.schemaDiffs(),
                drift.inSync() ? "The dataset matches the catalog" : "The dataset lacks tables or columns; run sync");
    }

    /** Creates the catalog's views in the org dataset (all of them again with {@code replace}). */
    List<String> createViews(OrgSlug org, boolean replace) {
        return catalog.views().stream().filter(view -> warehouse.createView(datasetOf(org), view, org, replace))
                .map(com.cloudact.model.catalog.ViewSpec::name).toList();
    }

    Sync sync(OrgSlug org, boolean missingTables, boolean missingColumns, boolean recreateViews) {
        OrgProfile profile = profiles.find(org).orElseThrow(() ->
                new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " has no profile"));
        if (!profile.active()) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Organization " + org + " is " + profile.status());
        }
        SyncResult result = warehouse.sync(datasetOf(org), catalog.tables(DatasetKind.ORG),
                new SyncOptions(missingTables, missingColumns));
        int added = result.columnsAdded().values().stream().mapToInt(List::size).sum();
        List<String> views = createViews(org, recreateViews);
        return new Sync(org.value(), result.succeeded() ? "SUCCESS" : "PARTIAL", result.datasetCreated(),
                result.tablesCreated(), result.columnsAdded(), views, result.errors(),
                "Created %d tables and added %d columns".formatted(result.tablesCreated().size(), added));
    }

    /** Creates the missing tables of an onboarded org (404 for an org without a profile: no orphan datasets). */
    Repair repair(OrgSlug org) {
        if (profiles.find(org).isEmpty()) {
            throw new CloudActException(ErrorCode.ORG_NOT_FOUND, "Organization " + org + " has no profile");
        }
        DatasetName dataset = datasetOf(org);
        SyncResult result = warehouse.sync(dataset, catalog.tables(DatasetKind.ORG), new SyncOptions(true, false));
        List<String> failed = result.errors().stream().map(e -> e.substring(0, Math.max(0, e.indexOf(':')))).toList();
        return new Repair(org.value(), dataset.value(), result.tablesCreated(), result.tablesExisting(), failed,
                "Created %d missing tables".formatted(result.tablesCreated().size()));
    }

    /** Creates every per-org table and view (used by onboarding); returns what the table sync did. */
    SyncResult create(OrgSlug org) {
        SyncResult result = warehouse.sync(datasetOf(org), catalog.tables(DatasetKind.ORG), SyncOptions.FULL);
        createViews(org, false);
        return result;
    }
}
