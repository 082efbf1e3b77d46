package com.cloudact.pipeline.procedures;

import com.cloudact.model.DatasetName;
import com.cloudact.platform.warehouse.Dialect;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The SQL procedures, one file per dialect with one contract: {@code procedures/duckdb/<name>.sql} is a
 * parameterized script run in one transaction; {@code procedures/bigquery/<name>.sql} creates a stored procedure
 * in the {@code organizations} dataset (by the procedure sync) whose first argument is the org dataset id, then
 * the contract's parameters in order, and is run with {@code CALL}.
 */
@Component
public class ProcedureLibrary {

    public static final Pattern NAME = Pattern.compile("^sp_[a-z0-9_]{1,100}$");

    private final Warehouse warehouse;

    ProcedureLibrary(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Runs a procedure against an org's dataset with its parameters (in contract order). */
    public void call(String procedure, DatasetName orgDataset, Map<String, Object> parameters) {
        checkName(procedure);
        if (warehouse.dialect() == Dialect.DUCKDB) {
            warehouse.executeScript(SqlText.of(source(Dialect.DUCKDB, procedure))
                    .with("org", orgDataset).with("central", DatasetName.CENTRAL), parameters);
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(ProcedureContract.DATASET_PARAMETER, orgDataset.value());
        params.putAll(parameters);
        warehouse.execute(SqlText.of(callStatement(procedure, List.copyOf(params.keySet())))
                .with("central", DatasetName.CENTRAL), params);
    }

    /** {@code CALL ${central}.sp_x(@p_dataset_id, @p_a, ...)}: every argument is a bound parameter. */
    static String callStatement(String procedure, List<String> parameterNames) {
        checkName(procedure);
        return "CALL ${central}." + procedure + "(" + String.join(", ",
                parameterNames.stream().map(name -> "@" + name).toList()) + ")";
    }

    /** The procedures of one dialect, by name, as the classpath holds them. */
    public static List<String> names(Dialect dialect) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(ProcedureLibrary.class.getClassLoader())
                    .getResources("classpath*:procedures/" + dialect.folder() + "/*.sql");
            return Arrays.stream(files).map(Resource::getFilename).filter(Objects::nonNull)
                    .map(f -> f.substring(0, f.length() - ".sql".length())).distinct().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL text of a procedure in one dialect. */
    public static String source(Dialect dialect, String procedure) {
        checkName(procedure);
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

    public static ProcedureContract contract(Dialect dialect, String procedure) {
        String sql = source(dialect, procedure);
        return dialect == Dialect.DUCKDB ? ProcedureContract.ofDuckDb(procedure, sql)
                : ProcedureContract.ofBigQuery(procedure, sql);
    }

    private static void checkName(String procedure) {
        if (procedure == null || !NAME.matcher(procedure).matches()) {
            throw new IllegalArgumentException("Not a procedure name: " + procedure);
        }
    }
}
