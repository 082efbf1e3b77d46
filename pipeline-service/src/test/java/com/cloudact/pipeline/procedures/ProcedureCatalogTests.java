package com.cloudact.pipeline.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.model.pipeline.PipelineDefinition;
import com.cloudact.model.pipeline.PipelineDefinitionParser;
import com.cloudact.model.pipeline.StepDefinition;
import com.cloudact.platform.warehouse.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The static check of every procedure file present (both dialects, one contract, only catalog tables and
 * columns), of every pipeline step that calls a procedure (same parameters, same order, same types), and proof
 * that the check notices each kind of mistake.
 */
class ProcedureCatalogTests {

    private static final String AWS = "sp_cloud_aws_convert_to_focus";
    private final ProcedureChecks checks = new ProcedureChecks(TableCatalog.load());

    @Test
    void everyProcedureHasBothDialectsOneContractAndOnlyCatalogTablesAndColumns() {
        TreeSet<String> names = new TreeSet<>(ProcedureLibrary.names(Dialect.DUCKDB));
        names.addAll(ProcedureLibrary.names(Dialect.BIGQUERY));

        assertThat(names).contains(AWS);
        List<String> problems = new ArrayList<>();
        names.forEach(name -> problems.addAll(checks.check(name)));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPipelineStepCallsItsProcedureWithTheContractsParametersInOrder() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:pipelines/**/*.yml");
        int calls = 0;
        List<String> problems = new ArrayList<>();
        for (Resource file : files) {
            if ("registry.yml".equals(file.getFilename())) {
                continue;
            }
            PipelineDefinition definition;
            try (InputStream in = file.getInputStream()) {
                definition = PipelineDefinitionParser.parse(in, file.getDescription());
            }
            for (StepDefinition step : definition.steps()) {
                if (!step.psType().equals("generic.procedure_executor")) {
                    continue;
                }
                calls++;
                String procedure = String.valueOf(step.config().get("procedure"));
                ProcedureContract contract = ProcedureLibrary.contract(Dialect.BIGQUERY, procedure);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> given = (List<Map<String, Object>>) step.config().get("parameters");
                List<String> names = given.stream().map(p -> String.valueOf(p.get("name"))).toList();
                List<String> types = given.stream().map(p -> String.valueOf(p.getOrDefault("type", "STRING"))).toList();
                if (!names.equals(contract.names())) {
                    problems.add(file.getFilename() + " step " + step.stepId() + ": parameters " + names
                            + " but " + procedure + " takes " + contract.names());
                } else if (!types.equals(contract.parameters().stream().map(ProcedureContract.Parameter::type).toList())) {
                    problems.add(file.getFilename() + " step " + step.stepId() + ": types " + types + " differ from "
                            + procedure + "'s signature");
                }
            }
        }
        assertThat(calls).isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownColumnOfAnAliasIsFound() {
        String bigquery = ProcedureLibrary.source(Dialect.BIGQUERY, AWS).replace("r.unblended_rate,", "r.unblended_rates,");

        assertThat(checks.check(AWS, ProcedureLibrary.source(Dialect.DUCKDB, AWS), bigquery))
                .containsExactly(AWS + " (bigquery): r.unblended_rates names a column that r does not have");
    }

    @Test
    void anUnknownColumnOfAJoinedCatalogTableIsFound() {
        String bigquery = ProcedureLibrary.source(Dialect.BIGQUERY, AWS).replace("p.admin_email", "p.owner_email");

        assertThat(checks.check(AWS, ProcedureLibrary.source(Dialect.DUCKDB, AWS), bigquery))
                .containsExactly(AWS + " (bigquery): p.owner_email names a column that p does not have");
    }

    @Test
    void anUnknownTableOrInsertColumnIsFound() {
        String duckdb = ProcedureLibrary.source(Dialect.DUCKDB, AWS)
                .replace("x_org_default_timezone, x_org_default_country", "x_org_default_timezone, x_org_country");
        String bigquery = ProcedureLibrary.source(Dialect.BIGQUERY, AWS)
                .replace("organizations.ref_service_categories", "organizations.ref_service_category");

        assertThat(checks.check(AWS, duckdb, bigquery)).containsExactlyInAnyOrder(
                AWS + " (duckdb): INSERT INTO cost_data_standard_1_3 names column x_org_country, which the catalog does not have",
                AWS + " (bigquery): `{project_id}.organizations.ref_service_category` is not a central table of the catalog",
                AWS + " (bigquery): cannot tell what the alias c (in c.service_category) stands for");
    }

    @Test
    void differentContractsAMissingDialectAndUndeclaredParametersAreFound() {
        String duckdb = ProcedureLibrary.source(Dialect.DUCKDB, AWS);
        String bigquery = ProcedureLibrary.source(Dialect.BIGQUERY, AWS);

        assertThat(checks.check(AWS, duckdb.replace("@p_credential_id (nullable), ", ""), bigquery))
                .anyMatch(p -> p.contains("the parameter contracts differ"))
                .anyMatch(p -> p.contains("uses @p_credential_id, which is not a declared parameter"));
        assertThat(checks.check(AWS, duckdb, null)).containsExactly(AWS + ": the bigquery file is missing");
        assertThat(checks.check(AWS, duckdb.replace("@p_run_id,", "@p_runid,"), bigquery))
                .anyMatch(p -> p.contains("uses @p_runid"));
    }
}
