package com.cloudact.pipeline.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a procedure as its file declares them, in call order. A DuckDB file declares them in its
 * header comment ({@code -- Parameters: @p_org_slug, @p_credential_id (nullable), ...}, continued on further
 * comment lines while a line ends with a comma); a BigQuery file in its {@code CREATE OR REPLACE PROCEDURE}
 * signature, whose first parameter, {@code p_dataset_id}, is the org dataset every call passes first and is not
 * part of the contract.
 */
public record ProcedureContract(String procedure, List<Parameter> parameters) {

    public static final String DATASET_PARAMETER = "p_dataset_id";
    private static final Pattern HEADER = Pattern.compile("(?m)^--\\s*Parameters:\\s*(.*)$");
    private static final Pattern CONTINUATION = Pattern.compile("^--\\s*(.*)$");
    private static final Pattern DUCKDB_PARAMETER = Pattern.compile("^@([a-z_][a-z0-9_]*)\\s*(\\(nullable\\))?\\.?$");
    private static final Pattern SIGNATURE = Pattern.compile(
            "CREATE\\s+OR\\s+REPLACE\\s+PROCEDURE\\s+`[^`]*`\\.(\\w+)\\s*\\((.*?)\\)\\s*(?:OPTIONS|BEGIN)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BIGQUERY_PARAMETER = Pattern.compile("^(?:IN\\s+)?([a-z_][a-z0-9_]*)\\s+([A-Z0-9_<>]+)$",
            Pattern.CASE_INSENSITIVE);

    public ProcedureContract {
        parameters = List.copyOf(parameters);
    }

    /** One parameter; {@code type} is only known from the BigQuery signature, {@code nullable} from the header. */
    public record Parameter(String name, String type, boolean nullable) {
    }

    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    public static ProcedureContract ofDuckDb(String procedure, String sql) {
        String[] lines = sql.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher header = HEADER.matcher(lines[i]);
            if (!header.matches()) {
                continue;
            }
            StringBuilder text = new StringBuilder(header.group(1).strip());
            while (text.toString().endsWith(",") && i + 1 < lines.length) {
                Matcher next = CONTINUATION.matcher(lines[++i]);
                if (!next.matches()) {
                    break;
                }
                text.append(' ').append(next.group(1).strip());
            }
            List<Parameter> parameters = new ArrayList<>();
            for (String item : text.toString().split(",")) {
                Matcher m = DUCKDB_PARAMETER.matcher(item.strip());
                if (!m.matches()) {
                    throw new IllegalStateException(procedure + " (duckdb): cannot read parameter '" + item.strip()
                            + "' of its '-- Parameters:' header");
                }
                parameters.add(new Parameter(m.group(1), null, m.group(2) != null));
            }
            return new ProcedureContract(procedure, parameters);
        }
        throw new IllegalStateException(procedure + " (duckdb) has no '-- Parameters:' header");
    }

    public static ProcedureContract ofBigQuery(String procedure, String sql) {
        Matcher m = SIGNATURE.matcher(sql);
        if (!m.find()) {
            throw new IllegalStateException(procedure + " (bigquery) has no CREATE OR REPLACE PROCEDURE signature");
        }
        if (!m.group(1).equals(procedure)) {
            throw new IllegalStateException(procedure + " (bigquery) creates a procedure named " + m.group(1));
        }
        List<Parameter> parameters = new ArrayList<>();
        for (String item : m.group(2).split(",")) {
            Matcher p = BIGQUERY_PARAMETER.matcher(item.strip());
            if (!p.matches()) {
                throw new IllegalStateException(procedure + " (bigquery): cannot read parameter '" + item.strip() + "'");
            }
            parameters.add(new Parameter(p.group(1), p.group(2).toUpperCase(Locale.ROOT), true));
        }
        if (parameters.isEmpty() || !parameters.getFirst().name().equals(DATASET_PARAMETER)) {
            throw new IllegalStateException(procedure + " (bigquery): the first parameter must be " + DATASET_PARAMETER);
        }
        return new ProcedureContract(procedure, parameters.subList(1, parameters.size()));
    }
}
