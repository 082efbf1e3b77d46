package com.cloudact.scheduler.jobs;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/** Applies the app-database migrations (Supabase in production) before services are deployed. */
@Component
class SupabaseMigrateJob implements SchedulerJob {

    private final DataSource dataSource;

    SupabaseMigrateJob(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "supabase-migrate";
    }

    @Override
    public String run() {
        var result = Flyway.configure().dataSource(dataSource).locations("classpath:db/appdb").load().migrate();
        return result.migrationsExecuted + " migrations applied, schema at version " + result.targetSchemaVersion;
    }
}
