package com.cloudact.pipeline.procedures;

import com.cloudact.model.DatasetName;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The SQL procedures, one file per dialect with one contract: {@code procedures/duckdb/<name>.sql} is a
 * parameterized script run in one transaction; {@code procedures/bigquery/<name>.sql} creates a stored procedure
 * in the {@code organizations} dataset whose first argument is the org dataset id, then the contract's
 * parameters in order.
 */
@Component
public class ProcedureLibrary {

    private static final Pattern NAME = Pattern.compile("^sp_[a-z0-9_]{1,100}$");

    private final Warehouse warehouse;

    ProcedureLibrary(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Runs a procedure against an org's dataset with its parameters (in contract order). */
    public void call(String procedure, DatasetName orgDataset, Map<String, Object> parameters) {
        if (!NAME.matcher(procedure).matches()) {
            throw new IllegalArgumentException("Not a procedure name: " + procedure);
        }
        if (warehouse.dialect() == Dialect.DUCKDB) {
            warehouse.executeScript(SqlText.of(source(Dialect.DUCKDB, procedure))
                    .with("org", orgDataset).with("central", DatasetName.CENTRAL), parameters);
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("p_dataset_id", orgDataset.value());
        params.putAll(parameters);
        List<String> markers = params.keySet().stream().map(name -> "@" + name).toList();
        warehouse.execute(SqlText.of("CALL ${central}." + procedure + "(" + String.join(", ", markers) + ")")
                .with("central", DatasetName.CENTRAL), params);
    }

    /** The SQL text of a procedure in one dialect. */
    public static String source(Dialect dialect, String procedure) {
        String resource = "procedures/" + dialect.folder() + "/" + procedure + ".sql";
        try (InputStream in = ProcedureLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + dialect.folder() + " procedure " + procedure);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
