package com.cloudact.pipeline.extract.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudact.model.CloudActException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Repeated fields of the GCP export as BigQuery (JSON) and pandas (Python literals) write them; table names. */
class RepeatedRecordsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void jsonAndPythonLiteralsReadTheSame() {
        JsonNode json = RepeatedRecords.parse("[{\"key\":\"env\",\"value\":\"prod\"},{\"key\":\"team\",\"value\":null}]");
        JsonNode python = RepeatedRecords.parse("[{'key': 'env', 'value': 'prod'}, {'key': 'team', 'value': None}]");

        assertThat(python).isEqualTo(json);
        assertThat(RepeatedRecords.keyValues(RepeatedRecords.parse("[{'key': 'env', 'value': 'prod'}]")))
                .isEqualTo(JSON.readTree("{\"env\":\"prod\"}"));
        assertThat(RepeatedRecords.parse("[]")).isEmpty();
    }

    @Test
    void pythonQuotingEscapesBooleansAndNumbersAreRead() {
        JsonNode records = RepeatedRecords.parse("[{'name': \"O'Brien's credit\", 'amount': -1.5e-07, 'inherited': True,"
                + " 'text': 'tab\\tquote\\' backslash\\\\ \\u00e9\\x41', 'nested': {'list': [1, 2.50, False]}},]");

        JsonNode credit = records.get(0);
        assertThat(credit.get("name").asString()).isEqualTo("O'Brien's credit");
        assertThat(credit.get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("-0.00000015"));
        assertThat(credit.get("inherited").asBoolean()).isTrue();
        assertThat(credit.get("text").asString()).isEqualTo("tab\tquote' backslash\\ \u00e9A");
        assertThat(credit.get("nested").get("list").get(1).decimalValue()).isEqualByComparingTo("2.5");
        assertThat(credit.get("nested").get("list").get(2).asBoolean()).isFalse();
    }

    @Test
    void aCellThatIsNoListOfRecordsIsRefusedSayingWhere() {
        assertThatThrownBy(() -> RepeatedRecords.parse("[{'key': 'env', 'value': 'prod'}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at character");
        assertThatThrownBy(() -> RepeatedRecords.parse("[{'key': 'env, 'value': 'prod'}]"))
                .hasMessageContaining("lacks '}' at character 17");
        assertThatThrownBy(() -> RepeatedRecords.parse("{'key': 'env'}")).hasMessageContaining("not a list");
        assertThatThrownBy(() -> RepeatedRecords.parse("[1] trailing")).hasMessageContaining("after the list");
        assertThatThrownBy(() -> RepeatedRecords.parse("[Decimal('1.5')]")).hasMessageContaining("unknown value");
        assertThatThrownBy(() -> RepeatedRecords.keyValues(RepeatedRecords.parse("[{'value': 'x'}]")))
                .hasMessageContaining("without a key");
    }

    @Test
    void exportTableNamesFollowBigQueryNamingOrAreRefused() {
        ExportTable table = ExportTable.parse("example.com:acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6");

        assertThat(table.project()).isEqualTo("example.com:acme-billing");
        assertThat(table.dataset()).isEqualTo("billing_export");
        assertThat(table.sql()).isEqualTo("`example.com:acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6`");
        assertThat(ExportTable.parse("acme-billing.billing_export.gcp_billing_export_v1_*").sql())
                .isEqualTo("`acme-billing.billing_export.gcp_billing_export_v1_*`");
        for (String bad : new String[] {"acme-billing.b.t$20240301", "acme-billing.b.*t", "acme-billing.billing_export", "Acme-Billing.b.t", "acme-billing.b.t\\`x",
                "acme-billing.b.t;DROP", "acme-billing..t", "acme-billing.b.", "acme-billing.b.t x"}) {
            assertThatThrownBy(() -> ExportTable.parse(bad)).as(bad).isInstanceOf(CloudActException.class);
        }
    }
}
