package com.cloudact.pipeline.genai;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.pipeline.procedures.ProcedureLibrary;
import com.cloudact.platform.warehouse.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The BigQuery dialect of the GenAI procedures (which runs nowhere in the tests) against the DuckDB one (which the
 * formula tests run): the contract's signature, one transaction, the same INSERT columns, and no DuckDB-only syntax.
 */
class GenAiProcedureDialectTests {

    @ParameterizedTest
    @ValueSource(strings = {"sp_genai_payg_cost", "sp_genai_commitment_cost", "sp_genai_infrastructure_cost",
            "sp_genai_consolidate", "sp_genai_convert_to_focus"})
    void theBigQueryProcedureMatchesTheDuckDbOne(String name) {
        String bigQuery = ProcedureLibrary.source(Dialect.BIGQUERY, name);
        String duckDb = ProcedureLibrary.source(Dialect.DUCKDB, name);

        assertThat(bigQuery).contains("CREATE OR REPLACE PROCEDURE `{project_id}.organizations`." + name + "(\n"
                + "    p_dataset_id STRING,\n    p_org_slug STRING,\n    p_pipeline_id STRING,\n    p_provider STRING,\n"
                + "    p_start_date DATE,\n    p_end_date DATE,\n    p_credential_id STRING,\n    p_run_id STRING)");
        assertThat(bigQuery).contains("BEGIN TRANSACTION;").contains("COMMIT TRANSACTION;").contains("ROLLBACK TRANSACTION;");
        assertThat(bigQuery.replaceAll("(?m)^--.*$", "")).doesNotContain("${").doesNotContain("DECIMAL(")
                .doesNotContain("now()").doesNotContain("uuid()").doesNotContain("VARCHAR").doesNotContain("DOUBLE")
                .doesNotContain("date_trunc('").doesNotContain("::");
        assertThat(bigQuery.replaceAll("(?m)^--.*$", "").replaceAll("%%", "")).doesNotContainPattern("%[^s]");
        assertThat(insertColumns(bigQuery)).isEqualTo(insertColumns(duckDb)).isNotEmpty();
        assertThat(ProcedureLibrary.contract(Dialect.BIGQUERY, name).names())
                .isEqualTo(ProcedureLibrary.contract(Dialect.DUCKDB, name).names());
    }

    private static List<List<String>> insertColumns(String sql) {
        Matcher insert = Pattern.compile("INSERT INTO [^(]+\\(([^)]*)\\)").matcher(sql);
        List<List<String>> all = new ArrayList<>();
        while (insert.find()) {
            all.add(Arrays.stream(insert.group(1).split(",")).map(String::strip).toList());
        }
        return all;
    }
}
