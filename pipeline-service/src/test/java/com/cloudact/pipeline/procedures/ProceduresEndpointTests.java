package com.cloudact.pipeline.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.pipeline.PipelineHttp;
import com.cloudact.pipeline.PipelineIntegrationTest;
import com.cloudact.platform.warehouse.Dialect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The operator's procedure endpoints on the embedded (DuckDB) warehouse, and the BigQuery statements the sync and
 * the calls produce.
 */
class ProceduresEndpointTests extends PipelineIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void proceduresAreListedAndSyncedWithTheRootKeyOnly() {
        PipelineHttp http = new PipelineHttp(port);

        JsonNode list = http.getAsRoot("/api/v1/procedures").body();
        assertThat(list.path("dialect").asString()).isEqualTo("duckdb");
        JsonNode aws = java.util.stream.StreamSupport.stream(list.path("procedures").spliterator(), false)
                .filter(p -> p.path("name").asString().equals("sp_cloud_aws_convert_to_focus")).findFirst().orElseThrow();
        assertThat(aws.path("parameters")).extracting(p -> p.path("name").asString()).containsExactly("p_org_slug",
                "p_pipeline_id", "p_start_date", "p_end_date", "p_credential_id", "p_run_id");
        assertThat(aws.path("mode").asString()).contains("one transaction");

        JsonNode synced = http.postAsRoot("/api/v1/procedures/sync", Map.of("domain", "cloud")).body();
        assertThat(synced.path("results")).extracting(r -> r.path("action").asString()).containsOnly("script");
        assertThat(synced.path("results")).extracting(r -> r.path("name").asString())
                .contains("sp_cloud_aws_convert_to_focus").allMatch(n -> n.startsWith("sp_cloud_"));
        assertThat(http.getAsRoot("/api/v1/procedures/files").body().path("bigquery")).extracting(JsonNode::asString)
                .contains("sp_cloud_aws_convert_to_focus");
        assertThat(http.getAsRoot("/api/v1/procedures/sp_nothing_like_this").status()).isEqualTo(404);
        assertThat(http.deleteAsRoot("/api/v1/procedures/sp_cloud_aws_convert_to_focus").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/procedures", null).status()).isEqualTo(401);
        assertThat(http.postAsRoot("/api/v1/procedures/sync", Map.of("procedures", List.of("sp_unknown"))).status())
                .isEqualTo(404);
    }

    @Test
    void bigQueryProceduresAreCreatedInTheProjectAndCalledWithBoundParameters() {
        String create = ProcedureSync.createStatement(
                ProcedureLibrary.source(Dialect.BIGQUERY, "sp_cloud_aws_convert_to_focus"), "cloudact-prod");

        assertThat(create).startsWith("-- sp_cloud_aws_convert_to_focus (BigQuery)")
                .contains("CREATE OR REPLACE PROCEDURE `cloudact-prod.organizations`.sp_cloud_aws_convert_to_focus(")
                .contains("`cloudact-prod.%s.cost_data_standard_1_3`").doesNotContain("{project_id}");
        assertThat(ProcedureLibrary.callStatement("sp_cloud_aws_convert_to_focus", List.of("p_dataset_id", "p_org_slug")))
                .isEqualTo("CALL ${central}.sp_cloud_aws_convert_to_focus(@p_dataset_id, @p_org_slug)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProcedureSync.createStatement("x", "bad project; DROP"))
                .hasMessageContaining("project id");
    }
}
