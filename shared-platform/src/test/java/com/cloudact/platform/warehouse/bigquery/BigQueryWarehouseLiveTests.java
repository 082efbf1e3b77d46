package com.cloudact.platform.warehouse.bigquery;

import com.cloudact.platform.warehouse.Warehouse;
import com.cloudact.platform.warehouse.WarehouseContractTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The warehouse contract against real BigQuery. Runs only with {@code CLOUDACT_BIGQUERY_TEST_PROJECT} and
 * {@code GOOGLE_APPLICATION_CREDENTIALS} set ({@code CLOUDACT_BIGQUERY_TEST_LOCATION} defaults to US); every test
 * works in a {@code contract_*} dataset of its own, which the contract drops after the test.
 */
@EnabledIfEnvironmentVariable(named = "CLOUDACT_BIGQUERY_TEST_PROJECT", matches = ".+")
@EnabledIfEnvironmentVariable(named = "GOOGLE_APPLICATION_CREDENTIALS", matches = ".+")
class BigQueryWarehouseLiveTests extends WarehouseContractTests {

    private static BigQueryWarehouse warehouse;

    @BeforeAll
    static void connect() {
        String location = System.getenv("CLOUDACT_BIGQUERY_TEST_LOCATION");
        warehouse = new BigQueryWarehouse(System.getenv("CLOUDACT_BIGQUERY_TEST_PROJECT"),
                location == null || location.isBlank() ? "US" : location);
    }

    @Override
    protected Warehouse warehouse() {
        return warehouse;
    }
}
