package com.cloudact.platform.warehouse.bigquery;

import com.cloudact.platform.warehouse.WarehouseException;
import com.cloudact.platform.warehouse.WriteConflictException;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.CsvOptions;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableDataWriteChannel;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.WriteChannelConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** {@link BigQueryGateway} on the google-cloud-bigquery SDK; SDK errors become CloudAct warehouse exceptions here. */
final class SdkBigQueryGateway implements BigQueryGateway {

    private final BigQuery bigQuery;
    private final String project;
    private final String location;

    SdkBigQueryGateway(BigQuery bigQuery, String project, String location) {
        this.bigQuery = bigQuery;
        this.project = project;
        this.location = location;
    }

    @Override
    public boolean datasetExists(String dataset) {
        return call(() -> bigQuery.getDataset(DatasetId.of(project, dataset)) != null);
    }

    @Override
    public void createDataset(String dataset, String datasetLocation) {
        call(() -> bigQuery.create(DatasetInfo.newBuilder(DatasetId.of(project, dataset))
                .setLocation(datasetLocation == null ? location : datasetLocation).build()));
    }

    @Override
    public void deleteDataset(String dataset) {
        call(() -> bigQuery.delete(DatasetId.of(project, dataset), BigQuery.DatasetDeleteOption.deleteContents()));
    }

    @Override
    public void deleteTable(String dataset, String table) {
        call(() -> bigQuery.delete(TableId.of(project, dataset, table)));
    }

    @Override
    public QueryOutcome query(String sql, Map<String, ?> params) {
        return call(() -> {
            Job job = bigQuery.create(JobInfo.of(JobId.newBuilder().setLocation(location)
                    .setJob(UUID.randomUUID().toString()).build(), config(sql, params, false)));
            job = job.waitFor();
            if (job == null) {
                throw new WarehouseException("BigQuery job vanished", null);
            }
            if (job.getStatus().getError() != null) {
                throw failure(job.getStatus().getError(), null);
            }
            JobStatistics.QueryStatistics stats = job.getStatistics();
            long affected = stats.getNumDmlAffectedRows() == null ? 0 : stats.getNumDmlAffectedRows();
            TableResult result = job.getQueryResults();
            return new QueryOutcome(rows(result), affected);
        });
    }

    @Override
    public List<String> dryRunColumns(String sql, Map<String, ?> params) {
        return call(() -> {
            Job job = bigQuery.create(JobInfo.of(config(sql, params, true)));
            JobStatistics.QueryStatistics stats = job.getStatistics();
            return stats.getSchema().getFields().stream().map(Field::getName).toList();
        });
    }

    @Override
    public void loadFile(String dataset, String table, Path file, boolean parquet, boolean gzip,
                         List<String> columnNames) {
        WriteChannelConfiguration.Builder config = WriteChannelConfiguration.newBuilder(TableId.of(project, dataset, table))
                .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED)
                .setWriteDisposition(JobInfo.WriteDisposition.WRITE_TRUNCATE);
        if (parquet) {
            config.setFormatOptions(FormatOptions.parquet());
        } else {
            config.setFormatOptions(CsvOptions.newBuilder().setSkipLeadingRows(1).setAllowQuotedNewLines(true).build())
                    .setSchema(Schema.of(columnNames.stream()
                            .map(name -> Field.of(name, LegacySQLTypeName.STRING)).toList()));
        }
        call(() -> {
            JobId jobId = JobId.newBuilder().setLocation(location).setJob(UUID.randomUUID().toString()).build();
            try (TableDataWriteChannel channel = bigQuery.writer(jobId, config.build());
                 OutputStream out = Channels.newOutputStream(channel)) {
                // BigQuery reads gzip-compressed CSV as it is.
                Files.copy(file, out);
            } catch (IOException e) {
                throw new WarehouseException("Upload to BigQuery failed: " + e.getMessage(), e);
            }
            Job job = bigQuery.getJob(jobId).waitFor();
            if (job.getStatus().getError() != null) {
                throw failure(job.getStatus().getError(), job.getStatus().getExecutionErrors());
            }
            return null;
        });
    }

    @Override
    public List<String> columnNames(String dataset, String table) {
        return call(() -> bigQuery.getTable(TableId.of(project, dataset, table)).getDefinition().getSchema()
                .getFields().stream().map(Field::getName).toList());
    }

    private QueryJobConfiguration config(String sql, Map<String, ?> params, boolean dryRun) {
        QueryJobConfiguration.Builder builder = QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false).setDryRun(dryRun);
        params.forEach((name, value) -> builder.addNamedParameter(name, parameter(value)));
        return builder.build();
    }

    static QueryParameterValue parameter(Object value) {
        return switch (value) {
            case null -> QueryParameterValue.of(null, StandardSQLTypeName.STRING);
            case String s -> QueryParameterValue.string(s);
            case Long l -> QueryParameterValue.int64(l);
            case Integer i -> QueryParameterValue.int64(i);
            case BigDecimal d -> QueryParameterValue.bigNumeric(d);
            case Double d -> QueryParameterValue.float64(d);
            case Boolean b -> QueryParameterValue.bool(b);
            case LocalDate d -> QueryParameterValue.date(d.toString());
            case Instant t -> QueryParameterValue.timestamp(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
            case byte[] bytes -> QueryParameterValue.bytes(bytes);
            case Enum<?> e -> QueryParameterValue.string(e.name());
            case Collection<?> list -> array(list);
            default -> throw new IllegalArgumentException("Cannot bind a " + value.getClass().getSimpleName());
        };
    }

    /** An ARRAY of the elements' own type (ARRAY&lt;INT64&gt; for longs, ...), as DuckDB binds each element. */
    private static QueryParameterValue array(Collection<?> list) {
        List<QueryParameterValue> items = new ArrayList<>();
        for (Object item : list) {
            if (item == null || item instanceof Collection<?>) {
                throw new IllegalArgumentException("An array parameter cannot hold NULL or nested lists");
            }
            items.add(parameter(item));
        }
        StandardSQLTypeName type = items.isEmpty() ? StandardSQLTypeName.STRING : items.getFirst().getType();
        if (items.stream().anyMatch(item -> item.getType() != type)) {
            throw new IllegalArgumentException("An array parameter must hold values of one type");
        }
        return QueryParameterValue.newBuilder().setType(StandardSQLTypeName.ARRAY).setArrayType(type)
                .setArrayValues(items).build();
    }

    private static List<Map<String, Object>> rows(TableResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (result == null || result.getSchema() == null) {
            return rows;
        }
        FieldList fields = result.getSchema().getFields();
        for (FieldValueList values : result.iterateAll()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Field field : fields) {
                row.put(field.getName(), value(field, values.get(field.getName())));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(Field field, FieldValue value) {
        if (value == null || value.isNull()) {
            return field.getMode() == Field.Mode.REPEATED ? List.of() : null;
        }
        if (field.getMode() == Field.Mode.REPEATED) {
            return value.getRepeatedValue().stream().map(v -> scalar(field.getType().getStandardType(), v)).toList();
        }
        return scalar(field.getType().getStandardType(), value);
    }

    private static Object scalar(StandardSQLTypeName type, FieldValue v) {
        return switch (type) {
            case INT64 -> v.getLongValue();
            case NUMERIC, BIGNUMERIC -> v.getNumericValue();
            case FLOAT64 -> v.getDoubleValue();
            case BOOL -> v.getBooleanValue();
            case DATE -> LocalDate.parse(v.getStringValue());
            case TIMESTAMP -> Instant.EPOCH.plusNanos(v.getTimestampValue() * 1_000L);
            case BYTES -> v.getBytesValue();
            default -> v.getStringValue();
        };
    }

    private interface Call<T> {
        T run() throws InterruptedException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (BigQueryException e) {
            throw failure(e.getError(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while waiting for BigQuery", e);
        }
    }

    private static WarehouseException failure(BigQueryError error, List<BigQueryError> details) {
        return failure(error, details, null);
    }

    private static WarehouseException failure(BigQueryError error, List<BigQueryError> details, Exception cause) {
        String message = error == null ? String.valueOf(cause) : error.getMessage();
        if (details != null && !details.isEmpty()) {
            message += "\n" + details.stream().limit(5).map(BigQueryError::getMessage).toList();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("concurrent update") || lower.contains("could not serialize access")) {
            return new WriteConflictException(message, cause);
        }
        return new WarehouseException(message, cause);
    }
}
